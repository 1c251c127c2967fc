// openssl as the independent judge of what core/pki encodes.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function openssl(args: readonly string[], input?: Uint8Array | string): string {
  return execFileSync('openssl', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** exit status and both streams, for commands whose verdict is printed on stderr */
export function opensslStatus(
  args: readonly string[],
  input?: Uint8Array | string,
): { status: number; output: string } {
  const r = spawnSync('openssl', args, { input, encoding: 'utf8' });
  return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

export function opensslBytes(args: readonly string[], input?: Uint8Array | string): Uint8Array {
  return new Uint8Array(execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] }));
}

export interface TempDir {
  readonly path: string;
  file(name: string, content: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(prefix: string): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file(name, content) {
      const p = join(path, name);
      writeFileSync(p, content);
      return p;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
