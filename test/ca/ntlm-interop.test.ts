// Independent confirmation of sim/certsrv's NTLM acceptor (and so of what the station's client is
// tested against): Debian's python3-requests-ntlm 1.1.0 / python3-ntlm-auth, which send a channel
// binding by default, and curl --ntlm, which sends none. Also cross-checks the client's RFC 5929
// hash choice and gss_channel_bindings_struct against requests_ntlm and ntlm_auth.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { channelBindingHash, tlsServerEndPoint } from '../../core/ca/ntlm/channel-binding.ts';
import { startCertsrv, type CertsrvHandle } from '../../sim/certsrv/index.ts';
import { opensslBytes, tempDir } from '../pki/openssl.ts';

const run = promisify(execFile);
// Debian's interpreter: the Debian packages are installed for it, not for a pyenv/venv python3
const PYTHON = '/usr/bin/python3';

// ntlm_auth 1.4 computes MD4 with hashlib, which OpenSSL 3 offers only once the legacy provider is
// loaded; python3-cryptography loads it when its backend starts. requests_ntlm starts it by itself
// only when it reads the certificate for CBT, so without this line send_cbt=False dies in hashlib.
const PY_PRELUDE = 'from cryptography.hazmat.backends import default_backend; default_backend()\n';

const PY_GET = `${PY_PRELUDE}
import os, requests
from requests_ntlm import HttpNtlmAuth
auth = HttpNtlmAuth(os.environ['NTLM_USER'], os.environ['NTLM_PASSWORD'], send_cbt=os.environ['SEND_CBT'] == '1')
r = requests.get(os.environ['URL'], auth=auth, verify=os.environ['CA_BUNDLE'])
print(r.status_code)
print('Microsoft Active Directory Certificate Services' in r.text)
`;

const PY_CBT = `${PY_PRELUDE}
import hashlib, sys
from requests_ntlm.requests_ntlm import _get_certificate_hash
from ntlm_auth.gss_channel_bindings import GssChannelBindingsStruct
der = open(sys.argv[1], 'rb').read()
h = _get_certificate_hash(der)
cb = GssChannelBindingsStruct()
cb[cb.APPLICATION_DATA] = b'tls-server-end-point:' + bytes.fromhex(h)
print(h.lower())
print(hashlib.md5(cb.get_data()).hexdigest())
`;

const tmp = tempDir('ntlm-interop-');
let sim: CertsrvHandle;
let pythonReady = false;
let curlNtlm = false;

before(async () => {
  sim = await startCertsrv({
    stateDir: tmp.path,
    clientCertPort: false,
    challenges: ['Negotiate', 'NTLM'],
    extendedProtection: 'required',
  });
  pythonReady = await run(PYTHON, ['-c', 'import requests_ntlm, ntlm_auth, cryptography']).then(
    () => true,
    () => false,
  );
  curlNtlm = await run('curl', ['-V']).then(
    (r) => /\bNTLM\b/.test(r.stdout),
    () => false,
  );
});
after(async () => {
  await sim?.stop();
  tmp.remove();
});

const NEED_PYTHON =
  'needs python3-requests-ntlm and python3-ntlm-auth (Debian; ./run installs them) for /usr/bin/python3';

function password(user: string): string {
  const p = sim.credentials?.[`CORP\\${user}`];
  assert.ok(p);
  return p;
}

async function python(
  sendCbt: boolean,
  pw = password('alice'),
): Promise<{ status: number; certsrv: boolean }> {
  const { stdout } = await run(PYTHON, ['-c', PY_GET], {
    // the password travels in the environment, never on a command line
    env: {
      ...process.env,
      URL: sim.url,
      CA_BUNDLE: sim.caBundleFile,
      NTLM_USER: 'CORP\\alice',
      NTLM_PASSWORD: pw,
      SEND_CBT: sendCbt ? '1' : '0',
    },
    timeout: 60_000,
  });
  const [status, certsrv] = stdout.trim().split('\n');
  return { status: Number(status), certsrv: certsrv === 'True' };
}

async function curl(pw = password('alice')): Promise<number> {
  const args = [
    '-s',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '--ntlm',
    '--cacert',
    sim.caBundleFile,
    '-K',
    '-',
    sim.url,
  ];
  const pending = run('curl', args, { timeout: 60_000 });
  // credentials on stdin as a curl config line: not visible in the process table
  const quoted = `CORP\\alice:${pw}`.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  pending.child.stdin?.end(`user = "${quoted}"\n`);
  const { stdout } = await pending;
  return Number(stdout.trim());
}

describe('requests_ntlm (Python, sends CBT) against the sim', () => {
  it('EPA required: succeeds with CBT, 401 without', async (t) => {
    if (!pythonReady) return t.skip(NEED_PYTHON);
    sim.setExtendedProtection('required');
    assert.deepEqual(await python(true), { status: 200, certsrv: true });
    assert.equal((await python(false)).status, 401);
    assert.match(sim.lastAuthFailure ?? '', /required but absent/);
  });

  it('EPA when-supported and off: succeeds with and without CBT', async (t) => {
    if (!pythonReady) return t.skip(NEED_PYTHON);
    try {
      for (const mode of ['when-supported', 'off'] as const) {
        sim.setExtendedProtection(mode);
        assert.equal((await python(true)).status, 200, `${mode} with CBT`);
        assert.equal((await python(false)).status, 200, `${mode} without CBT`);
      }
    } finally {
      sim.setExtendedProtection('required');
    }
  });

  it('wrong password: 401', async (t) => {
    if (!pythonReady) return t.skip(NEED_PYTHON);
    assert.equal((await python(true, 'definitely-wrong')).status, 401);
    assert.match(sim.lastAuthFailure ?? '', /wrong password/);
  });

  it('the client codec computes the same channel binding as requests_ntlm + ntlm_auth', async (t) => {
    if (!pythonReady) return t.skip(NEED_PYTHON);
    // the sim's own TLS certificate (sha256WithRSA) and an openssl SHA-1-signed one (→ SHA-256)
    const simLeaf = await new Promise<Uint8Array>((resolve, reject) => {
      const u = new URL(sim.url);
      const s = connect(
        { host: u.hostname, port: Number(u.port), ca: sim.caBundlePem, servername: 'localhost' },
        () => {
          const raw = s.getPeerCertificate(false).raw;
          s.end();
          resolve(new Uint8Array(raw));
        },
      );
      s.on('error', reject);
    });
    const key = join(tmp.path, 'sha1.key');
    opensslBytes(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
    const sha1Cert = opensslBytes([
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-sha1',
      '-subj',
      '/CN=ca',
      '-outform',
      'DER',
    ]);
    for (const [name, der] of [
      ['sim', simLeaf],
      ['sha1', sha1Cert],
    ] as const) {
      const file = join(tmp.path, `${name}.der`);
      writeFileSync(file, der);
      const { stdout } = await run(PYTHON, ['-c', PY_CBT, file]);
      const [certHash, md5] = stdout.trim().split('\n');
      assert.equal(Buffer.from(tlsServerEndPoint(der).subarray(21)).toString('hex'), certHash, name);
      assert.equal(Buffer.from(channelBindingHash(der)).toString('hex'), md5, name);
    }
  });
});

describe('curl --ntlm (sends no CBT) against the sim', () => {
  it('EPA off: 200; wrong password: 401; EPA required: 401', async (t) => {
    if (!curlNtlm) return t.skip('this curl has no NTLM support');
    try {
      sim.setExtendedProtection('off');
      assert.equal(await curl(), 200);
      assert.equal(await curl('definitely-wrong'), 401);
      sim.setExtendedProtection('required');
      assert.equal(await curl(), 401);
      assert.match(sim.lastAuthFailure ?? '', /required but absent/);
    } finally {
      sim.setExtendedProtection('required');
    }
  });
});
