// A newcomer's reading of the CLI's refusals (issue 8/9 review): in Korean and Chinese no English
// role word is left in an error's details, and an option value that starts with a dash gets a
// usage hint that names the option's form, not the option alone ("Give one of: --reqid."); an
// option given twice is refused rather than silently taking the last value.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import { issueAlice, journals } from './nothing-lost-helpers.ts';

let env: DemoEnvironment;
before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'hostile-cli-words' });
  await issueAlice(env, text(randomHolderPin()));
});
after(async () => {
  await env?.stop();
});

test('a wrong holder PIN in ko and zh-Hans names the card in that language, not "holder"', async () => {
  for (const [lang, word] of [
    ['ko', '카드 소지자'],
    ['zh-Hans', '持卡人'],
  ] as const) {
    // a PIN the random holder PIN cannot be (8 digits 0), then a valid new one twice
    const r = await station(['change-pin', '--config', env.configFile, '--lang', lang], {
      env: env.env,
      stdin: '00000000\n13572468\n13572468\n',
    });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /WRONG_PIN/);
    assert.doesNotMatch(r.stderr, /\bholder\b/, r.stderr);
    assert.ok(r.stderr.includes(word), r.stderr);
  }
});

test('an option value that starts with a dash: the hint gives the OPTION=VALUE form', async () => {
  const r = await station(['recover', '--config', env.configFile, '--reqid', '-1'], { env: env.env });
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /USAGE_BAD_VALUE/);
  assert.match(r.stderr, /--reqid=VALUE/, r.stderr);
});

test('an option given twice (--user CORP\\alice … --user CORP\\bob) is a usage error before any prompt or APDU, not "last one wins"', async () => {
  const apdus = { target: env.target.apduCount, agent: env.agentCard.apduCount };
  const journalsBefore = journals(env);
  const pin = text(randomHolderPin());
  const r = await station(
    [...enrollAlice(env.configFile), '--reissue', '--user', 'CORP\\bob', '--lang', 'ko'],
    {
      env: env.env,
      stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
    },
  );
  assert.equal(r.code, 2, r.stdout + r.stderr);
  assert.match(r.stderr, /USAGE_REPEATED_OPTION/);
  assert.match(r.stderr, /--user/);
  assert.equal(env.target.apduCount, apdus.target, 'no APDU reached the holder card');
  assert.equal(env.agentCard.apduCount, apdus.agent, 'no APDU reached the operator card');
  assert.deepEqual(journals(env), journalsBefore, 'no journal written');
});
