// The PIV client's public surface for the enrollment engine.
export * from './constants.ts';
export * from './session.ts';
export * from './public-key.ts';
export * from './objects.ts';
export * from './signer.ts';
export { digest, digestInfo, pkcs1v15Encode, pssEncode, type HashAlgorithm } from './padding.ts';
export { SecretFormatError, type Secret } from './secrets.ts';
