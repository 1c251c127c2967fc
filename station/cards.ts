// What is in each reader, and which card plays which part. Roles come from what a card holds, not
// from the reader's position: the operator's card is the one whose PIV Authentication certificate
// is an Enrollment Agent (Certificate Request Agent) certificate.
import { openEnrollableCard } from '../core/card/registry.ts';
import type { CardIdentity } from '../core/card/edge.ts';
import type { Transport } from '../core/card/transport.ts';
import { StationError } from '../core/errors/catalog.ts';
import { certificateFacts, parseCertificate } from '../core/pki/certificate-facts.ts';
import { OID } from '../core/pki/oids.ts';
import type { ReadersPort } from './ports.ts';

export type CardRole = 'empty' | 'agent' | 'blank' | 'issued' | 'unsupported' | 'unreadable';

export interface CardView {
  readonly reader: string;
  readonly role: CardRole;
  readonly identity?: CardIdentity;
  /** the certificate's subject and UPN, for the screen (issued and agent cards) */
  readonly subject?: string;
  readonly upn?: string;
  readonly notAfter?: string;
  readonly problem?: string;
  /** what the enrollment log says of the holder's PIN (cards that cannot tell themselves) */
  readonly pinChanged?: 'yes' | 'no' | 'unknown';
}

/** How long a view waits for a card another process holds (it only reads a few objects). */
const VIEW_WAIT_MS = 2000;

/**
 * Connects, waiting briefly while another process still holds the card: pcscd releases the handles
 * of a process that died only after it notices the closed socket.
 */
export async function connectWhenFree(
  readers: Pick<ReadersPort, 'listReaders' | 'connect'>,
  reader: string,
  waitMs = 5000,
): Promise<Transport> {
  if (!readers.listReaders().some((r) => r.name === reader))
    throw new StationError('NO_CARD', { reader, readers: readers.listReaders().map((r) => r.name) });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await readers.connect(reader, { share: 'exclusive' });
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'READER_BUSY' || Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Reads one card without changing it (no PIN). Exclusive for its few APDUs: PC/SC offers no
 * transaction here, and two stations reading the same card through shared connections interleave
 * their SELECT and chained GET DATA, so each reads garbage (CARD_PROTOCOL) and takes the operator
 * card for "unreadable". A card another process holds is waited for briefly, then READER_BUSY.
 */
export async function viewCard(readers: ReadersPort, reader: string): Promise<CardView> {
  let transport: Transport;
  try {
    transport = await connectWhenFree(readers, reader, VIEW_WAIT_MS);
  } catch (e) {
    return { reader, role: 'unreadable', problem: (e as { code?: string }).code ?? 'INTERNAL' };
  }
  try {
    const card = await openEnrollableCard(transport);
    const identity = await card.identify();
    const der = identity.hasCertificate ? await card.readCertificate() : null;
    if (der === null) return { reader, role: 'blank', identity };
    const facts = certificateFacts(parseCertificate(der));
    return {
      reader,
      role: facts.ekus.includes(OID.ekuEnrollmentAgent) ? 'agent' : 'issued',
      identity,
      subject: facts.subject,
      ...(facts.upns[0] === undefined ? {} : { upn: facts.upns[0] }),
      notAfter: facts.notAfter.toISOString(),
    };
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'INTERNAL';
    return { reader, role: code === 'UNSUPPORTED_CARD' ? 'unsupported' : 'unreadable', problem: code };
  } finally {
    await transport.close('leave').catch(() => undefined);
  }
}

/**
 * Every reader's card, or only the `only` reader's. `operatorReader` is the reader of the operator
 * card a signed-in session holds exclusively: it is reported as the agent card without connecting,
 * since a view would only wait VIEW_WAIT_MS for it and then call it unreadable, on every read.
 */
export async function viewCards(
  readers: ReadersPort,
  options: { readonly operatorReader?: string; readonly only?: string } = {},
): Promise<CardView[]> {
  const out: CardView[] = [];
  for (const r of readers.listReaders()) {
    if (options.only !== undefined && r.name !== options.only) continue;
    out.push(
      !r.cardPresent
        ? { reader: r.name, role: 'empty' }
        : r.name === options.operatorReader
          ? { reader: r.name, role: 'agent' }
          : await viewCard(readers, r.name),
    );
  }
  return out;
}
