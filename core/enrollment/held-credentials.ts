// The admin keys and PUKs the station holds for a card, tried against it in a crash-safe order.
import { CardStatusError } from '../card/status-words.ts';
import { StationError } from '../errors/catalog.ts';
import type { EnrollmentRun } from './run.ts';
import type { Secret } from './secret.ts';

/**
 * The key store is written before the card (stage, then commit), so after a crash the card holds
 * the staged key, the committed one, or the factory key: tried in that order. PIV and GIDS admin
 * keys have no retry counter, so trying costs nothing.
 */
export async function authenticateAdmin(run: EnrollmentRun, cardId: string, factory: Secret): Promise<void> {
  const held = run.deps.keys.candidates(cardId);
  try {
    await firstAccepted([...held, factory], (key) => run.deps.card.authenticateAdmin(key));
    run.adminAuthenticated = true;
  } finally {
    held.forEach((k) => k.wipe());
  }
}

/** Tries each secret in turn; a card refusal moves on to the next, anything else stops. */
export async function firstAccepted(
  secrets: readonly Secret[],
  attempt: (s: Secret) => Promise<void>,
): Promise<Secret> {
  let last: unknown = new StationError('INTERNAL', { problem: 'no credential to try' });
  for (const s of secrets) {
    try {
      await attempt(s);
      return s;
    } catch (e) {
      if (!(e instanceof CardStatusError)) throw e;
      last = e;
    }
  }
  throw last;
}
