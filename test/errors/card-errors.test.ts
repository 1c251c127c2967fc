// The card layer raises catalog codes a person can act on, on a real software PIV card behind the
// real pcscd: a wrong PIN is WRONG_PIN with the tries left (yubico-piv-tool confirms the count),
// the caller names whose card it was, a blocked PIN is PIN_BLOCKED, a wrong PUK WRONG_PUK, a key
// the card does not hold WRONG_MANAGEMENT_KEY and an over-long PIN PIN_FORMAT, never INTERNAL and
// never "WRONG_SECRET … SW 63C2". Run inside test/piv/run-private.sh.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRig, withSession, type Rig } from '../piv/harness.ts';
import { runTool } from '../piv/tools.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { explain, type Explanation } from '../../core/errors/explain.ts';
import { LANGUAGES } from '../../core/i18n/language.ts';

const WRONG = '909090';
const WRONG_PUK = '99999999';

async function failure(p: Promise<unknown>): Promise<StationError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof StationError, `expected a StationError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a failure');
}

function shownInEveryLanguage(e: unknown, check: (x: Explanation) => void): void {
  for (const lang of LANGUAGES) {
    for (const surface of ['cli', 'screen'] as const) {
      const x = explain(e, lang, surface);
      check(x);
      const all = JSON.stringify(x);
      assert.ok(!all.includes(WRONG) && !all.includes(WRONG_PUK), all);
      assert.doesNotMatch(x.message + x.resolution, /[{}]|SW 63|WRONG_SECRET/, all);
    }
  }
}

describe('card errors as a person reads them', () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig?.stop();
  });

  test('a wrong PIN: WRONG_PIN, tries left as the card (and yubico-piv-tool) count them, whose card', async () => {
    const e = await withSession(rig, (s) => failure(s.verifyPin(WRONG)));
    assert.equal(e.code, 'WRONG_PIN');
    assert.equal(e.details.triesLeft, 2);
    const tool = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'status']);
    assert.match(tool.stdout, /PIN tries left:\s*2/);
    const holder = e.withDetails({ card: 'holder' });
    shownInEveryLanguage(holder, (x) => {
      assert.equal(x.code, 'WRONG_PIN');
      assert.equal(x.details.triesLeft, 2);
    });
    assert.equal(explain(holder, 'en', 'cli').message, "The cardholder's PIN is not correct.");
    assert.match(explain(holder, 'en', 'cli').resolution, /Ask the cardholder .* 2 tries are left/);
    assert.match(explain(e.withDetails({ card: 'operator' }), 'ko', 'screen').message, /운영자 카드/);
  });

  test('the PIN runs out: PIN_BLOCKED, and the correct PIN is refused as PIN_BLOCKED too', async () => {
    await withSession(rig, async (s) => {
      assert.equal((await failure(s.verifyPin(WRONG))).code, 'WRONG_PIN');
      const last = await failure(s.verifyPin(WRONG));
      assert.equal(last.code, 'PIN_BLOCKED');
      const again = await failure(s.verifyPin('123456'));
      assert.equal(again.code, 'PIN_BLOCKED');
      shownInEveryLanguage(again.withDetails({ card: 'holder' }), (x) => assert.equal(x.code, 'PIN_BLOCKED'));
      assert.match(
        explain(again.withDetails({ card: 'holder' }), 'en', 'screen').resolution,
        /Ask the cardholder/,
      );
    });
    assert.equal(rig.card.status().pin.retriesLeft, 0);
  });

  test('a wrong PUK is WRONG_PUK with its tries left', async () => {
    const e = await withSession(rig, (s) => failure(s.unblockPin(WRONG_PUK, '123456')));
    assert.equal(e.code, 'WRONG_PUK');
    assert.equal(e.details.triesLeft, rig.card.status().puk.retriesLeft);
    shownInEveryLanguage(e, (x) => assert.equal(x.code, 'WRONG_PUK'));
  });

  test('a management key the card does not hold is WRONG_MANAGEMENT_KEY', async () => {
    const e = await withSession(rig, (s) => failure(s.authenticate(new Uint8Array(24).fill(7))));
    assert.equal(e.code, 'WRONG_MANAGEMENT_KEY');
    assert.equal(rig.card.status().adminAuthenticated, false);
    shownInEveryLanguage(e, (x) => assert.equal(x.code, 'WRONG_MANAGEMENT_KEY'));
  });

  test('a PIN longer than the card takes is a usage mistake (PIN_FORMAT), not INTERNAL', async () => {
    const e = await withSession(rig, (s) => failure(s.verifyPin('123456789')));
    assert.equal(e.code, 'PIN_FORMAT');
    assert.equal(e.details.secret, 'PIN');
    shownInEveryLanguage(e, (x) => assert.notEqual(x.code, 'INTERNAL'));
  });
});
