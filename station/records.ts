// What the enrollment log says about a card, for the cards that cannot tell themselves (no PIV
// metadata, GIDS): whether its holder left the transport PIN. The log's records are matched to the
// card by the same station card id the key store uses (edge, card type and serial, or GUID).
import { cardStates } from '../core/audit/card-states.ts';
import type { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { cardIdFor, type CardEdge } from '../core/card/edge.ts';
import type { CardRecords } from '../core/enrollment/ports.ts';

export function logCardRecords(log: SqliteAuditLog): CardRecords {
  return {
    pinChanged(cardId) {
      const key = cardId.split(':').at(-1);
      if (key === undefined) return 'unknown';
      const mine = log
        .querySync({ card: key }, 100_000)
        .filter(
          (r) =>
            (r.cardEdge === 'piv' || r.cardEdge === 'gids') &&
            cardIdFor(r.cardEdge as CardEdge, r.cardAtr ?? '', r.cardSerial, r.cardGuid) === cardId,
        );
      const state = cardStates(mine)[0]?.state;
      return state === 'issued' ? 'yes' : state === 'issued-pin-not-changed' ? 'no' : 'unknown';
    },
  };
}
