// How a run that threw ends: refused or failed (nothing to undo) before the CA issued; left open for
// `recover` when the card or the CA went away; otherwise compensated — the key destroyed, the
// certificate this run wrote removed, its serial recorded "to be revoked", each audited first.
import type { CardIdentity } from '../card/edge.ts';
import { StationError, type ErrorDetails, type StationErrorCode } from '../errors/catalog.ts';
import { authenticateAdmin } from './held-credentials.ts';
import type { EndStatus, JournalState } from './journal.ts';
import { errorCodeOf, type EnrollmentRun } from './run.ts';
import { stepDef } from './steps.ts';
import { certificateFacts, parseCertificate } from '../pki/certificate-facts.ts';

/** Codes that mean "a rule said no before anything changed": the journal ends "refused". */
const REFUSALS: ReadonlySet<string> = new Set([
  'CARD_ALREADY_ISSUED',
  'REISSUE_NEEDS_RESET',
  'TRANSPORT_PIN_WRONG',
  'FACTORY_PIN_SET',
  'PIN_BLOCKED',
  'UNSUPPORTED_CARD',
  'CARD_BUSY',
  'BAD_INPUT',
  'AGENT_CARD_MISSING',
]);

/** Codes after which the card or the CA is away: the run cannot finish or undo anything now. */
const AWAY: ReadonlySet<string> = new Set([
  'CARD_REMOVED',
  'PCSC_UNAVAILABLE',
  'NO_CARD',
  'CARD_TIMEOUT',
  'READER_BUSY',
  'CA_OUTCOME_UNKNOWN',
  'CANCELLED',
]);
/**
 * Ends a run that threw, in the state its journal can explain. Returns the error to throw: the
 * original one, with what the operator must do added where the station compensated.
 */
export async function settleFailure(run: EnrollmentRun, error: unknown): Promise<unknown> {
  const code = errorCodeOf(error);
  if (code === 'AUDIT_UNAVAILABLE') return error; // the log is what failed: stop, change nothing more
  const state = run.journal.read();
  if (!state.readable) return error;
  const issued = run.certificate !== undefined;
  const touchedCard = [...state.done, ...(state.inDoubt ? [state.inDoubt] : [])].some(
    (s) => stepDef(s).touches === 'card',
  );
  try {
    if (!issued) {
      if (state.inDoubt === 'submit' && code === 'CA_OUTCOME_UNKNOWN') {
        await run.audit('ENROLLMENT_FINISHED', 'failure', {
          errorCode: code,
          reason: 'not finished: the CA may hold the request; station recover continues it',
        });
        return error; // open: `recover` asks the CA (ReqID) or the operator
      }
      if (replacedHolderKey(state)) {
        if (AWAY.has(code)) {
          await run.audit('ENROLLMENT_FINISHED', 'failure', {
            errorCode: code,
            reason:
              "re-issue not finished: the holder's key was replaced; station recover removes the old certificate",
          });
          return error; // open: the card must come back for its dead certificate to be removed
        }
        return await clearReplaced(run, error);
      }
      const status: EndStatus = REFUSALS.has(code) && !touchedCard ? 'refused' : 'failed';
      await run.end(status, status === 'refused' ? 'aborted' : 'failure', { errorCode: code });
      return error;
    }
    if (AWAY.has(code)) {
      await run.audit('ENROLLMENT_FINISHED', 'failure', {
        errorCode: code,
        reason: 'issued, not finished: the card or the CA went away; station recover finishes it',
      });
      return error; // open: the certificate is at the CA; recovery fetches it and finishes
    }
    return await compensate(run, error);
  } catch (settleError) {
    return errorCodeOf(settleError) === 'AUDIT_UNAVAILABLE' ? settleError : error;
  }
}

/**
 * A re-issue whose keygen has begun: the new key replaced (or may have replaced) the holder's, so
 * the certificate still in the slot certifies a key the card no longer holds. Such a run cannot
 * end as "nothing changed" — its card must be cleared (clearReplaced).
 */
export function replacedHolderKey(state: JournalState): boolean {
  return (
    state.readable &&
    state.facts.reissue === true &&
    state.facts.hadCertificate === true &&
    (state.done.has('keygen') || state.inDoubt === 'keygen')
  );
}

/** The serial (hex) of the certificate in the card's slot, or null when there is none or it does not parse. */
async function certificateSerialOnCard(run: EnrollmentRun): Promise<string | null> {
  const der = await run.deps.card.readCertificate();
  if (der === null) return null;
  try {
    return certificateFacts(parseCertificate(der)).serialNumberHex;
  } catch {
    return null;
  }
}

/**
 * A re-issue that stopped after keygen, before the CA issued: the old certificate is removed (its
 * key is gone, so it is a certificate nobody can use that would make the card look issued) with
 * the unused new key, and its serial recorded "to be revoked". The card is blank for the station,
 * the log and `audit cards` from then on. Each change is audited before it runs.
 */
export async function clearReplaced(run: EnrollmentRun, error: unknown): Promise<StationError> {
  const cause = errorCodeOf(error);
  const oldSerial = await removeReplaced(run, cause);
  await run.end('failed', 'failure', { errorCode: cause });
  return new StationError(
    'REISSUE_NOT_FINISHED',
    { cause, certificateRemoved: true, revokeSerial: oldSerial ?? 'unknown' },
    { cause: error },
  );
}

/**
 * The card part of clearReplaced, also used when the CA denied a re-issue: the dead old
 * certificate and the unused new key go, the old serial is recorded "to be revoked". Returns that
 * serial (null when the slot held no readable certificate).
 */
export async function removeReplaced(run: EnrollmentRun, cause: string): Promise<string | null> {
  const card = run.deps.card;
  const cardId = (run.identity as CardIdentity).cardId;
  await run.audit('KEY_DESTROYED', 'started', {
    reason: `compensation for ${cause}: the re-issue replaced the holder's key`,
  });
  await authenticateAdmin(run, cardId, run.factoryAdminKey);
  const oldSerial = await certificateSerialOnCard(run);
  await card.destroyKey();
  await card.deleteCertificate();
  await run.audit('KEY_DESTROYED', 'success', {
    reason: 'the unused new key destroyed, the certificate of the replaced key removed from the card',
  });
  await run.audit('CERT_TO_BE_REVOKED', 'started', {
    errorCode: cause,
    ...(oldSerial === null
      ? {}
      : { certificate: { template: run.template ?? 'unknown', serial: oldSerial } }),
    reason:
      "superseded: the re-issue replaced this certificate's key and did not finish; ask the CA administrators to revoke it",
  });
  return oldSerial;
}

/**
 * The CA issued, the station will not finish: the key on the card is destroyed (so the
 * certificate can never be used), the certificate this run wrote is removed, and the serial is
 * recorded "to be revoked". Each compensation is audited before it runs.
 */
export async function compensate(
  run: EnrollmentRun,
  error: unknown,
  /** wrote: this run's certificate is on the card (when the journal cannot say) */
  opts: { readonly wrote?: boolean } = {},
): Promise<StationError> {
  const card = run.deps.card;
  const state = run.journal.read();
  const wrote = opts.wrote ?? (state.readable && (state.done.has('write') || state.inDoubt === 'write'));
  const cardId = (run.identity as CardIdentity).cardId;
  await run.audit('KEY_DESTROYED', 'started', { reason: `compensation for ${errorCodeOf(error)}` });
  await authenticateAdmin(run, cardId, run.factoryAdminKey);
  // a re-issue's old certificate is dead too once the new key replaced its key: it goes with the key
  const replaced = !wrote && state.readable && replacedHolderKey(state);
  const oldSerial = replaced ? await certificateSerialOnCard(run) : null;
  await card.destroyKey();
  if (wrote || replaced) await card.deleteCertificate();
  await run.audit('KEY_DESTROYED', 'success', {
    reason: wrote ? 'key destroyed, certificate removed from the card' : 'key destroyed',
  });
  const serial = run.verdict?.serial || 'unknown (see the CA request)';
  // serial and ReqID travel in the record's certificate fields
  await run.audit('CERT_TO_BE_REVOKED', 'started', {
    errorCode: errorCodeOf(error),
    reason: 'the CA issued a certificate the station did not finish: ask the CA administrators to revoke it',
  });
  if (oldSerial !== null)
    await run.audit('CERT_TO_BE_REVOKED', 'started', {
      errorCode: errorCodeOf(error),
      certificate: { template: run.template ?? 'unknown', serial: oldSerial },
      reason:
        "superseded: the re-issue replaced this certificate's key; ask the CA administrators to revoke it",
    });
  await run.end('rolled-back', 'failure', { errorCode: errorCodeOf(error) });
  const details: ErrorDetails =
    error instanceof StationError ? { ...error.details } : { cause: errorCodeOf(error) };
  const code: StationErrorCode = error instanceof StationError ? error.code : 'ISSUED_NOT_FINISHED';
  return new StationError(
    code,
    { ...details, keyDestroyed: true, revokeSerial: serial, reqId: run.reqId ?? 'unknown' },
    { cause: error },
  );
}
