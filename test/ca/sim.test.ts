// The certsrv client against sim/certsrv (an AD CS-compatible CA over HTTPS), with the
// certificates it issues judged by core/pki's checks and by openssl.
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { CertsrvClient } from '../../core/ca/client.ts';
import { CaError } from '../../core/ca/errors.ts';
import { MemoryRequestLedger } from '../../core/ca/ledger.ts';
import { NodeHttpsTransport, type NodeTransportAuth } from '../../core/ca/node-transport.ts';
import { checkCertificate } from '../../core/pki/check.ts';
import { buildCsr } from '../../core/pki/csr.ts';
import { wrapOnBehalf } from '../../core/pki/eobo.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { startCertsrv, type CertsrvHandle } from '../../sim/certsrv/index.ts';
import { openssl, tempDir } from '../pki/openssl.ts';

const tmp = tempDir('ca-sim-');
let sim: CertsrvHandle;
const SID_BASE = 'S-1-5-21-3623811015-3361044348-30300820';

before(async () => {
  sim = await startCertsrv({ stateDir: tmp.path });
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

function connect(auth: NodeTransportAuth, url = sim.url) {
  const origin = new URL(url).origin;
  const transport = new NodeHttpsTransport({ origin, caCertificatesPem: [sim.caBundlePem], auth });
  const ledger = new MemoryRequestLedger();
  const client = new CertsrvClient({ baseUrl: url, transport, ledger, submitTimeoutMs: 30_000 });
  return { client, transport, ledger };
}

const basic = (user: string, pw = password(user)): NodeTransportAuth => ({
  kind: 'basic',
  username: `CORP\\${user}`,
  password: pw,
});

const rsa = (bits = 2048): KeyObject => generateKeyPairSync('rsa', { modulusLength: bits }).privateKey;

describe('certsrv client against sim/certsrv', () => {
  it('issued: Smartcard User for alice passes every certificate check', async () => {
    const { client, transport } = connect(basic('alice'));
    assert.equal((await client.checkCredentials()).ok, true);
    const card = nodeKeySigner(rsa());
    const csr = await buildCsr(card);
    const outcome = await client.submit({ key: 'alice-1', request: csr.der, template: 'SmartcardUser' });
    assert.equal(outcome.kind, 'issued', JSON.stringify(outcome));
    if (outcome.kind !== 'issued') return;
    const verdict = await checkCertificate(outcome.certificate.der, {
      trustAnchors: await client.caCertificates(),
      upn: 'alice@corp.example',
      email: 'alice@corp.example',
      sid: `${SID_BASE}-1104`,
      template: { name: 'SmartcardUser' },
      publicKey: card.spki,
    });
    assert.deepEqual(verdict.reasons, []);
    const chain = await client.fetchChain(outcome.reqId);
    assert.ok(chain.length >= 1);
    const certFile = `${tmp.path}/alice.pem`;
    const caFile = sim.caBundleFile;
    (await import('node:fs')).writeFileSync(certFile, outcome.certificate.pem);
    assert.match(openssl(['verify', '-CAfile', caFile, certFile]), /OK/);
    transport.close();
  });

  it('pending → approved, and pending → denied by an officer', async () => {
    sim.setApprovalMode('all');
    try {
      const { client, transport, ledger } = connect(basic('alice'));
      const first = await client.submit({
        key: 'p-1',
        request: (await buildCsr(nodeKeySigner(rsa()))).der,
        template: 'SmartcardUser',
      });
      assert.equal(first.kind, 'pending');
      if (first.kind !== 'pending') return;
      assert.equal((await ledger.get('p-1'))?.reqId, first.reqId);
      assert.equal((await client.recheck(first.reqId, { key: 'p-1', via: 'chkpnd' })).kind, 'pending');
      sim.approve(first.reqId);
      const later = await client.resumePending();
      assert.equal(later[0]?.outcome.kind, 'issued');

      const second = await client.submit({
        key: 'p-2',
        request: (await buildCsr(nodeKeySigner(rsa()))).der,
        template: 'SmartcardUser',
      });
      assert.equal(second.kind, 'pending');
      if (second.kind !== 'pending') return;
      sim.deny(second.reqId);
      const denied = await client.recheck(second.reqId, { key: 'p-2' });
      assert.equal(denied.kind, 'denied');
      assert.equal(denied.kind === 'denied' && denied.hresult?.code, 'CA_DENIED_BY_OFFICER');
      assert.equal((await ledger.get('p-2'))?.state, 'denied');
      transport.close();
    } finally {
      sim.setApprovalMode('none');
    }
  });

  it('denials carry their HRESULT as a stable code', async () => {
    const cases: Array<{
      user: string;
      template: string;
      key?: KeyObject;
      code: string;
      setup?: () => void;
      undo?: () => void;
    }> = [
      { user: 'dave', template: 'SmartcardUser', code: 'CA_TEMPLATE_DENIED' },
      { user: 'bob', template: 'SmartcardUser', code: 'CA_USER_NO_EMAIL' },
      { user: 'alice', template: 'SmartcardUser', key: rsa(1024), code: 'CA_KEY_TOO_SHORT' },
      { user: 'alice', template: 'NoSuchTemplate', code: 'CA_TEMPLATE_NOT_PUBLISHED' },
      {
        user: 'alice',
        template: 'SmartcardLogon',
        code: 'CA_TEMPLATE_NOT_PUBLISHED',
        setup: () => sim.setTemplatePolicy('SmartcardLogon', { published: false }),
        undo: () => sim.setTemplatePolicy('SmartcardLogon', { published: true }),
      },
    ];
    for (const c of cases) {
      c.setup?.();
      try {
        const { client, transport } = connect(basic(c.user));
        const csr = await buildCsr(nodeKeySigner(c.key ?? rsa()));
        const outcome = await client.submit({
          key: `deny-${c.code}-${c.user}`,
          request: csr.der,
          template: c.template,
        });
        assert.equal(outcome.kind, 'denied', `${c.code}: ${JSON.stringify(outcome)}`);
        assert.equal(outcome.kind === 'denied' && outcome.hresult?.code, c.code);
        transport.close();
      } finally {
        c.undo?.();
      }
    }
  });

  it('401 on a wrong password', async () => {
    const { client, transport } = connect(basic('alice', 'wrong-password'));
    await assert.rejects(
      client.checkCredentials(),
      (e: unknown) => e instanceof CaError && e.code === 'CA_AUTH_FAILED',
    );
    transport.close();
  });

  it('TLS client-certificate authentication', async () => {
    assert.ok(sim.clientCertUrl);
    const tlsCert = sim.issueClientCertificate('alice');
    const { client, transport } = connect(
      { kind: 'client-certificate', certificatePem: tlsCert.certPem, privateKeyPem: tlsCert.keyPem },
      sim.clientCertUrl,
    );
    assert.equal((await client.checkCredentials()).ok, true);
    const outcome = await client.submit({
      key: 'cc-1',
      request: (await buildCsr(nodeKeySigner(rsa()))).der,
      template: 'SmartcardLogon',
    });
    assert.equal(outcome.kind, 'issued', JSON.stringify(outcome));
    transport.close();
  });

  it('enroll on behalf of alice with a node:crypto agent key', async () => {
    const agentKey = rsa();
    const agent = sim.service.issueForUser('kiosk', 'EnrollmentAgent', {
      key: agentKey,
      publicKey: createPublicKey(agentKey),
    });
    const card = nodeKeySigner(rsa());
    const csr = await buildCsr(card);
    const cms = await wrapOnBehalf({
      csr: csr.der,
      agentCertificate: new Uint8Array(agent.certDer),
      agentSigner: nodeKeySigner(agentKey),
      requesterName: 'CORP\\alice',
    });
    const { client, transport } = connect(basic('kiosk'));
    const outcome = await client.submit({ key: 'eobo-1', request: cms.der, template: 'SmartcardUser' });
    assert.equal(outcome.kind, 'issued', JSON.stringify(outcome));
    if (outcome.kind !== 'issued') return;
    const verdict = await checkCertificate(outcome.certificate.der, {
      trustAnchors: await client.caCertificates(),
      upn: 'alice@corp.example',
      email: 'alice@corp.example',
      sid: `${SID_BASE}-1104`,
      template: { name: 'SmartcardUser' },
      publicKey: card.spki,
    });
    assert.deepEqual(verdict.reasons, []);

    // an agent certificate without the Certificate Request Agent EKU is rejected by the CA
    const notAgentKey = rsa();
    const notAgent = sim.service.issueForUser('kiosk', 'User', {
      key: notAgentKey,
      publicKey: createPublicKey(notAgentKey),
    });
    const bad = await wrapOnBehalf({
      csr: csr.der,
      agentCertificate: new Uint8Array(notAgent.certDer),
      agentSigner: nodeKeySigner(notAgentKey),
      requesterName: 'CORP\\alice',
    });
    const rejected = await client.submit({ key: 'eobo-2', request: bad.der, template: 'SmartcardUser' });
    assert.equal(rejected.kind === 'denied' && rejected.hresult?.code, 'CA_AGENT_CERTIFICATE_REJECTED');
    // unknown and disabled target users
    for (const [who, code] of [
      ['CORP\\nobody', 'CA_TARGET_USER_UNKNOWN'],
      ['CORP\\carol', 'CA_TARGET_USER_DISABLED'],
    ] as const) {
      const req = await wrapOnBehalf({
        csr: csr.der,
        agentCertificate: new Uint8Array(agent.certDer),
        agentSigner: nodeKeySigner(agentKey),
        requesterName: who,
      });
      const o = await client.submit({ key: `eobo-${who}`, request: req.der, template: 'SmartcardUser' });
      assert.equal(o.kind === 'denied' && o.hresult?.code, code, JSON.stringify(o));
    }
    transport.close();
  });
});
