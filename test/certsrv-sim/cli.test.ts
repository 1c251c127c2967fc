// Issue 11 row 6 and the CLI: `main.ts renew-ca` beside a running `main.ts serve` leaves one CA
// state (the site hands out the new certificate and an approval signs with the key it names),
// and misuse or a refused officer action ends in one clear line and an exit code, no stack trace.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Lab, openssl, pageTitle, reqIdOf, run } from './helpers.ts';

const CLI = new URL('../../sim/certsrv/main.ts', import.meta.url).pathname;
const node = (args: string[]) =>
  run(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args], undefined, 60_000);

describe('certsrv sim CLI', () => {
  const lab = new Lab();
  let server: ChildProcess | undefined;

  before(async () => {
    await node(['init-demo', '--state', lab.state]);
    server = spawn(
      process.execPath,
      [
        '--disable-warning=ExperimentalWarning',
        CLI,
        'serve',
        '--state',
        lab.state,
        '--client-cert-port',
        'off',
        '--approval',
        'all',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      server?.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
      });
      server?.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const started = JSON.parse(line) as { url: string; caBundle: string };
    lab.endpoint = {
      url: started.url,
      caBundleFile: started.caBundle,
      credentials: JSON.parse(readFileSync(join(lab.state, 'demo-credentials.json'), 'utf8')) as Record<
        string,
        string
      >,
    };
  });
  after(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await lab.cleanup();
  });

  it('row 6: renew-ca under a running serve: one CA state, the approval chains to what the site hands out', async () => {
    const alice = lab.as('CORP\\alice');
    const csr = await lab.csr(await lab.key('card'));
    const pending = await lab.submit(alice, csr, 'CertificateTemplate:SmartcardLogon');
    assert.equal(pageTitle(pending.text), 'Certificate Pending');
    const id = reqIdOf(pending.text);

    assert.match((await lab.curl('certcarc.asp', alice)).text, /var nRenewals=0;/);
    const renewed = await node(['renew-ca', '--state', lab.state]);
    assert.equal(renewed.code, 0, renewed.stderr);
    assert.match(renewed.stdout.toString(), /^renewal index 1$/m);

    // the running server sees the renewal at once
    assert.match((await lab.curl('certcarc.asp', alice)).text, /var nRenewals=1;/);
    const ca1 = await lab.curl('certnew.cer?ReqID=CACert&Renewal=1&Enc=b64', alice);
    assert.equal(ca1.contentType, 'application/pkix-cert');
    assert.equal(
      ca1.text.replace(/\r/g, ''),
      (await openssl(['x509', '-inform', 'DER', '-in', join(lab.state, 'ca', 'ca-1.cer')])).replace(
        /\r/g,
        '',
      ),
    );
    const bundle = readFileSync(lab.endpoint?.caBundleFile ?? '', 'utf8');
    assert.equal(
      (bundle.match(/BEGIN CERTIFICATE/g) ?? []).length,
      2,
      'the trust bundle names both generations',
    );

    // the officer approves from the CLI; the certificate chains to renewal 1 as the site serves it
    const approved = await node(['approve', '--state', lab.state, String(id)]);
    assert.equal(approved.code, 0, approved.stderr);
    const leaf = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, alice);
    assert.equal(leaf.contentType, 'application/pkix-cert');
    assert.match(await lab.verify(leaf.text, lab.file('ca1.pem', ca1.text)), /: OK/);
    const ca0 = await lab.curl('certnew.cer?ReqID=CACert&Renewal=0&Enc=b64', alice);
    await assert.rejects(lab.verify(leaf.text, lab.file('ca0.pem', ca0.text)));
    // and its CRL distribution point names the renewal-1 CRL, which the server publishes
    const crl = await lab.curl('certcrl.crl?Type=base&Renewal=1&Enc=bin', alice);
    assert.equal(crl.contentType, 'application/pkix-crl');
    await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      lab.file('r1.crl', crl.body),
      '-noout',
      '-CAfile',
      lab.file('ca1b.pem', ca1.text),
    ]);
  });

  it('revoke on a request that is not issued: one line, exit 1, nothing changed', async () => {
    const alice = lab.as('CORP\\alice');
    const csr = await lab.csr(await lab.key('other'));
    const id = reqIdOf((await lab.submit(alice, csr, 'CertificateTemplate:SmartcardLogon')).text);
    const r = await node(['revoke', '--state', lab.state, String(id)]);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, `main.ts: refused: request ${id} is not an issued certificate\n`);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const list = (await node(['list', '--state', lab.state])).stdout.toString();
    assert.match(list, new RegExp(`^${id}\\tpending\\t`, 'm'));
    const again = await node(['approve', '--state', lab.state, '999']);
    assert.equal(again.code, 1);
    assert.equal(again.stderr, 'main.ts: refused: no request 999\n');
  });

  it('misuse: a clear message, the usage and exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[], /^main\.ts: no command given\n/],
      [['frobnicate', '--state', lab.state], /^main\.ts: unknown command frobnicate\n/],
      [['list'], /^main\.ts: --state DIR is required\n/],
      [['approve', '--state', lab.state], /^main\.ts: a request id is required\n/],
      [['approve', '--state', lab.state, '1x'], /^main\.ts: not a request id: 1x\n/],
      [['revoke', '--state', lab.state, '1', '7'], /^main\.ts: not a revocation reason: 7\n/],
      [['list', '--state', lab.state, '--bogus'], /^main\.ts: Unknown option '--bogus'/],
      [['serve', '--state', lab.state, '--port', 'eighty'], /^main\.ts: --port must be a port number/],
      [['serve', '--state', lab.state, '--locale', 'de'], /^main\.ts: --locale must be en, fr or ko\n/],
      [['approve', '--state', lab.state, '1', '2'], /^main\.ts: unexpected argument: 2\n/],
    ];
    for (const [args, message] of cases) {
      const r = await node(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.match(r.stderr, /usage: main\.ts <command> --state DIR/);
      assert.doesNotMatch(r.stderr, /\n\s+at /);
    }
  });
});
