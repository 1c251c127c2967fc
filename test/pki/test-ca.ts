// Moved to dev/test-ca.ts (the one openssl test CA, shared with the benches); kept for test/ca.
export * from '../support/test-ca.ts';
