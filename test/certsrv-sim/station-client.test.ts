// The station's certsrv client (core/ca) against the corrected sim, over HTTPS: the real forms
// of issue 11 (Error Parsing Request denials, "(never set)"/"(none)", "5 - (unknown)", the
// officer's code only in LastStatus, chkpnd pages without an id, localised denials, Base64 where
// DER was asked, CA renewals) all end in the right typed outcome.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { CertsrvClient } from '../../core/ca/client.ts';
import { CaError } from '../../core/ca/errors.ts';
import { MemoryRequestLedger } from '../../core/ca/ledger.ts';
import { NodeHttpsTransport } from '../../core/ca/node-transport.ts';
import type { HttpRequest, HttpTransport } from '../../core/ca/transport.ts';
import { buildCsr } from '../../core/pki/csr.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { Lab, openssl } from './helpers.ts';

/**
 * Stands for a CA that ignores the encoding asked for: the client's "Enc=bin" reaches the sim as
 * "Enc=BIN", which certnew.cer (comparing the value exactly) answers in Base64 with header.
 */
class EncodingIgnoredTransport implements HttpTransport {
  readonly inner: HttpTransport;
  rewritten = 0;
  constructor(inner: HttpTransport) {
    this.inner = inner;
  }
  request(r: HttpRequest) {
    const url = r.url.replace(/([?&])Enc=bin\b/, (_m, sep: string) => {
      this.rewritten++;
      return `${sep}Enc=BIN`;
    });
    return this.inner.request({ ...r, url });
  }
  close(): void {
    this.inner.close();
  }
}

describe('station client against the corrected sim', () => {
  const lab = new Lab();
  let csrDer: Uint8Array;

  before(async () => {
    await lab.start();
    csrDer = (await buildCsr(nodeKeySigner(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)))
      .der;
  });
  after(() => lab.cleanup());

  const connect = (user = 'CORP\\alice', wrap?: (t: HttpTransport) => HttpTransport) => {
    const base = new NodeHttpsTransport({
      origin: new URL(lab.sim.url).origin,
      caCertificatesPem: [lab.sim.caBundlePem],
      auth: { kind: 'basic', username: user, password: lab.password(user) },
    });
    const transport = wrap ? wrap(base) : base;
    const client = new CertsrvClient({
      baseUrl: lab.sim.url,
      transport,
      ledger: new MemoryRequestLedger(),
      submitTimeoutMs: 30_000,
    });
    return { client, transport };
  };

  it('an unparsable request is a denial with CA_REQUEST_MALFORMED and its request id', async () => {
    const { client, transport } = connect();
    try {
      const o = await client.submit({
        key: 'bad-1',
        request: new Uint8Array([0x31, 0x02, 0x05, 0x00]),
        template: 'SmartcardUser',
      });
      assert.equal(o.kind, 'denied', JSON.stringify(o));
      if (o.kind !== 'denied') return;
      assert.equal(o.hresult?.hex, '0x8009310b');
      assert.equal(o.hresult?.code, 'CA_REQUEST_MALFORMED');
      assert.match(o.dispositionMessage ?? '', /^Error Parsing Request /);
      assert.ok(o.reqId && lab.sim.get(o.reqId)?.status === 'denied');
      // asked again through certnew.cer: the same denial, read from the <DL>
      const again = await client.recheck(o.reqId);
      assert.equal(again.kind === 'denied' && again.hresult?.hex, '0x8009310b');
    } finally {
      transport.close();
    }
  });

  it('an unknown id: "(never set)"/"(none)" page, CA_REQUEST_UNKNOWN', async () => {
    const { client, transport } = connect();
    try {
      await assert.rejects(
        client.recheck(987654),
        (e: unknown) => e instanceof CaError && e.code === 'CA_REQUEST_UNKNOWN',
      );
    } finally {
      transport.close();
    }
  });

  it('pending → chkpnd pending (no id on the page) → officer denial read from LastStatus', async () => {
    lab.sim.setApprovalMode('all');
    const { client, transport } = connect();
    try {
      const o = await client.submit({ key: 'p-1', request: csrDer, template: 'SmartcardUser' });
      assert.equal(o.kind, 'pending');
      if (o.kind !== 'pending') return;
      const viaCertnew = await client.recheck(o.reqId);
      assert.deepEqual(viaCertnew, { kind: 'pending', reqId: o.reqId });
      const viaChkpnd = await client.recheck(o.reqId, { via: 'chkpnd' });
      assert.deepEqual(viaChkpnd, { kind: 'pending', reqId: o.reqId });
      lab.sim.deny(o.reqId);
      const denied = await client.recheck(o.reqId);
      assert.equal(denied.kind, 'denied');
      assert.equal(denied.kind === 'denied' && denied.hresult?.code, 'CA_DENIED_BY_OFFICER');
      assert.equal(denied.kind === 'denied' && denied.dispositionMessage, 'Denied by CORP\\Administrator');
      const viaForm = await client.recheck(o.reqId, { via: 'chkpnd' });
      assert.equal(viaForm.kind === 'denied' && viaForm.reqId, o.reqId);
    } finally {
      lab.sim.setApprovalMode('none');
      transport.close();
    }
  });

  it('a Base64 answer where DER was asked (Enc ignored) still yields the certificate', async () => {
    let wrapped: EncodingIgnoredTransport | undefined;
    const { client, transport } = connect('CORP\\alice', (t) => (wrapped = new EncodingIgnoredTransport(t)));
    try {
      const o = await client.submit({ key: 'b64-1', request: csrDer, template: 'SmartcardLogon' });
      assert.equal(o.kind, 'issued', JSON.stringify(o));
      if (o.kind !== 'issued') return;
      assert.ok((wrapped?.rewritten ?? 0) > 0, 'the client asked for DER');
      assert.equal(o.certificate.der[0], 0x30);
      const text = await openssl(['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], o.certificate.pem);
      assert.match(text, /CN=Alice Martin/);
      const chain = await client.fetchChain(o.reqId);
      assert.equal(chain.length, 2);
    } finally {
      transport.close();
    }
  });

  it('a localised (French, Korean) denial is read by ids and codes', async () => {
    const { client, transport } = connect('CORP\\dave');
    try {
      for (const locale of ['fr', 'ko'] as const) {
        lab.sim.setLocale(locale);
        const o = await client.submit({ key: `loc-${locale}`, request: csrDer, template: 'SmartcardUser' });
        assert.equal(o.kind, 'denied', locale);
        assert.equal(o.kind === 'denied' && o.hresult?.code, 'CA_TEMPLATE_DENIED', locale);
        assert.ok(o.kind === 'denied' && o.reqId && lab.sim.get(o.reqId)?.caller === 'CORP\\dave');
      }
    } finally {
      lab.sim.setLocale('en');
      transport.close();
    }
  });

  it('CA renewals: the renewal count and each generation from certcarc.asp / certnew.cer', async () => {
    lab.sim.renewCa();
    const { client, transport } = connect();
    try {
      assert.equal(await client.caRenewalCount(), 1);
      const certs = await client.caCertificates();
      assert.equal(certs.length, 2);
      assert.deepEqual(Buffer.from(certs[0] ?? []), lab.sim.caCertDer);
      await assert.rejects(
        client.caCertificate(5),
        (e: unknown) => e instanceof CaError && e.code === 'CA_BAD_CONTENT_TYPE',
      );
    } finally {
      transport.close();
    }
  });
});
