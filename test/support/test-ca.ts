// The openssl test CA (dev/test-ca.ts): makeCa/issue for leaves with chosen extensions, OpensslCa
// for keys generated on a card, and openssl as the judge (openssl, opensslStatus, opensslBytes).
export * from '../../dev/test-ca.ts';
