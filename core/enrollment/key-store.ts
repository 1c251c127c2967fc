// Where the random per-card management key goes after issuance. The choice is the operator's
// (README "Management keys"):
//   discard         — nobody keeps it; re-issuing the card needs a PIV reset first. Nothing to steal.
//   encrypted-file  — AES-256-GCM under a station key-encryption key kept in a 0600 file (or a
//                     TPM/DPAPI-protected file on Windows); lets the station re-issue and unblock.
// Never in clear text, never in the audit log.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  existsSync,
  readFileSync,
  writeFileSync,
  renameSync,
  mkdirSync,
  openSync,
  fsyncSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import type { ManagementKeyStore } from './ports.ts';
import { Secret } from './secret.ts';

export class DiscardingKeyStore implements ManagementKeyStore {
  readonly keeps = false;
  get(): Secret | undefined {
    return undefined;
  }
  candidates(): Secret[] {
    return [];
  }
  stage(): void {}
  commit(): void {}
}

interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

export class EncryptedFileKeyStore {
  readonly keeps = true;
  readonly #file: string;
  readonly #kekFile: string;

  constructor(file: string, kekFile: string) {
    this.#file = file;
    this.#kekFile = kekFile;
  }

  #kek(): Buffer {
    if (!existsSync(this.#kekFile)) {
      mkdirSync(path.dirname(this.#kekFile), { recursive: true, mode: 0o700 });
      writeFileSync(this.#kekFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
    }
    const kek = readFileSync(this.#kekFile);
    if (kek.length !== 32) throw new Error(`key-encryption key file ${this.#kekFile} must hold 32 bytes`);
    return kek;
  }

  #read(): Record<string, Sealed> {
    if (!existsSync(this.#file)) return {};
    const parsed: unknown = JSON.parse(readFileSync(this.#file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`management key store ${this.#file} is not a JSON object`);
    }
    return parsed as Record<string, Sealed>;
  }

  get(cardId: string): Secret | undefined {
    const sealed = this.#read()[cardId];
    if (sealed === undefined) return undefined;
    const kek = this.#kek();
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(cardId, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      return Secret.fromBytes(new Uint8Array(plain));
    } finally {
      kek.fill(0);
    }
  }

  put(cardId: string, key: Secret): void {
    const all = this.#read();
    const kek = this.#kek();
    try {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', kek, iv);
      cipher.setAAD(Buffer.from(cardId, 'utf8'));
      const data = key.use((bytes) => Buffer.concat([cipher.update(bytes), cipher.final()]));
      all[cardId] = {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      };
    } finally {
      kek.fill(0);
    }
    mkdirSync(path.dirname(this.#file), { recursive: true, mode: 0o700 });
    const tmp = `${this.#file}.tmp`;
    writeFileSync(tmp, JSON.stringify(all, null, 2), { mode: 0o600 });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.#file);
  }
}
