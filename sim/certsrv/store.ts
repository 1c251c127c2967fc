// Request database: one JSON file per request under <state>/requests, written atomically
// (temp file + fsync + rename) so a crash never leaves half a record. Files are re-read on
// every access because the CLI (approve/deny) changes them from another process.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { PublicUser } from './directory.ts';

export function writeJsonAtomic(file: string, value: unknown, mode = 0o644): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, JSON.stringify(value, null, 2) + '\n');
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

export type RequestStatus = 'pending' | 'issued' | 'denied' | 'failed' | 'revoked';

/** certcli.h CR_DISP_* */
export const DISP = {
  INCOMPLETE: 0,
  ERROR: 1,
  DENIED: 2,
  ISSUED: 3,
  UNDER_SUBMISSION: 5,
  REVOKED: 6,
} as const;

export interface RequestRecord {
  id: number;
  submittedAt: string;
  resolvedAt?: string;
  status: RequestStatus;
  disposition: number;
  /** HRESULT of a denial or failure */
  hresult?: number;
  /** the CA's disposition message ("Denied by Policy Module  0x…, …", "Taken Under Submission", …) */
  dispositionMessage: string;
  /** the authenticated account (DOMAIN\user) that submitted; only it may retrieve the result */
  caller: string;
  /** requestername from an enroll-on-behalf request, DOMAIN\user */
  onBehalfOf?: string;
  /** subject of the agent signing certificate */
  agentCertificate?: string;
  template?: string;
  attributes: Record<string, string>;
  /** the submitted request, base64 DER */
  request: string;
  /** what issuance needs (snapshot at submission, like AD CS stores request properties) */
  target?: PublicUser;
  publicKeyInfo?: string;
  certificate?: string;
  serialNumber?: string;
  caIndex?: number;
  decidedBy?: string;
  revokedAt?: string;
  revocationReason?: number;
}

export class RequestStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, 'requests');
    mkdirSync(this.dir, { recursive: true });
  }

  #file(id: number): string {
    return join(this.dir, `${String(id).padStart(8, '0')}.json`);
  }

  ids(): number[] {
    return readdirSync(this.dir)
      .filter((f) => /^\d{8}\.json$/.test(f))
      .map((f) => Number(f.slice(0, 8)))
      .sort((a, b) => a - b);
  }

  /** Allocates the next id (only the serving process allocates). */
  nextId(): number {
    const ids = this.ids();
    return (ids[ids.length - 1] ?? 0) + 1;
  }

  get(id: number): RequestRecord | undefined {
    const f = this.#file(id);
    if (!existsSync(f)) return undefined;
    return JSON.parse(readFileSync(f, 'utf8')) as RequestRecord;
  }

  put(rec: RequestRecord): void {
    writeJsonAtomic(this.#file(rec.id), rec);
  }

  all(): RequestRecord[] {
    return this.ids().flatMap((id) => {
      const r = this.get(id);
      return r ? [r] : [];
    });
  }
}
