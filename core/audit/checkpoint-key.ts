// The per-station checkpoint signing key. Generated on first use into a file that only the station
// account can read (0600); auditors pin the public key, or its fingerprint, not the file.
import {
  randomBytes,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { AuditError } from './errors.ts';

export interface CheckpointSigner {
  readonly publicKey: KeyObject;
  /** SHA-256 over the SPKI DER of the public key, hex */
  readonly fingerprint: string;
  sign(message: Buffer): string;
}

export function publicKeyFingerprint(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Accepts a KeyObject or a PEM (SPKI) string, as an auditor would pin it. */
export function toPublicKey(key: KeyObject | string): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

export function verifySignature(publicKey: KeyObject, message: Buffer, signatureB64: string): boolean {
  try {
    return verify(null, message, publicKey, Buffer.from(signatureB64, 'base64'));
  } catch {
    return false;
  }
}

function signerFrom(privateKey: KeyObject): CheckpointSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new AuditError('AUDIT_KEY', 'checkpoint key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  return {
    publicKey,
    fingerprint: publicKeyFingerprint(publicKey),
    sign: (message) => sign(null, message, privateKey).toString('base64'),
  };
}

/**
 * Loads the Ed25519 key at keyPath, or creates it (mode 0600, fsync'd, linked into place) when the
 * file does not exist. Refuses a key file that group or others can read or write.
 */
export function loadOrCreateCheckpointKey(keyPath: string): CheckpointSigner {
  try {
    mkdirSync(path.dirname(keyPath), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new AuditError('AUDIT_KEY', `cannot create the folder of checkpoint key file ${keyPath}`, {
      cause: err,
      file: keyPath,
    });
  }
  if (existsSync(keyPath)) return loadCheckpointKey(keyPath);
  // Written whole under a unique name, then linked into place: link() fails if another process
  // created the key first, so two processes starting at once never read a half-written key.
  const tmp = `${keyPath}.${randomBytes(8).toString('hex')}.tmp`;
  const { privateKey } = generateKeyPairSync('ed25519');
  try {
    const fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
    try {
      writeSync(fd, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, keyPath);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      return loadCheckpointKey(keyPath);
    }
    return signerFrom(privateKey);
  } catch (err) {
    if (err instanceof AuditError) throw err;
    throw new AuditError('AUDIT_KEY', `cannot create checkpoint key file ${keyPath}`, {
      cause: err,
      file: keyPath,
    });
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      // not created
    }
  }
}

export function loadCheckpointKey(keyPath: string): CheckpointSigner {
  let pem: string;
  try {
    const fd = openSync(keyPath, constants.O_RDONLY | constants.O_NOFOLLOW);
    try {
      const mode = fstatSync(fd).mode & 0o777;
      if ((mode & 0o077) !== 0) {
        throw new AuditError(
          'AUDIT_KEY',
          `checkpoint key file ${keyPath} is accessible to others (mode ${mode.toString(8)}); it must be 0600`,
          { file: keyPath },
        );
      }
      pem = readFileSync(fd, 'utf8');
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if (err instanceof AuditError) throw err;
    throw new AuditError('AUDIT_KEY', `cannot read checkpoint key file ${keyPath}`, {
      cause: err,
      file: keyPath,
    });
  }
  try {
    return signerFrom(createPrivateKey(pem));
  } catch (err) {
    if (err instanceof AuditError) throw err;
    throw new AuditError('AUDIT_KEY', `checkpoint key file ${keyPath} does not hold a valid private key`, {
      cause: err,
      file: keyPath,
    });
  }
}
