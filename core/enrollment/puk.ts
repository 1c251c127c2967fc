// The finishing step 'puk': the factory PUK replaced with a random one the key store keeps.
import { randomInt } from 'node:crypto';
import type { CardIdentity } from '../card/edge.ts';
import { CardStatusError, SecretBlockedError } from '../card/status-words.ts';
import { firstAccepted } from './held-credentials.ts';
import { pukEntry } from './ports.ts';
import type { EnrollmentRun } from './run.ts';
import { Secret } from './secret.ts';

/**
 * A card still on the factory PUK can be unblocked by anyone who knows the default, which would
 * undo the forced PIN change. The station sets a random 8-digit PUK instead, staged in the key
 * store first (so a crash in between cannot lose it); with a store that keeps nothing the PUK is
 * simply unknown to everyone, and a blocked PIN then means a card reset.
 */
export async function replaceTransportPuk(run: EnrollmentRun, transportPuk: Secret): Promise<void> {
  const identity = run.identity as CardIdentity;
  const entry = pukEntry(identity.cardId);
  const keys = run.deps.keys;
  const committed = keys.get(entry);
  const held = keys.candidates(entry);
  const staged = held.find((c) => committed === undefined || !c.equals(committed));
  try {
    // A PUK the station set earlier stays: a wrong PUK costs one of its few tries, so none is spent
    // guessing. Only a change cut short by a crash (a staged PUK) is settled, with one attempt.
    if (identity.factoryPuk === 'no' || (identity.factoryPuk === 'unknown' && committed !== undefined)) {
      if (staged !== undefined) {
        const landed = await run.deps.card.changePuk(staged, staged).then(
          () => true,
          (e: unknown) => {
            if (e instanceof CardStatusError && !(e instanceof SecretBlockedError)) return false;
            throw e;
          },
        );
        if (landed) keys.commit(entry);
        else keys.abandon?.(entry);
      }
      await run.audit('PUK_SET', committed === undefined && staged === undefined ? 'aborted' : 'success', {
        reason:
          committed === undefined && staged === undefined
            ? 'the card does not have the factory PUK; left unchanged'
            : 'the card keeps the PUK this station set earlier',
      });
      return;
    }
    const next = randomDigits(8);
    try {
      keys.stage(entry, next);
      // the factory PUK first; a staged one only where a crash may have left it on the card
      await firstAccepted(staged === undefined ? [transportPuk] : [transportPuk, staged], (current) =>
        run.deps.card.changePuk(current, next),
      );
      keys.commit(entry);
    } finally {
      next.wipe();
    }
  } finally {
    held.forEach((c) => c.wipe());
    committed?.wipe();
  }
  await run.audit('PUK_SET', 'success', {
    reason: keys.keeps ? 'random per-card PUK, sealed in the station key store' : 'random PUK, kept nowhere',
  });
}

function randomDigits(n: number): Secret {
  return Secret.fromText(Array.from({ length: n }, () => String(randomInt(10))).join(''));
}
