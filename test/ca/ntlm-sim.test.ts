// The Node transport's NTLMv2 (with channel binding) against sim/certsrv's own NTLM acceptor over
// HTTPS, in each IIS Extended Protection mode: the full certsrv flow through CertsrvClient, wrong
// passwords, a client that leaves the channel binding out, and a binding to another certificate.
// The sim's acceptor is confirmed independently by Python and curl in ntlm-interop.test.ts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { CertsrvClient } from '../../core/ca/client.ts';
import { CaError } from '../../core/ca/errors.ts';
import { MemoryRequestLedger } from '../../core/ca/ledger.ts';
import { NodeHttpsTransport, type NtlmChannelBinding } from '../../core/ca/node-transport.ts';
import { buildCsr } from '../../core/pki/csr.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { startCertsrv, type CertsrvHandle, type ExtendedProtection } from '../../sim/certsrv/index.ts';
import { tempDir } from '../pki/openssl.ts';

const run = promisify(execFile);
const tmp = tempDir('ntlm-sim-');
let sim: CertsrvHandle;

before(async () => {
  sim = await startCertsrv({
    stateDir: tmp.path,
    clientCertPort: false,
    challenges: ['Negotiate', 'NTLM'],
    extendedProtection: 'required',
  });
});
after(async () => {
  await sim?.stop();
  tmp.remove();
});

function password(user: string): string {
  const p = sim.credentials?.[`CORP\\${user}`];
  assert.ok(p, `demo password for ${user}`);
  return p;
}

function connect(
  o: {
    user?: string;
    domain?: string;
    password?: string;
    binding?: NtlmChannelBinding;
    target?: CertsrvHandle;
  } = {},
) {
  const url = (o.target ?? sim).url;
  const transport = new NodeHttpsTransport({
    origin: new URL(url).origin,
    caCertificatesPem: [(o.target ?? sim).caBundlePem],
    auth: {
      kind: 'ntlm',
      domain: o.domain ?? 'CORP',
      username: o.user ?? 'alice',
      password: o.password ?? password(o.user ?? 'alice'),
      ...(o.binding ? { channelBinding: o.binding } : {}),
    },
  });
  const client = new CertsrvClient({
    baseUrl: url,
    transport,
    ledger: new MemoryRequestLedger(),
    submitTimeoutMs: 30_000,
  });
  return { client, transport };
}

async function authFailure(p: Promise<unknown>): Promise<CaError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof CaError, `expected a CaError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the CA to refuse');
}

async function submitSmartcardUser(client: CertsrvClient, key: string) {
  const card = nodeKeySigner(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
  const csr = await buildCsr(card);
  return client.submit({ key, request: csr.der, template: 'SmartcardUser' });
}

describe('NTLMv2 + channel binding against sim/certsrv', () => {
  for (const mode of ['off', 'when-supported', 'required'] as const satisfies readonly ExtendedProtection[]) {
    it(`EPA ${mode}: credentials, templates and an issued Smartcard User certificate`, async () => {
      sim.setExtendedProtection(mode);
      const { client, transport } = connect();
      try {
        assert.equal((await client.checkCredentials()).ok, true);
        assert.ok((await client.offeredTemplates()).includes('SmartcardUser'));
        const outcome = await submitSmartcardUser(client, `ntlm-${mode}`);
        assert.equal(outcome.kind, 'issued', JSON.stringify(outcome));
        if (outcome.kind === 'issued') {
          const record = sim.get(outcome.reqId);
          assert.equal(record?.caller, 'CORP\\alice', 'the CA saw the NTLM identity');
          const chain = await client.fetchChain(outcome.reqId);
          assert.ok(chain.length >= 1);
        }
      } finally {
        transport.close();
        sim.setExtendedProtection('required');
      }
    });
  }

  it('a UPN with an empty domain logs on too', async () => {
    const { client, transport } = connect({
      user: 'alice@corp.example',
      domain: '',
      password: password('alice'),
    });
    try {
      assert.equal((await client.checkCredentials()).ok, true);
    } finally {
      transport.close();
    }
  });

  it('wrong password: CA_AUTH_FAILED (401), nothing submitted, the password in no message', async () => {
    const wrong = 'not-alices-password-7Q';
    const { client, transport } = connect({ password: wrong });
    try {
      const e = await authFailure(client.checkCredentials());
      assert.equal(e.code, 'CA_AUTH_FAILED');
      assert.equal(e.status, 401);
      assert.match(sim.lastAuthFailure ?? '', /wrong password/);
      const before = sim.list().length;
      const outcome = await authFailure(submitSmartcardUser(client, 'ntlm-wrong'));
      assert.equal(outcome.code, 'CA_AUTH_FAILED');
      assert.equal(sim.list().length, before, 'the CA processed no request');
      assert.doesNotMatch(JSON.stringify({ e, outcome, m: e.message, x: e.pageExcerpt }), new RegExp(wrong));
    } finally {
      transport.close();
    }
  });

  it('a disabled account (carol) is refused', async () => {
    const { client, transport } = connect({ user: 'carol' });
    try {
      assert.equal((await authFailure(client.checkCredentials())).code, 'CA_AUTH_FAILED');
    } finally {
      transport.close();
    }
  });

  it('EPA required refuses a client that omits the channel binding; when-supported and off accept it', async () => {
    const cases: Array<[ExtendedProtection, boolean]> = [
      ['required', false],
      ['when-supported', true],
      ['off', true],
    ];
    for (const [mode, accepted] of cases) {
      sim.setExtendedProtection(mode);
      const { client, transport } = connect({ binding: 'none' });
      try {
        if (accepted) assert.equal((await client.checkCredentials()).ok, true, mode);
        else {
          assert.equal((await authFailure(client.checkCredentials())).code, 'CA_AUTH_FAILED', mode);
          assert.match(sim.lastAuthFailure ?? '', /required but absent/);
        }
      } finally {
        transport.close();
      }
    }
    sim.setExtendedProtection('required');
  });

  it('a binding to another certificate (a TLS-terminating proxy, a relay) is refused unless EPA is off', async () => {
    // any other server certificate: here one the sim's CA issues
    const stranger = sim.issueCertificate('CORP\\alice', 'User');
    const der = new Uint8Array(Buffer.from(stranger.certPem.replace(/-----[A-Z ]+-----|\s+/g, ''), 'base64'));
    const cases: Array<[ExtendedProtection, boolean]> = [
      ['required', false],
      ['when-supported', false],
      ['off', true],
    ];
    try {
      for (const [mode, accepted] of cases) {
        sim.setExtendedProtection(mode);
        const { client, transport } = connect({ binding: { certificate: der } });
        try {
          if (accepted) assert.equal((await client.checkCredentials()).ok, true, mode);
          else {
            assert.equal((await authFailure(client.checkCredentials())).code, 'CA_AUTH_FAILED', mode);
            assert.match(sim.lastAuthFailure ?? '', /does not match/);
          }
        } finally {
          transport.close();
        }
      }
    } finally {
      sim.setExtendedProtection('required');
    }
  });

  it('a server that offers only Basic gets no Basic from an NTLM transport (no silent downgrade)', async () => {
    const basicOnly = await startCertsrv({ stateDir: join(tmp.path, 'basic-only'), clientCertPort: false });
    try {
      const pw = basicOnly.credentials?.['CORP\\alice'] ?? '';
      const { client, transport } = connect({ target: basicOnly, password: pw });
      try {
        const e = await authFailure(client.checkCredentials());
        assert.equal(e.code, 'CA_AUTH_FAILED');
        assert.match(e.message, /offers Basic/);
      } finally {
        transport.close();
      }
    } finally {
      await basicOnly.stop();
    }
  });

  it('station diagnose reports NTLM and probes Extended Protection (enforced / not enforced)', async () => {
    const configFile = join(tmp.path, 'station.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        stationId: 'ntlm-test',
        dataDir: join(tmp.path, 'station-data'),
        ca: {
          url: sim.url,
          caBundleFile: sim.caBundleFile,
          auth: { kind: 'ntlm', username: 'CORP\\alice', passwordEnv: 'NTLM_TEST_CA_PASSWORD' },
        },
      }),
    );
    type Finding = { id: string; ok: boolean; facts: Record<string, string> };
    const diagnose = async (): Promise<Finding[]> => {
      const r = await run(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          'cli/station.ts',
          'diagnose',
          '--config',
          configFile,
          '--json',
        ],
        { env: { ...process.env, NTLM_TEST_CA_PASSWORD: password('alice') }, timeout: 60_000 },
      ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' })); // exits 1 without readers
      return r.stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => (JSON.parse(l) as { finding: Finding }).finding)
        .filter(Boolean);
    };
    const epa = (fs: Finding[]) => fs.find((f) => f.id === 'extended-protection');

    sim.setExtendedProtection('required');
    let findings = await diagnose();
    assert.match(findings.find((f) => f.id === 'credentials')?.facts.account ?? '', /^ntlm CORP\\alice/);
    assert.deepEqual([epa(findings)?.ok, epa(findings)?.facts.state], [true, 'enforced']);

    sim.setExtendedProtection('when-supported');
    try {
      findings = await diagnose();
      assert.equal(epa(findings)?.ok, false);
      assert.equal(epa(findings)?.facts.state, 'not-enforced');
    } finally {
      sim.setExtendedProtection('required');
    }
  });
});
