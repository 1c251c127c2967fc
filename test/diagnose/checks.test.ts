// `diagnose`'s checks for the causes of a failed sign-in or enrollment that a station can see,
// each produced for real: a CA host name that does not resolve, HTTPS_PROXY pointing at a proxy
// that is down / tunnels / intercepts TLS, a CA web server with a self-signed certificate, one for
// another name, a trust bundle of another CA, a CA answering with a skewed Date, an operator card
// whose Enrollment Agent certificate is due for renewal or expired, and a station client
// certificate whose account was renamed at the CA. Each failure's words exist in the four
// languages, and the CLI prints them with their resolution.
// Run inside scripts/private-ns.sh (it starts pcscd and vpcd cards).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer as createHttps } from 'node:https';
import { createServer as createTcp } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliStation } from '../../cli/compose.ts';
import { connectCa } from '../../cli/compose.ts';
import { PivSession, Slot } from '../../core/card/piv/index.ts';
import { parseConfig, type StationConfig } from '../../core/config/config.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { LANGUAGES } from '../../core/i18n/index.ts';
import {
  FACTORY_MANAGEMENT_KEY,
  startDemoEnvironment,
  type DemoEnvironment,
} from '../../dev/demo-environment.ts';
import { provisionAgentCard } from '../../dev/provision-agent.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { startCertsrv, TEMPLATES, type CertsrvHandle } from '../../sim/certsrv/index.ts';
import { connectWhenFree } from '../../station/cards.ts';
import { describeFinding, type Finding, type FindingId } from '../../station/index.ts';
import { station } from '../e2e/helpers.ts';
import { startConnectProxy } from '../support/connect-proxy.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { issue, makeCa, openssl } from '../support/test-ca.ts';
import { tempDir, type TempDir } from '../support/tools.ts';
import { requirePrivateNamespace } from '../support/private-ns.ts';

requirePrivateNamespace();

let env: DemoEnvironment;
let dir: TempDir;
let other: CertsrvHandle;
let raw: Record<string, unknown> & { ca: Record<string, unknown> };

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
  dir = tempDir('station-diagnose-');
  // a second CA whose web server certificate names only ca01.corp.example, with a client-certificate listener
  other = await startCertsrv({
    stateDir: path.join(dir.path, 'other-ca'),
    port: 0,
    hostnames: ['ca01.corp.example'],
  });
  raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as typeof raw;
});
after(async () => {
  await other?.stop();
  await env?.stop();
  dir?.remove();
});

/** The demo configuration with `ca` fields replaced. */
function configWith(ca: Record<string, unknown>): StationConfig {
  return parseConfig({ ...raw, ca: { ...raw.ca, ...ca } }, env.root);
}

async function diagnose(config: StationConfig = env.config): Promise<Finding[]> {
  const s = cliStation(config);
  try {
    return await s.diagnose();
  } finally {
    await s.close();
  }
}

function only(findings: readonly Finding[], id: FindingId): Finding {
  const mine = findings.filter((f) => f.id === id);
  assert.equal(mine.length, 1, `${id}: ${JSON.stringify(findings)}`);
  return mine[0] as Finding;
}

const SCRIPT = {
  ko: /\p{Script=Hangul}/u,
  'zh-Hans': /\p{Script=Han}/u,
  'zh-Hant': /\p{Script=Han}/u,
} as const;

/** The failed finding has a check, a detail and a resolution in each language, the CJK ones not English. */
function wordsInEveryLanguage(f: Finding): Record<string, string> {
  assert.equal(f.ok, false, JSON.stringify(f));
  const out: Record<string, string> = {};
  for (const lang of LANGUAGES) {
    const w = describeFinding(f, lang, 'screen', env.config.ca.agentTemplate);
    assert.ok(w.check !== '' && w.detail !== '', `${f.id} ${lang}: ${JSON.stringify(w)}`);
    assert.ok(w.resolution !== undefined && w.resolution.length > 20, `${f.id} ${lang} has no resolution`);
    if (lang !== 'en') {
      assert.match(w.check + w.resolution, SCRIPT[lang], `${f.id} ${lang}`);
      assert.notEqual(w.resolution, describeFinding(f, 'en', 'screen', '').resolution);
    }
    out[lang] = `${w.check}: ${w.detail} → ${w.resolution}`;
  }
  return out;
}

function selfSigned(cn: string, san: string): { keyPem: string; certPem: string } {
  const key = dir.file(`${cn}-${san.replace(/\W/g, '')}.key`);
  const cert = dir.file(`${cn}-${san.replace(/\W/g, '')}.pem`);
  openssl([
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-subj',
    `/CN=${cn}`,
    '-addext',
    `subjectAltName=${san}`,
    '-days',
    '2',
    '-keyout',
    key,
    '-out',
    cert,
  ]);
  return { keyPem: readFileSync(key, 'utf8'), certPem: readFileSync(cert, 'utf8') };
}

async function closedPort(): Promise<number> {
  const s = createTcp();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return typeof a === 'object' && a !== null ? a.port : 1;
}

async function withProxy<T>(url: string, work: () => Promise<T>): Promise<T> {
  process.env.HTTPS_PROXY = url;
  try {
    return await work();
  } finally {
    delete process.env.HTTPS_PROXY;
  }
}

/** Writes `der` as the operator card's PIV Authentication certificate (factory management key). */
async function putAgentCertificate(der: Uint8Array): Promise<void> {
  const pcsc = new PcscService();
  await pcsc.start();
  const t = await connectWhenFree(pcsc, env.agentReader);
  try {
    const session = await PivSession.open(t);
    await session.authenticate(new Uint8Array(Buffer.from(FACTORY_MANAGEMENT_KEY, 'hex')));
    await session.writeCertificate(Slot.AUTHENTICATION, der);
  } finally {
    await t.close('reset');
    await pcsc.close();
  }
}

/** Provisions the operator card again from the demo CA (a new key and Enrollment Agent certificate). */
async function reprovisionAgent(): Promise<void> {
  const pcsc = new PcscService();
  await pcsc.start();
  const t = await connectWhenFree(pcsc, env.agentReader);
  const link = connectCa(env.config);
  try {
    await provisionAgentCard({
      transport: t,
      managementKey: Secret.fromBytes(new Uint8Array(Buffer.from(FACTORY_MANAGEMENT_KEY, 'hex'))),
      pin: env.agentPin.clone(),
      ca: link.client,
      template: env.config.ca.agentTemplate,
      operatorUpn: 'kiosk@corp.example',
    });
  } finally {
    link.close();
    await t.close('reset');
    await pcsc.close();
  }
}

describe('diagnose on the real station', () => {
  it('the demo station passes every check, the new ones included', async () => {
    const findings = await diagnose();
    assert.deepEqual(
      findings.filter((f) => !f.ok),
      [],
    );
    assert.deepEqual(only(findings, 'dns').facts, {
      host: 'localhost',
      addresses: only(findings, 'dns').facts.addresses,
    });
    assert.match(String(only(findings, 'dns').facts.addresses), /127\.0\.0\.1|::1/);
    const cert = only(findings, 'server-certificate');
    assert.equal(cert.facts.state, 'trusted');
    assert.equal(cert.facts.issuer, 'CORP-CA');
    const agent = only(findings, 'agent-certificate');
    assert.equal(agent.facts.state, 'valid');
    assert.equal(agent.facts.reader, env.agentReader);
    assert.equal(
      findings.some((f) => f.id === 'proxy'),
      false,
      'no proxy configured, none reported',
    );
  });

  it('a CA host name that does not resolve is named, with what to do', async () => {
    const port = new URL(env.config.ca.url).port;
    const findings = await diagnose(configWith({ url: `https://ca01.corp.invalid:${port}/certsrv/` }));
    const dns = only(findings, 'dns');
    assert.equal(dns.facts.host, 'ca01.corp.invalid');
    assert.match(String(dns.facts.error), /^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|ENODATA)$/);
    assert.equal(
      findings.some((f) => f.id === 'server-certificate'),
      false,
    );
    assert.equal(only(findings, 'ca-reachable').ok, false);
    const words = wordsInEveryLanguage(dns);
    assert.match(words.en ?? '', /does not resolve .*nslookup ca01\.corp\.invalid/);
  });

  it('HTTPS_PROXY naming a proxy that is down, one that intercepts TLS, and one that tunnels', async () => {
    const down = await closedPort();
    let findings = await withProxy(`http://127.0.0.1:${down}`, () => diagnose());
    let proxy = only(findings, 'proxy');
    assert.deepEqual(proxy.facts, {
      proxy: `127.0.0.1:${down}`,
      state: 'unreachable',
      error: 'ECONNREFUSED',
    });
    // the station itself connects directly: the CA is still reached
    assert.equal(only(findings, 'ca-reachable').ok, true);
    assert.match(wordsInEveryLanguage(proxy).en ?? '', /does not answer/);

    const inspector = await startConnectProxy({
      kind: 'intercept',
      ...selfSigned('Firewall SSL Inspection', 'DNS:localhost'),
    });
    try {
      findings = await withProxy(`http://127.0.0.1:${inspector.port}`, () => diagnose());
      proxy = only(findings, 'proxy');
      assert.equal(proxy.facts.state, 'intercepting');
      assert.equal(proxy.facts.issuer, 'Firewall SSL Inspection');
      assert.deepEqual(inspector.asked, [`localhost:${new URL(env.config.ca.url).port}`]);
      assert.match(wordsInEveryLanguage(proxy).en ?? '', /intercepts TLS.*NO_PROXY/);
    } finally {
      await inspector.stop();
    }

    const tunnel = await startConnectProxy({ kind: 'tunnel' });
    try {
      findings = await withProxy(`127.0.0.1:${tunnel.port}`, () => diagnose());
      assert.deepEqual(only(findings, 'proxy'), {
        id: 'proxy',
        ok: true,
        facts: { proxy: `127.0.0.1:${tunnel.port}`, state: 'passes-through' },
      });
      // NO_PROXY covering the CA host: the proxy is not in the way
      process.env.NO_PROXY = 'example.org, localhost';
      findings = await withProxy(`http://127.0.0.1:${tunnel.port}`, () => diagnose());
      assert.equal(
        findings.some((f) => f.id === 'proxy'),
        false,
      );
    } finally {
      delete process.env.NO_PROXY;
      await tunnel.stop();
    }
  });

  it('a CA web server with a self-signed certificate', async () => {
    const own = selfSigned('localhost', 'DNS:localhost');
    const server = createHttps({ key: own.keyPem, cert: own.certPem }, (_req, res) => res.end('IIS'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const findings = await diagnose(configWith({ url: `https://localhost:${port}/certsrv/` }));
      const cert = only(findings, 'server-certificate');
      assert.equal(cert.facts.state, 'self-signed');
      assert.equal(cert.facts.subject, 'localhost');
      assert.match(String(only(findings, 'ca-reachable').code), /^CA_TLS_UNTRUSTED/);
      assert.match(wordsInEveryLanguage(cert).en ?? '', /self-signed .*enterprise CA/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('a CA web server certificate issued for another name', async () => {
    const findings = await diagnose(configWith({ url: other.url, caBundleFile: other.caBundleFile }));
    const cert = only(findings, 'server-certificate');
    assert.equal(cert.facts.state, 'wrong-name');
    assert.equal(cert.facts.names, 'ca01.corp.example');
    assert.equal(only(findings, 'ca-reachable').ok, false);
    assert.match(wordsInEveryLanguage(cert).en ?? '', /issued for ca01\.corp\.example, not for localhost/);
  });

  it('a trust bundle of another CA: the server certificate is by an issuer outside it', async () => {
    const findings = await diagnose(configWith({ caBundleFile: other.caBundleFile }));
    const cert = only(findings, 'server-certificate');
    assert.equal(cert.facts.state, 'untrusted-issuer');
    assert.match(wordsInEveryLanguage(cert).en ?? '', /not in the CA bundle.*ca\.caBundleFile/);
  });

  it('a CA answering with a Date 15 minutes ahead fails the clock check', async () => {
    env.ca.setClockOffset(900);
    try {
      const clock = only(await diagnose(), 'clock');
      assert.equal(clock.ok, false);
      assert.ok(Math.abs(Number(clock.facts.skewSeconds) - 900) <= 2, JSON.stringify(clock));
      assert.match(wordsInEveryLanguage(clock).en ?? '', /off by (89\d|90\d) s.*w32tm/);
    } finally {
      env.ca.setClockOffset(0);
    }
    assert.equal(only(await diagnose(), 'clock').ok, true);
  });

  it('the station client certificate of an account renamed at the CA: the sign-in name no longer maps', async () => {
    const renamedCa = await startCertsrv({ stateDir: path.join(dir.path, 'client-ca'), port: 0 });
    const client = renamedCa.issueClientCertificate('CORP\\kiosk');
    const certFile = dir.file('kiosk-client.pem', client.certPem);
    const keyFile = dir.file('kiosk-client.key', client.keyPem);
    const bundle = renamedCa.caBundleFile;
    try {
      const config = configWith({
        url: renamedCa.clientCertUrl,
        caBundleFile: bundle,
        auth: { kind: 'client-certificate', certFile, keyFile },
      });
      let findings = await diagnose(config);
      assert.deepEqual(only(findings, 'sign-in-name'), {
        id: 'sign-in-name',
        ok: true,
        facts: { upn: 'kiosk@corp.example' },
      });
      // the account is renamed (Rename-ADObject and Set-ADUser -UserPrincipalName -EmailAddress):
      // the sim maps a certificate by UPN, then mail, then DN, as IIS's AD mapping does
      const user = renamedCa.directory.find('CORP\\kiosk');
      assert.ok(user);
      user.userPrincipalName = 'kiosk.station@corp.example';
      user.mail = 'kiosk.station@corp.example';
      user.distinguishedName = user.distinguishedName.replace(/^CN=[^,]+/, 'CN=kiosk.station');
      findings = await diagnose(config);
      const name = only(findings, 'sign-in-name');
      assert.equal(name.ok, false);
      assert.equal(name.facts.upn, 'kiosk@corp.example');
      assert.equal(name.code, 'CA_FORBIDDEN');
      assert.match(
        wordsInEveryLanguage(name).en ?? '',
        /refuses the certificate for kiosk@corp\.example.*sign-in name/,
      );
    } finally {
      await renamedCa.stop();
    }
  });

  it('an operator card whose Enrollment Agent certificate expires soon, then one that expired', async () => {
    // the demo CA (in this process) issues from its template table: ten days for this one request
    const template = TEMPLATES.find((x) => x.cn === env.config.ca.agentTemplate);
    assert.ok(template);
    const validity = template.validityDays;
    (template as { validityDays: number }).validityDays = 10;
    try {
      await reprovisionAgent();
    } finally {
      (template as { validityDays: number }).validityDays = validity;
    }
    let agent = only(await diagnose(), 'agent-certificate');
    assert.equal(agent.facts.state, 'expiring');
    assert.ok(Number(agent.facts.days) >= 8 && Number(agent.facts.days) <= 10, JSON.stringify(agent));
    assert.match(wordsInEveryLanguage(agent).en ?? '', /expires on .*days left.*EnrollmentAgent/);

    // an Enrollment Agent certificate that ended yesterday (issued by a test CA: only its dates matter here)
    const ca = makeCa(dir.path, 'agent-ca');
    const day = (offset: number): string =>
      new Date(Date.now() + offset * 86_400_000).toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
    const expired = issue(ca, {
      id: 'expired-agent',
      subject: '/CN=kiosk@corp.example',
      extensions: ['extendedKeyUsage = 1.3.6.1.4.1.311.20.2.1', 'keyUsage = critical,digitalSignature'],
      startDate: day(-400),
      endDate: day(-1),
    });
    await putAgentCertificate(expired.certDer);
    agent = only(await diagnose(), 'agent-certificate');
    assert.equal(agent.facts.state, 'expired');
    assert.match(wordsInEveryLanguage(agent).en ?? '', /expired on/);

    // the CLI prints the same words with the resolution, in Korean too
    const cli = await station(['diagnose', '--config', env.configFile, '--lang', 'ko'], { env: env.env });
    assert.equal(cli.code, 1, cli.stdout + cli.stderr);
    assert.match(cli.stdout, /^실패 .*운영자 카드: .*등록 에이전트 인증서가 .*에 만료됨$/m);
    assert.match(
      cli.stdout,
      /PKI 팀에 운영자 카드의 등록 에이전트 인증서\(템플릿 EnrollmentAgent\) 갱신을 요청하십시오/,
    );

    await reprovisionAgent();
    assert.equal(only(await diagnose(), 'agent-certificate').facts.state, 'valid');
  });
});
