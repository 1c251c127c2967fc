// End to end against a lying CA: the real station CLI enrolls through a proxy (test/support/
// hostile-ca.ts) that tampers with one answer of the sim CA per scenario — a certificate for
// another key, for another user, from a look-alike CA; garbage, truncated, mistyped, huge and
// stalled answers. Each must end in a typed error, and independent tools (yubico-piv-tool,
// OpenSC) must find nothing written: no certificate, CHUID and CCC untouched, the transport PIN,
// the factory PUK and the factory management key still in place. The key the station generated before submitting
// stays in 9A — that is the engine's documented end state (rollBack removes only a certificate;
// the slot key is replaced on the next issuance), so it is asserted, not treated as a write.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  randomHolderPin,
  startDemoEnvironment,
  TRANSPORT_PIN,
  type DemoEnvironment,
} from '../../dev/demo-environment.ts';
import { journalPlans } from '../../core/enrollment/recovery.ts';
import { openService } from '../../sim/certsrv/index.ts';
import { startHostileCa, type HostileCa, type Hostility } from '../support/hostile-ca.ts';
import { VPCD } from '../support/pcscd.ts';
import { openscReaderIndex, run, station, text, type StationRun, enrollAlice } from './helpers.ts';

// Pair C: other work uses pairs B and D of the same shared pcscd at the same time.
const PAIR = VPCD.C;
/** tags of the PIV data objects a successful enrollment writes */
const CERT_9A = 0x5fc105;
const CHUID = 0x5fc102;
const CCC = 0x5fc107;

let env: DemoEnvironment;
let proxy: HostileCa;
let configFile: string;
let openscReader: string;
let aliceSid: string;
/** the same directory (same SIDs, same e-mail) behind a CA with the real CA's name and another key */
let lookalike: Awaited<ReturnType<typeof openService>>['service'];

before(async () => {
  env = await startDemoEnvironment({ pair: PAIR, stationId: 'hostile-kiosk' });
  proxy = await startHostileCa(env.ca);
  const sid = env.ca.directory.find('CORP\\alice')?.objectSid;
  if (sid === undefined) throw new Error('the demo directory has no CORP\\alice');
  aliceSid = sid;
  lookalike = (
    await openService({
      stateDir: path.join(env.root, 'lookalike-ca'),
      directory: path.join(env.ca.stateDir, 'directory.json'),
    })
  ).service;
  // The station's own configuration, pointed at the proxy. The bundle is the sim's, unchanged:
  // the proxy's TLS certificate comes from the sim CA. A short submit allowance keeps the stall
  // scenario quick; the sim issues in well under a second.
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as { ca: Record<string, unknown> };
  raw.ca = { ...raw.ca, url: proxy.url, submitTimeoutMs: 2500 };
  configFile = path.join(env.root, 'station-hostile.json');
  writeFileSync(configFile, JSON.stringify(raw, null, 2));
  openscReader = String(await openscReaderIndex(env.targetReader));
});

after(async () => {
  await proxy?.stop();
  await env?.stop();
});

const cardKey = (): KeyObject => {
  const pem = env.target.publicKeyPem(0x9a);
  if (pem === undefined) throw new Error('no key in 9A yet');
  return createPublicKey(pem);
};

interface Line {
  readonly type: string;
  readonly step?: string;
  readonly enrollmentId?: string;
  readonly code?: string;
  readonly details?: {
    readonly reasons?: readonly string[];
    readonly reason?: string;
    readonly keyDestroyed?: boolean;
  };
}

const lines = (stdout: string): Line[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Line);

/** One `station enroll` of CORP\alice, on a blank card, through the proxy while it behaves as told. */
async function enrollThrough(hostility: Hostility): Promise<Attempt> {
  const card = await env.insertBlankCard();
  const serial = card.status().serial;
  const factory = objectsNow();
  const issuedBefore = issuedForAlice();
  proxy.hostility = hostility;
  proxy.seen.length = 0;
  const newPin = text(randomHolderPin());
  try {
    const run = await station([...enrollAlice(configFile), '--sid', aliceSid, '--json'], {
      env: env.env,
      stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
      timeoutMs: 60_000,
    });
    return {
      run,
      out: lines(run.stdout),
      serial,
      factory,
      seen: [...proxy.seen],
      issuedAtCa: issuedForAlice() - issuedBefore,
    };
  } finally {
    proxy.hostility = { kind: 'honest' };
  }
}

interface Attempt {
  readonly run: StationRun;
  readonly out: Line[];
  readonly serial: number;
  /** CHUID and CCC as the blank card came */
  readonly factory: Map<number, string>;
  /** what the proxy was asked, e.g. "POST certfnsh.asp" */
  readonly seen: readonly string[];
  /** certificates the real CA issued on behalf of alice meanwhile: the answer the proxy hid */
  readonly issuedAtCa: number;
}

const issuedForAlice = (): number =>
  env.ca.list().filter((r) => r.status === 'issued' && r.onBehalfOf === 'CORP\\alice').length;

const objectsNow = (): Map<number, string> =>
  new Map([CHUID, CCC].map((t) => [t, env.target.object(t)?.toString('hex') ?? 'absent'] as const));

/** A clean, typed failure: exit 1, one error line with a catalog code, no crash on the way. */
function assertTypedFailure(a: Attempt, code: string): Line {
  const all = a.run.stdout + a.run.stderr;
  assert.equal(a.run.signal, null, all);
  assert.equal(a.run.code, 1, all);
  assert.doesNotMatch(all, /TypeError|ReferenceError|RangeError|SyntaxError|\n\s+at \S+ \(|node:internal/);
  const errors = a.out.filter((l) => l.type === 'error');
  assert.equal(errors.length, 1, all);
  assert.equal(errors[0]?.code, code, all);
  const steps = a.out.filter((l) => l.type === 'progress').map((l) => l.step);
  assert.ok(steps.includes('submit'), `the request was submitted: ${steps.join(',')}`);
  assert.ok(!steps.includes('write'), `nothing was written: ${steps.join(',')}`);
  return errors[0] as Line;
}

/** What independent tools and the card say: nothing written, transport PIN and factory key in place. */
async function assertNothingWritten(a: Attempt, code: string): Promise<void> {
  await assert.rejects(
    run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'read-certificate', '-s', '9a'], {
      encoding: 'utf8',
    }),
    'yubico-piv-tool finds no certificate in 9A',
  );
  // pkcs15-tool, not pkcs11-tool: the PKCS#11 module connects to every card on the shared pcscd
  // (other people's pairs included) and reaches pair C's readers only with a raised slot limit
  const listed = await run('pkcs15-tool', ['--reader', openscReader, '--list-certificates'], {
    encoding: 'utf8',
  });
  assert.doesNotMatch(listed.stdout, /X\.509 Certificate|Certificate for/, listed.stdout);
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', TRANSPORT_PIN]);

  const card = env.target;
  const s = card.status();
  assert.equal(s.serial, a.serial);
  assert.ok(s.pin.isDefault && s.pin.retriesLeft === s.pin.retryLimit, 'PIN unchanged, no retry spent');
  assert.ok(s.managementKey.isDefault, 'the factory management key is still set');
  assert.ok(s.puk.isDefault && s.puk.retriesLeft === s.puk.retryLimit, 'the factory PUK is still set');
  assert.equal(s.slots['9a']?.origin, 'generated', 'the key made before submitting stays in 9A');
  assert.equal(card.object(CERT_9A), undefined);
  assert.deepEqual(objectsNow(), a.factory, 'CHUID and CCC unchanged');

  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const audit = await station(['audit', 'list', '--db', db, '--card', String(a.serial), '--json'], {
    env: env.env,
  });
  const records = lines(audit.stdout).map((l) => (l as { record?: AuditRow }).record);
  assert.ok(
    records.some(
      (r) => r?.action === 'ENROLLMENT_FINISHED' && r.outcome === 'failure' && r.errorCode === code,
    ),
    `the log records the failure ${code}: ${audit.stdout}`,
  );
  assert.ok(!records.some((r) => r?.action === 'CERT_INSTALLED'), 'no installation was logged');
  const verified = await station(['audit', 'verify', '--db', db], { env: env.env });
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
}

interface AuditRow {
  readonly enrollmentId?: string;
  readonly action: string;
  readonly outcome: string;
  readonly errorCode: string | null;
}

const enrollmentIdOf = (a: Attempt): string =>
  a.out.find((l) => l.enrollmentId !== undefined)?.enrollmentId ?? '';

/** The reason codes of a CERT_CHECK_FAILED error ("KEY_MISMATCH: …" → "KEY_MISMATCH"). */
const reasonCodes = (e: Line): string[] =>
  (e.details?.reasons ?? []).map((r) => r.split(':')[0] ?? '').sort();

/** A tampered certificate: refused by the check, rolled back (nothing pending), nothing written. */
async function refusedCertificate(certificate: () => Uint8Array, reasons: readonly string[]): Promise<void> {
  const a = await enrollThrough({ kind: 'swap-certificate', certificate });
  assert.ok(a.seen.includes('GET certnew.cer'), a.seen.join(', '));
  assert.equal(a.issuedAtCa, 1, 'the real CA issued; the proxy swapped its answer');
  const error = assertTypedFailure(a, 'CERT_CHECK_FAILED');
  assert.deepEqual(reasonCodes(error), [...reasons].sort(), JSON.stringify(error.details));
  await assertNothingWritten(a, 'CERT_CHECK_FAILED');
  const journal = path.join(env.config.dataDir, 'journal');
  assert.ok(!journalPlans(journal).some((p) => p.state.id === enrollmentIdOf(a)), 'rolled back, not pending');
  // the CA did issue for the card's key: that key is destroyed, and the certificate named for revocation
  assert.equal(error.details?.keyDestroyed, true, JSON.stringify(error.details));
  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const listed = await station(['audit', 'list', '--db', db, '--card', String(a.serial), '--json'], {
    env: env.env,
  });
  const actions = lines(listed.stdout).map((l) => (l as { record?: AuditRow }).record);
  const mine = actions.filter((r) => r?.enrollmentId === enrollmentIdOf(a));
  assert.ok(
    mine.some((r) => r?.action === 'KEY_DESTROYED' && r.outcome === 'success'),
    'the key was destroyed',
  );
  assert.ok(
    mine.some((r) => r?.action === 'CERT_TO_BE_REVOKED'),
    'the certificate is recorded to be revoked',
  );
}

/**
 * The CA got the request but its answer is lost: the station must not guess. It stops with
 * CA_OUTCOME_UNKNOWN, leaves the enrollment for `station recover` (which will not submit
 * again), and writes nothing.
 */
async function unknownOutcome(hostility: Hostility, cause: RegExp): Promise<void> {
  const a = await enrollThrough(hostility);
  assert.equal(a.issuedAtCa, 1, 'the request reached the CA, which issued; only the answer was lost');
  const error = assertTypedFailure(a, 'CA_OUTCOME_UNKNOWN');
  assert.match(error.details?.reason ?? '', cause);
  await assertNothingWritten(a, 'CA_OUTCOME_UNKNOWN');
  const journal = path.join(env.config.dataDir, 'journal');
  const pending = journalPlans(journal).find((p) => p.state.id === enrollmentIdOf(a));
  assert.equal(pending?.plan.action, 'ask-operator', 'recovery asks the operator instead of resubmitting');
}

const der = (pem: string): Uint8Array => new X509Certificate(pem).raw;

test('a genuine certificate of the same CA and user, but for another key, is refused', async () => {
  const other = der(env.ca.issueCertificate('CORP\\alice', 'SmartcardUser').certPem);
  await refusedCertificate(() => other, ['KEY_MISMATCH']);
});

test("the card's key certified for another user (UPN, e-mail, SID of CORP\\dave) is refused", async () => {
  await refusedCertificate(
    () => env.ca.service.issueForUser('CORP\\dave', 'SmartcardUser', { publicKey: cardKey() }).certDer,
    ['EMAIL_MISMATCH', 'SID_MISMATCH', 'UPN_MISMATCH'],
  );
});

test('a look-alike CA (same name, other key) certifying the right key and user is refused', async () => {
  await refusedCertificate(
    () => lookalike.issueForUser('CORP\\alice', 'SmartcardUser', { publicKey: cardKey() }).certDer,
    ['CHAIN_UNTRUSTED'],
  );
});

test('garbage under application/pkix-cert from certnew.cer', async () => {
  await unknownOutcome(
    { kind: 'garbage', page: 'certnew.cer' },
    /request \d+ \(issued\).*CA_BAD_CERTIFICATE/,
  );
});

test('certnew.cer with the wrong content type', async () => {
  await unknownOutcome(
    { kind: 'content-type', page: 'certnew.cer', contentType: 'text/plain' },
    /request \d+ \(issued\).*CA_BAD_CONTENT_TYPE/,
  );
});

test('a truncated certfnsh.asp result page', async () => {
  await unknownOutcome({ kind: 'truncated', page: 'certfnsh.asp' }, /not a certsrv result page/);
});

test('a certfnsh.asp result with the wrong content type', async () => {
  await unknownOutcome(
    { kind: 'content-type', page: 'certfnsh.asp', contentType: 'application/json' },
    /expected a certsrv page, got application\/json/,
  );
});

test('a certfnsh.asp answer larger than the client accepts', async () => {
  await unknownOutcome({ kind: 'huge', page: 'certfnsh.asp', bytes: 3 * 1024 * 1024 }, /exceeds \d+ bytes/);
});

test('a certfnsh.asp that stalls after the CA received the request', async () => {
  const t0 = Date.now();
  await unknownOutcome({ kind: 'stall', page: 'certfnsh.asp' }, /no complete answer within 2500 ms/);
  assert.ok(Date.now() - t0 < 30_000, 'the submit allowance, not a hang, ended it');
});
