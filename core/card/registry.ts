// The one place that decides which card edge a card speaks. Each edge is tried by selecting its
// application; the first that answers wins. A card no edge recognises is UNSUPPORTED_CARD, which
// the application layer records in the log (a card someone tried to enroll is an event).
import { StationError } from '../errors/catalog.ts';
import type { CardEdge, EnrollableCard } from './edge.ts';
import { GIDS_EDGE } from './gids/enrollable.ts';
import { PivEnrollableCard } from './piv/enrollable.ts';
import { PivSession } from './piv/session.ts';
import { CardStatusError } from './status-words.ts';
import type { Transport } from './transport.ts';

interface EdgeEntry {
  readonly edge: CardEdge;
  /** selects the edge's application; rejects with a CardStatusError when the card lacks it */
  open(transport: Transport): Promise<EnrollableCard>;
}

// PIV first (the cards at the station), then GIDS (TPM virtual smart cards, GIDS cards): a card
// answers the SELECT of one application only, so the order costs one refused SELECT at most
const EDGES: EdgeEntry[] = [
  { edge: 'piv', open: async (t) => new PivEnrollableCard(await PivSession.open(t)) },
  GIDS_EDGE,
];

/** Lets another edge (GIDS) join without touching the callers. */
export function registerEdge(entry: EdgeEntry): void {
  if (!EDGES.some((e) => e.edge === entry.edge)) EDGES.push(entry);
}

export async function openEnrollableCard(transport: Transport): Promise<EnrollableCard> {
  for (const entry of EDGES) {
    try {
      return await entry.open(transport);
    } catch (e) {
      if (!(e instanceof CardStatusError)) throw e;
    }
  }
  throw new StationError('UNSUPPORTED_CARD', {
    reader: transport.readerName,
    atr: Buffer.from(transport.atr).toString('hex'),
  });
}
