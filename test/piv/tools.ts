// Kept for test/errors: the runners and the openssl test CA are in the test support library.
export * from '../support/tools.ts';
export * from '../support/test-ca.ts';
