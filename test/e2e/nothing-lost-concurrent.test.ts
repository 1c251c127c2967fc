// Issue 8 §1: two `station enroll` started at once on the same card, through the real CLI with
// pcscd, vpcd, software cards and the demo CA. One wins; the other is refused (the cards are held
// exclusively: READER_BUSY or CARD_BUSY; or, served after the winner, CARD_ALREADY_ISSUED) without a
// journal left open, and the CA issues at most
// one certificate — yubico-piv-tool, the demo CA's records and the station's log agree.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertHolderIntact,
  certificateOnCard,
  issuedBy,
  journals,
  parseJsonLines,
} from './nothing-lost-helpers.ts';

let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-concurrent' });
});
after(async () => {
  await env?.stop();
});

test('two `station enroll` at once on one card: one wins, the other is refused; at most one certificate, nothing deleted', async () => {
  // from an empty data folder: the two processes also race to create the folders, the key store
  // and its key-encryption key, the request ledger, the log and its checkpoint key (the demo
  // environment's own start made some of them; the operator card needs none of them again)
  rmSync(env.config.dataDir, { recursive: true, force: true });
  const issuedBefore = issuedBy(env).length;
  const pins = [text(randomHolderPin()), text(randomHolderPin())];
  const runs = await Promise.all(
    pins.map((pin) =>
      station([...enrollAlice(env.configFile), '--json'], {
        env: env.env,
        stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
      }),
    ),
  );
  const winners = runs.map((r, i) => ({ r, pin: pins[i] as string })).filter((x) => x.r.code === 0);
  assert.equal(winners.length, 1, runs.map((r) => r.stdout + r.stderr).join('\n----\n'));
  const loser = runs.find((r) => r.code !== 0);
  assert.ok(loser);
  assert.equal(loser.code, 1, loser.stdout + loser.stderr);
  const code = parseJsonLines(loser.stdout).find((l) => l.type === 'error')?.code;
  // busy while the winner holds the cards, or — when it got them only after the winner finished —
  // refused because the card is now issued
  assert.ok(
    code === 'READER_BUSY' || code === 'CARD_BUSY' || code === 'CARD_ALREADY_ISSUED',
    `the loser is refused: ${loser.stdout}${loser.stderr}`,
  );

  assert.ok(existsSync(path.join(env.config.dataDir, 'audit.sqlite')), 'the two runs created the log');
  assert.equal(issuedBy(env).length - issuedBefore, 1, 'the CA issued exactly one certificate');
  assert.deepEqual(journals(env).open, [], 'no journal left open');
  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.match(recovered.stdout, /no interrupted enrollments/);
  const onCard = await certificateOnCard(env);
  assert.ok(onCard);
  await assertHolderIntact(env, {
    certificate: onCard,
    pin: (winners[0] as { pin: string }).pin,
    serial: env.target.status().serial,
  });
});
