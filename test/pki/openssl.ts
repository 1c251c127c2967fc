// openssl as the independent judge of what core/pki encodes: now in the test support library
// (test/support/test-ca.ts, test/support/tools.ts); kept for test/ca.
export { openssl, opensslStatus, opensslBytes } from '../support/test-ca.ts';
export { tempDir, type TempDir } from '../support/tools.ts';
