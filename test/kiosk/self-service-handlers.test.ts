// The self-service calls over the bridge, in Node: hostile arguments are BAD_INPUT and reach
// nothing; the employee's password and PIN cross once and arrive in main as Secrets, wiped once
// the call is done; a denial is explained in the screen's language. And the Windows integrated
// sign-in configuration (electron/integrated-auth.ts): the session allow-list is the CA's host only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describe as describeCode, StationError } from '../../core/errors/catalog.ts';
import { createDispatcher, createKioskMain } from '../../electron/handlers.ts';
import { channelOf } from '../../electron/ipc-contract.ts';
import { FetchTransport } from '../../electron/net-transport.ts';
import {
  allowIntegratedAuth,
  integratedAuthServers,
  integratedFetchInit,
} from '../../electron/integrated-auth.ts';
import { KIOSK_ORIGIN } from '../../electron/session-policy.ts';
import type { KioskStation, SelfEnrollOutcome, VerifyReport } from '../../electron/station-port.ts';
import { Secret } from '../../station/index.ts';

const power = { start: () => 1, stop: () => true };
const TOP = { senderId: 1, frameUrl: 'app://kiosk/index.html', isMainFrame: true };
const decode = (s: Secret): string => s.use((b) => new TextDecoder().decode(b));

interface Seen {
  calls: string[];
  /** what selfPending answers: a list, or the CA refusing the sign-in */
  pendingAnswer?: 'refused';
  resumePassword?: Secret | undefined;
  password?: Secret | undefined;
  passwordText?: string | undefined;
  pin?: Secret | undefined;
  pinText?: string;
}

function station(seen: Seen, outcome?: SelfEnrollOutcome): KioskStation {
  const refuse = (name: string) => () => {
    seen.calls.push(name);
    return Promise.reject(new Error(`${name} reached`));
  };
  return {
    readers: () => Promise.resolve([]),
    watchReaders: () => () => undefined,
    health: refuse('health'),
    signInOperator: refuse('signInOperator'),
    enroll: refuse('enroll'),
    pending: refuse('pending'),
    resume: refuse('resume'),
    diagnose: refuse('diagnose'),
    selfEnroll: (input, password) => {
      seen.calls.push(`selfEnroll ${input.account} ${input.upn} create=${input.create}`);
      seen.password = password;
      seen.passwordText = password === undefined ? undefined : decode(password);
      return Promise.resolve(
        outcome ?? {
          status: 'pending',
          enrollmentId: 'e-1',
          reqId: 7,
          reader: 'Microsoft Virtual Smart Card 00 00',
        },
      );
    },
    selfPending: (account, password) => {
      seen.calls.push(`selfPending ${account}`);
      seen.password = password;
      seen.passwordText = password === undefined ? undefined : decode(password);
      if (seen.pendingAnswer === 'refused')
        return Promise.reject(new StationError('CA_AUTH_FAILED', { account }));
      return Promise.resolve([
        {
          enrollmentId: 'e-1',
          reqId: 7,
          requestedAt: '2026-12-02T09:00:00.000Z',
          reader: 'Microsoft Virtual Smart Card 00 00',
        },
      ]);
    },
    selfResume: (account, password, enrollmentId) => {
      seen.calls.push(`selfResume ${account} ${enrollmentId}`);
      seen.resumePassword = password;
      if (password !== undefined) seen.passwordText = decode(password);
      return Promise.resolve(
        outcome ?? {
          status: 'pending',
          enrollmentId,
          reqId: 7,
          reader: 'Microsoft Virtual Smart Card 00 00',
        },
      );
    },
    verifyVsc: (reader, options): Promise<VerifyReport> => {
      seen.calls.push(`verifyVsc ${reader}`);
      seen.pin = options.pin;
      if (options.pin !== undefined) seen.pinText = decode(options.pin);
      return Promise.resolve({
        reader,
        ok: false,
        checks: [
          { id: 'windows', status: 'passed' },
          { id: 'pin-changed', status: 'failed', error: new StationError('VSC_DEFAULT_PIN') },
          { id: 'signature', status: 'skipped' },
        ],
      });
    },
    close: () => Promise.resolve(),
  };
}

function setup(s: KioskStation) {
  return setupMain(s).dispatch;
}

function setupMain(s: KioskStation) {
  const main = createKioskMain({ station: s, push: () => undefined, power, idleMs: 60_000 });
  return { main, dispatch: createDispatcher(main, () => ({ webContentsId: 1, origin: KIOSK_ORIGIN })) };
}

const ALICE = { account: 'CORP\\alice', upn: 'alice@corp.example', create: true };

describe('self-service handlers', () => {
  it('hostile arguments are BAD_INPUT naming the field, and reach nothing', async () => {
    const seen: Seen = { calls: [] };
    const dispatch = setup(station(seen));
    const hostile: Array<[string, unknown, string]> = [
      ['selfEnroll', undefined, 'request'],
      ['selfEnroll', { ...ALICE, create: 'yes' }, 'create'],
      ['selfEnroll', { ...ALICE, account: 'alice' }, 'user'],
      ['selfEnroll', { ...ALICE, upn: 'not a upn' }, 'upn'],
      ['selfEnroll', { ...ALICE, password: 'x'.repeat(300) }, 'password'],
      ['selfEnroll', { ...ALICE, password: 'line\nbreak' }, 'password'],
      ['selfEnroll', { ...ALICE, password: 7 }, 'password'],
      ['selfEnroll', { ...ALICE, reader: 'x\u0000y' }, 'reader'],
      ['selfEnroll', { ...ALICE, operator: true }, 'operator'],
      ['verifyVsc', {}, 'reader'],
      ['verifyVsc', { reader: 'Microsoft Virtual Smart Card 00 00', pin: '12ab' }, 'pin'],
      ['verifyVsc', { reader: 'Microsoft Virtual Smart Card 00 00', upn: 'x' }, 'upn'],
      ['verifyVsc', { reader: 'Microsoft Virtual Smart Card 00 00', pin: '1'.repeat(100_000) }, 'pin'],
    ];
    for (const [call, arg, field] of hostile) {
      const r = await dispatch(channelOf(call as 'selfEnroll'), TOP, arg);
      assert.equal(r.ok, false, `${call} ${JSON.stringify(arg)?.slice(0, 60)}`);
      if (!r.ok) {
        assert.equal(r.error.code, 'BAD_INPUT');
        assert.match(String(r.error.details.field), new RegExp(`^${field}`), JSON.stringify(r.error));
        assert.ok(!JSON.stringify(r.error).includes('break'), 'never echoes a value');
      }
    }
    assert.deepEqual(seen.calls, []);
  });

  it('the password arrives as a Secret and is wiped after the call; none means integrated sign-in', async () => {
    const seen: Seen = { calls: [] };
    const dispatch = setup(station(seen));
    const r = await dispatch(channelOf('selfEnroll'), TOP, { ...ALICE, password: 'Corr3ct horse' });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(seen.passwordText, 'Corr3ct horse');
    assert.ok(seen.password instanceof Secret);
    assert.throws(() => decode(seen.password as Secret), 'wiped once the call is done');
    const integrated = await dispatch(channelOf('selfEnroll'), TOP, { ...ALICE, create: false });
    assert.equal(integrated.ok, true);
    assert.equal(seen.password, undefined, 'no password: the Windows logon signs in');
    assert.deepEqual(seen.calls, [
      'selfEnroll CORP\\alice alice@corp.example create=true',
      'selfEnroll CORP\\alice alice@corp.example create=false',
    ]);
  });

  it('a denial and a failed check are explained in the screen language; the PIN is wiped', async () => {
    const seen: Seen = { calls: [] };
    const denied: SelfEnrollOutcome = {
      status: 'denied',
      enrollmentId: 'e-2',
      reqId: 9,
      reader: 'Microsoft Virtual Smart Card 00 00',
      error: new StationError('CA_DENIED', { hresult: '0x80094012' }),
    };
    const dispatch = setup(station(seen, denied));
    await dispatch(channelOf('setLanguage'), TOP, { language: 'ko' });
    const r = await dispatch(channelOf('selfEnroll'), TOP, { ...ALICE, password: 'pw' });
    assert.ok(r.ok && (r.value as { status: string }).status === 'denied');
    const view = (r as { value: { error: { code: string; message: string } } }).value.error;
    assert.equal(view.code, 'CA_DENIED');
    assert.equal(view.message, describeCode('CA_DENIED', 'ko').message);
    const v = await dispatch(channelOf('verifyVsc'), TOP, {
      reader: 'Microsoft Virtual Smart Card 00 00',
      pin: '20481632',
    });
    assert.ok(v.ok, JSON.stringify(v));
    const report = (v as { value: { checks: { id: string; error?: { message: string } }[] } }).value;
    assert.equal(report.checks[1]?.error?.message, describeCode('VSC_DEFAULT_PIN', 'ko').message);
    assert.equal(seen.pinText, '20481632');
    assert.throws(() => decode(seen.pin as Secret), 'the PIN is wiped once the call is done');
  });
});

describe('self-service pending requests (selfPending, selfResume, selfSignOut)', () => {
  const SIGN_IN = { account: 'CORP\\alice', password: 'Corr3ct horse' };

  it('hostile arguments are BAD_INPUT naming the field, and reach nothing; resume needs a sign-in', async () => {
    const seen: Seen = { calls: [] };
    const dispatch = setup(station(seen));
    const hostile: Array<[string, unknown, string]> = [
      ['selfPending', undefined, 'request'],
      ['selfPending', 'CORP\\alice', 'request'],
      ['selfPending', [SIGN_IN], 'request'],
      ['selfPending', {}, 'user'],
      ['selfPending', { account: 'alice' }, 'user'],
      ['selfPending', { account: 'CORP\\' + 'a'.repeat(100_000) }, 'user'],
      ['selfPending', { account: 7 }, 'user'],
      ['selfPending', { ...SIGN_IN, password: 'x'.repeat(300) }, 'password'],
      ['selfPending', { ...SIGN_IN, password: 'line\nbreak' }, 'password'],
      ['selfPending', { ...SIGN_IN, password: '' }, 'password'],
      ['selfPending', { ...SIGN_IN, upn: 'alice@corp.example' }, 'upn'],
      ['selfPending', { ...SIGN_IN, enrollmentId: 'e-1' }, 'enrollmentId'],
      ['selfResume', undefined, 'request'],
      ['selfResume', {}, 'enrollmentId'],
      ['selfResume', { enrollmentId: '../../journal' }, 'enrollmentId'],
      ['selfResume', { enrollmentId: 'e'.repeat(100_000) }, 'enrollmentId'],
      ['selfResume', { enrollmentId: 42 }, 'enrollmentId'],
      ['selfResume', { enrollmentId: 'e-1', account: 'CORP\\bob' }, 'account'],
      ['selfResume', { enrollmentId: 'e-1', password: 'break' }, 'password'],
      // well formed, but nobody signed in on the self-service screen
      ['selfResume', { enrollmentId: 'e-1' }, 'request'],
      ['selfSignOut', { all: true }, 'request'],
    ];
    for (const [call, arg, field] of hostile) {
      const r = await dispatch(channelOf(call as 'selfPending'), TOP, arg);
      assert.equal(r.ok, false, `${call} ${JSON.stringify(arg)?.slice(0, 60)}`);
      if (!r.ok) {
        assert.equal(r.error.code, 'BAD_INPUT', `${call} ${JSON.stringify(arg)?.slice(0, 60)}`);
        assert.match(String(r.error.details.field), new RegExp(`^${field}`), JSON.stringify(r.error));
        assert.ok(!/break|Corr3ct/.test(JSON.stringify(r.error)), 'never echoes a value');
      }
    }
    assert.deepEqual(seen.calls, []);
  });

  it('the password crosses once: kept as a Secret for the resume, wiped on sign-out, idle and a failed sign-in', async () => {
    const seen: Seen = { calls: [] };
    const { main, dispatch } = setupMain(station(seen));
    const list = await dispatch(channelOf('selfPending'), TOP, SIGN_IN);
    assert.deepEqual(list, {
      ok: true,
      value: [
        {
          enrollmentId: 'e-1',
          reqId: 7,
          requestedAt: '2026-12-02T09:00:00.000Z',
          reader: 'Microsoft Virtual Smart Card 00 00',
        },
      ],
    });
    assert.ok(seen.password instanceof Secret);
    const kept = seen.password;
    // the resume sends no password: main signs in with the one it holds
    const resumed = await dispatch(channelOf('selfResume'), TOP, { enrollmentId: 'e-1' });
    assert.ok(
      resumed.ok && (resumed.value as { status: string }).status === 'pending',
      JSON.stringify(resumed),
    );
    assert.equal(seen.resumePassword, kept);
    assert.equal(seen.passwordText, 'Corr3ct horse');
    assert.deepEqual(await dispatch(channelOf('selfSignOut'), TOP, undefined), { ok: true, value: null });
    assert.throws(() => decode(kept), 'wiped when the employee leaves the screen');
    const after = await dispatch(channelOf('selfResume'), TOP, { enrollmentId: 'e-1' });
    assert.ok(!after.ok && after.error.code === 'BAD_INPUT');

    // idle (or a window reload) drops it too
    await dispatch(channelOf('selfPending'), TOP, SIGN_IN);
    const second = seen.password as Secret;
    await main.reset('idle');
    assert.throws(() => decode(second), 'wiped on idle');

    // a sign-in the CA refuses keeps nothing
    seen.pendingAnswer = 'refused';
    const refused = await dispatch(channelOf('selfPending'), TOP, SIGN_IN);
    assert.ok(!refused.ok && refused.error.code === 'CA_AUTH_FAILED');
    assert.throws(() => decode(seen.password as Secret), 'wiped when the sign-in fails');
    const none = await dispatch(channelOf('selfResume'), TOP, { enrollmentId: 'e-1' });
    assert.ok(!none.ok && none.error.code === 'BAD_INPUT');
    assert.deepEqual(seen.calls, [
      'selfPending CORP\\alice',
      'selfResume CORP\\alice e-1',
      'selfPending CORP\\alice',
      'selfPending CORP\\alice',
    ]);
  });

  it('a denial met on resume is explained in the screen language', async () => {
    const seen: Seen = { calls: [] };
    const denied: SelfEnrollOutcome = {
      status: 'denied',
      enrollmentId: 'e-1',
      reqId: 7,
      reader: 'Microsoft Virtual Smart Card 00 00',
      error: new StationError('CA_DENIED', { reqId: 7 }),
    };
    const dispatch = setup(station(seen, denied));
    await dispatch(channelOf('setLanguage'), TOP, { language: 'zh-Hant' });
    await dispatch(channelOf('selfPending'), TOP, { account: 'CORP\\alice' });
    assert.equal(seen.password, undefined, 'no password: the Windows logon signs in');
    const r = await dispatch(channelOf('selfResume'), TOP, { enrollmentId: 'e-1' });
    assert.ok(r.ok, JSON.stringify(r));
    const view = (r as { value: { status: string; error: { code: string; message: string } } }).value;
    assert.equal(view.status, 'denied');
    assert.equal(view.error.code, 'CA_DENIED');
    assert.equal(view.error.message, describeCode('CA_DENIED', 'zh-Hant').message);
  });
});

describe('Windows integrated sign-in (session allow-list)', () => {
  it('the allow-list is exactly the CA host, lower-case, set on the session', () => {
    const set: string[] = [];
    const servers = allowIntegratedAuth(
      { allowNTLMCredentialsForDomains: (d) => set.push(d) },
      'https://CA01.Corp.Example:8443/certsrv/',
    );
    assert.equal(servers, 'ca01.corp.example');
    assert.deepEqual(set, ['ca01.corp.example']);
  });

  it('refuses what would send the logon credentials further or in the clear', () => {
    for (const url of [
      'http://ca01.corp.example/certsrv/',
      'https://user:pw@ca01.corp.example/certsrv/',
      'https://10.0.0.5/certsrv/',
      'https://[::1]/certsrv/',
      'not a url',
    ]) {
      const set: string[] = [];
      assert.throws(
        () => allowIntegratedAuth({ allowNTLMCredentialsForDomains: (d) => set.push(d) }, url),
        (e: unknown) => (e as { code?: string }).code === 'BAD_INPUT',
        url,
      );
      assert.deepEqual(set, [], `${url}: nothing set`);
    }
    // a pattern character can never come out of a parsed host name
    assert.doesNotMatch(integratedAuthServers('https://ca.corp.example/'), /[*,]/);
  });

  it('the certsrv transport asks fetch for credentials and never follows a redirect', async () => {
    const inits: RequestInit[] = [];
    const transport = new FetchTransport({
      origin: 'https://ca01.corp.example',
      fetch: (_input, init) => {
        inits.push(init);
        return Promise.resolve(new Response('ok', { status: 200 }));
      },
    });
    await transport.request({
      method: 'GET',
      url: 'https://ca01.corp.example/certsrv/',
      headers: {},
      timeoutMs: 5_000,
      maxBytes: 1_000,
    });
    assert.equal(inits.length, 1);
    assert.equal(integratedFetchInit(inits[0] as RequestInit), true);
    assert.equal(
      (inits[0]?.headers as Record<string, string>).Authorization,
      undefined,
      'no Basic header: Chromium answers the challenge itself',
    );
  });
});
