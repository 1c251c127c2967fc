// The operator's sign-in at the kiosk: their Enrollment Agent card and its PIN. The card stays
// connected (exclusively) for the session, so its certificate is read once per session; before each
// enroll-on-behalf signature the agent card is re-checked by its serial (one APDU), not identified
// and read again.
import type { CardIdentity } from '../core/card/edge.ts';
import { openEnrollableCard } from '../core/card/registry.ts';
import { WrongSecretError, SecretBlockedError } from '../core/card/status-words.ts';
import type { Transport } from '../core/card/transport.ts';
import type { AgentCard } from '../core/enrollment/ports.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import { StationError } from '../core/errors/catalog.ts';
import { certificateFacts, parseCertificate } from '../core/pki/certificate-facts.ts';
import { OID } from '../core/pki/oids.ts';
import { connectWhenFree, viewCards } from './cards.ts';
import type { ReadersPort } from './ports.ts';

export interface OperatorSession {
  readonly operatorUpn: string;
  readonly reader: string;
  readonly card: CardIdentity;
  /** the Enrollment Agent certificate's validity end, for the screen and diagnose */
  readonly agentNotAfter: string;
  /** @internal the signer for enroll-on-behalf wrappers */
  readonly agent: AgentCard;
  /** @internal */
  readonly transport: Transport;
  /** @internal re-checks that the agent card in the reader is still this one */
  stillPresent(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The reader whose card holds an Enrollment Agent certificate (the role comes from the card). A
 * reader another process holds exclusively (a second station signing in, or enrolling) cannot be
 * read: it may be the operator card, so it is waited for as connectWhenFree waits, and is named
 * READER_BUSY if it stays busy, never taken for "no operator card".
 */
export async function findAgentReader(
  readers: ReadersPort,
  configured?: string,
  waitMs = 5000,
): Promise<string> {
  if (configured !== undefined) return configured;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const views = await viewCards(readers);
    const agents = views.filter((v) => v.role === 'agent');
    if (agents.length === 1 && agents[0] !== undefined) return agents[0].reader;
    const busy = views.filter((v) => v.role === 'unreadable' && v.problem === 'READER_BUSY');
    if (agents.length === 0 && busy[0] !== undefined) {
      if (Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      throw new StationError('READER_BUSY', { reader: busy[0].reader });
    }
    throw new StationError('AGENT_CARD_MISSING', {
      readers: readers.listReaders().map((r) => r.name),
      ...(agents.length > 1 ? { problem: 'more than one Enrollment Agent card is inserted' } : {}),
    });
  }
}

export async function signInOperator(
  readers: ReadersPort,
  pin: Secret,
  reader: string,
): Promise<OperatorSession> {
  const transport = await connectWhenFree(readers, reader);
  try {
    const card = await openEnrollableCard(transport);
    const identity = await card.identify();
    const der = identity.hasCertificate ? await card.readCertificate() : null;
    if (der === null)
      throw new StationError('AGENT_CERT_INVALID', { reader, problem: 'no certificate on the card' });
    const facts = certificateFacts(parseCertificate(der));
    if (!facts.ekus.includes(OID.ekuEnrollmentAgent))
      throw new StationError('AGENT_CERT_INVALID', {
        reader,
        problem: 'not an Enrollment Agent certificate',
      });
    if (facts.notAfter.getTime() < Date.now())
      throw new StationError('AGENT_CERT_INVALID', {
        reader,
        problem: `expired on ${facts.notAfter.toISOString()}`,
      });
    try {
      await card.verifyPin(pin);
    } catch (e) {
      if (e instanceof WrongSecretError)
        throw new StationError(
          e.retriesLeft === 0 ? 'PIN_BLOCKED' : 'WRONG_PIN',
          { card: 'operator', reader, ...(e.retriesLeft === undefined ? {} : { triesLeft: e.retriesLeft }) },
          { cause: e },
        );
      if (e instanceof SecretBlockedError)
        throw new StationError('PIN_BLOCKED', { card: 'operator', reader }, { cause: e });
      throw e;
    }
    const stillPresent = async (): Promise<boolean> => {
      try {
        if (card.isSameCard !== undefined) return await card.isSameCard(identity);
        return (await card.identify()).cardId === identity.cardId;
      } catch {
        return false;
      }
    };
    const signer = card.signerFor(facts.spki);
    const agent: AgentCard = {
      certificate: der,
      signer: {
        spki: signer.spki,
        keyAlgorithm: signer.keyAlgorithm,
        async sign(data, hash) {
          if (!(await stillPresent()))
            throw new StationError('AGENT_CARD_MISSING', {
              reader,
              problem: 'the operator card in the reader is not the one signed in',
            });
          return signer.sign(data, hash);
        },
      },
    };
    return {
      operatorUpn: facts.upns[0] ?? facts.subject,
      reader,
      card: identity,
      agentNotAfter: facts.notAfter.toISOString(),
      agent,
      transport,
      stillPresent,
      close: () => transport.close('reset').catch(() => undefined),
    };
  } catch (e) {
    await transport.close('reset').catch(() => undefined);
    throw e;
  }
}
