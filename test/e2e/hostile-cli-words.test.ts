// A newcomer's reading of the CLI's refusals (issue 8/9 review): in Korean and Chinese no English
// role word is left in an error's details, and an option value that starts with a dash gets a
// usage hint that names the option's form, not the option alone ("Give one of: --reqid.").
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text } from './helpers.ts';
import { issueAlice } from './nothing-lost-helpers.ts';

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
