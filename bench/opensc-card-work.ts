// The reference both GIDS benches measure the station against: OpenSC's pkcs11-tool doing the same
// card-side work on the same software card — an RSA-2048 key generated in a new container, its
// public key read back, a certificate for it (from the openssl test CA, outside the timing)
// written, and one signature — timed and counted in APDUs by the card itself.
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { PKCS11_MODULE, pkcs11OnlyReader, runTool, type TempDir } from '../dev/tools.ts';
import type { OpensslCa } from '../dev/test-ca.ts';

export interface Sample {
  readonly ms: number;
  readonly apdus: number;
}

export async function openscCardWork(
  card: { readonly apduCount: number },
  reader: string,
  pin: string,
  ca: OpensslCa,
  dir: TempDir,
): Promise<Sample> {
  const env = await pkcs11OnlyReader(reader, dir);
  const p11 = async (args: string[]): Promise<void> => {
    const r = await runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], {
      env,
    });
    if (r.status !== 0) throw new Error(`pkcs11-tool ${args.join(' ')}: ${r.stderr}`);
  };
  const login = ['--login', '--pin', pin];
  const before = card.apduCount;
  let ms = 0;
  let t = performance.now();
  await p11([...login, '--keypairgen', '--key-type', 'rsa:2048', '--label', 'bench']);
  await p11(['--read-object', '--type', 'pubkey', '--id', '00', '-o', dir.file('pub.der')]);
  ms += performance.now() - t;
  const spki = new Uint8Array(
    createPublicKey({ key: readFileSync(dir.file('pub.der')), format: 'der', type: 'spki' }).export({
      type: 'spki',
      format: 'der',
    }),
  );
  const cert = ca.issue(spki, 'bench');
  t = performance.now();
  await p11([...login, '--write-object', dir.file('c.der', cert.der), '--type', 'cert', '--id', '00']);
  await p11([
    ...login,
    '--sign',
    '--id',
    '00',
    '-m',
    'SHA256-RSA-PKCS',
    '-i',
    dir.file('m', 'bench challenge'),
    '-o',
    dir.file('s'),
  ]);
  ms += performance.now() - t;
  return { ms, apdus: card.apduCount - before };
}
