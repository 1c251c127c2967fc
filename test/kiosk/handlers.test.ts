// The main-process handlers in Node: the sender is checked before anything else, every argument
// is validated (BAD_INPUT, naming the field, never echoing a value), PINs reach the station only
// as Secret objects that are wiped afterwards, and with no station every call says so.
// The "station" here is a recorder of what crossed the handler boundary (the application layer
// is tested on its own); it fails the test if a refused call reaches it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Secret } from '../../core/enrollment/secret.ts';
import { LANGUAGES, describe as describeCode } from '../../core/errors/catalog.ts';
import { createBridge } from '../../electron/bridge.ts';
import { createDispatcher, createKioskMain } from '../../electron/handlers.ts';
import { CALLS, channelOf, type StationEvent } from '../../electron/ipc-contract.ts';
import type { KioskStation, OperatorHandle } from '../../electron/station-port.ts';
import { KIOSK_ORIGIN } from '../../electron/session-policy.ts';

const power = { start: () => 1, stop: () => true };
const TOP = { senderId: 1, frameUrl: 'app://kiosk/index.html', isMainFrame: true };

function recordingStation(calls: string[], seen: { pin?: Secret } = {}): KioskStation {
  const refuse = (name: string) => () => {
    calls.push(name);
    return Promise.reject(new Error(`${name} reached`));
  };
  return {
    readers: () => (calls.push('readers'), Promise.resolve([])),
    watchReaders: () => () => undefined,
    health: refuse('health'),
    signInOperator: (pin: Secret): Promise<OperatorHandle> => {
      calls.push('signInOperator');
      seen.pin = pin;
      assert.ok(pin instanceof Secret);
      assert.equal(
        pin.use((b) => new TextDecoder().decode(b)),
        '246801',
      );
      return Promise.resolve({
        view: { name: 'CORP\\operator', reader: 'Virtual PCD 00 01' },
        close: () => (calls.push('operator closed'), Promise.resolve()),
      });
    },
    enroll: refuse('enroll'),
    pending: refuse('pending'),
    resume: refuse('resume'),
    diagnose: refuse('diagnose'),
    selfEnroll: refuse('selfEnroll'),
    selfPending: refuse('selfPending'),
    selfResume: refuse('selfResume'),
    verifyVsc: refuse('verifyVsc'),
    close: () => Promise.resolve(),
  };
}

function setup(station: KioskStation | undefined) {
  const events: StationEvent[] = [];
  const main = createKioskMain({ station, push: (e) => events.push(e), power, idleMs: 60_000 });
  const dispatch = createDispatcher(main, () => ({ webContentsId: 1, origin: KIOSK_ORIGIN }));
  return { main, dispatch, events };
}

describe('IPC contract', () => {
  it('the bridge exposes exactly the contract calls plus onEvent, each on its derived channel', async () => {
    const seen: string[] = [];
    const bridge = createBridge(
      (channel) => (seen.push(channel), Promise.resolve(null)),
      () => () => undefined,
    );
    assert.deepEqual(Object.keys(bridge).sort(), [...CALLS, 'onEvent'].sort());
    assert.ok(Object.isFrozen(bridge));
    for (const call of CALLS) await (bridge[call] as (a?: unknown) => Promise<unknown>)();
    assert.deepEqual(seen, CALLS.map(channelOf));
    assert.equal(new Set(CALLS.map(channelOf)).size, CALLS.length);
  });
});

describe('handlers', () => {
  it('without a station every call answers STATION_UNAVAILABLE in the chosen language', async () => {
    const { dispatch } = setup(undefined);
    for (const language of LANGUAGES) {
      assert.deepEqual(await dispatch(channelOf('setLanguage'), TOP, { language }), {
        ok: true,
        value: null,
      });
      const r = await dispatch(channelOf('readers'), TOP, undefined);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.code, 'STATION_UNAVAILABLE');
        assert.equal(r.error.message, describeCode('STATION_UNAVAILABLE', language).message);
        assert.equal(r.error.resolution, describeCode('STATION_UNAVAILABLE', language).resolution);
      }
    }
  });

  it('a foreign sender or an unknown channel is refused before any handler runs', async () => {
    const calls: string[] = [];
    const { dispatch } = setup(recordingStation(calls));
    const refused = [
      await dispatch(channelOf('readers'), { ...TOP, senderId: 2 }, undefined),
      await dispatch(channelOf('readers'), { ...TOP, isMainFrame: false }, undefined),
      await dispatch(channelOf('readers'), { ...TOP, frameUrl: 'https://evil.example/' }, undefined),
      await dispatch('station:__proto__', TOP, undefined),
      await dispatch('station:constructor', TOP, undefined),
      await dispatch('other:readers', TOP, undefined),
    ];
    for (const r of refused) assert.equal(!r.ok && r.error.code, 'BAD_INPUT');
    assert.deepEqual(calls, []);
  });

  it('malformed, oversized and extra fields get BAD_INPUT and reach nothing', async () => {
    const calls: string[] = [];
    const { dispatch } = setup(recordingStation(calls));
    const hostile: Array<[string, unknown]> = [
      ['signIn', undefined],
      ['signIn', 'pin'],
      ['signIn', { pin: 123456 }],
      ['signIn', { pin: '12a456' }],
      ['signIn', { pin: '1'.repeat(100_000) }],
      ['signIn', { pin: '246801', admin: true }],
      ['signIn', { pin: '246801', reader: 'x\u0000y' }],
      ['signIn', [1, 2]],
      ['enroll', { requesterName: 'CORP\\alice' }],
      ['enroll', { requesterName: 'alice', upn: 'alice@corp.example', reissue: false }],
      ['enroll', { requesterName: 'CORP\\alice', upn: 'alice@corp.example', reissue: 'no' }],
      ['enroll', { requesterName: 'CORP\\alice', upn: 'a'.repeat(300) + '@corp.example', reissue: false }],
      [
        'enroll',
        {
          requesterName: 'CORP\\alice',
          upn: 'alice@corp.example',
          reissue: false,
          template: 'Administrator',
        },
      ],
      [
        'enroll',
        { requesterName: 'CORP\\alice', upn: 'alice@corp.example', reissue: false, email: 'not-mail' },
      ],
      ['answerNewPin', { enrollmentId: 'e1', pin: '135792', skip: true }],
      ['answerNewPin', { enrollmentId: '../x', pin: '135792' }],
      ['resume', { enrollmentId: 42 }],
      ['readers', { all: true }],
      ['setLanguage', { language: 'fr' }],
      ['activity', 'ping'],
    ];
    for (const [call, arg] of hostile) {
      const r = await dispatch(`station:${call}`, TOP, arg);
      assert.equal(r.ok, false, `${call} ${JSON.stringify(arg)?.slice(0, 80)}`);
      if (!r.ok) {
        assert.equal(r.error.code, 'BAD_INPUT', call);
        assert.doesNotMatch(JSON.stringify(r.error), /246801|12a456|111111/, 'never echoes a value');
      }
    }
    assert.deepEqual(calls, [], 'nothing reached the station');
  });

  it('the agent PIN crosses once, as a Secret, wiped after the call', async () => {
    const calls: string[] = [];
    const seen: { pin?: Secret } = {};
    const { dispatch } = setup(recordingStation(calls, seen));
    const r = await dispatch(channelOf('signIn'), TOP, { pin: '246801' });
    assert.deepEqual(r, { ok: true, value: { name: 'CORP\\operator', reader: 'Virtual PCD 00 01' } });
    assert.equal(seen.pin?.wiped, true);
    assert.deepEqual(calls, ['signInOperator']);
  });

  it('enroll needs a signed-in operator; idle drops the session and tells the screen', async () => {
    let fire: (() => void) | undefined;
    const timers = { setTimeout: (fn: () => void) => ((fire = fn), 1), clearTimeout: () => undefined };
    const calls: string[] = [];
    const events: StationEvent[] = [];
    const main = createKioskMain({
      station: recordingStation(calls),
      push: (e) => events.push(e),
      power,
      idleMs: 1,
      timers,
    });
    const dispatch = createDispatcher(main, () => ({ webContentsId: 1, origin: KIOSK_ORIGIN }));
    const request = { requesterName: 'CORP\\alice', upn: 'alice@corp.example', reissue: false };
    const before = await dispatch(channelOf('enroll'), TOP, request);
    assert.equal(!before.ok && before.error.code, 'AGENT_CARD_MISSING');
    assert.equal((await dispatch(channelOf('signIn'), TOP, { pin: '246801' })).ok, true);
    fire?.();
    assert.deepEqual(events, [{ type: 'idle-reset' }]);
    const after = await dispatch(channelOf('enroll'), TOP, request);
    assert.equal(!after.ok && after.error.code, 'AGENT_CARD_MISSING');
    assert.deepEqual(calls, ['signInOperator', 'operator closed'], 'enroll never reached the station');
  });
});
