// What the log says about each card: the state its last issuance left it in. This is how a card
// still on the transport PIN is found where the card itself cannot tell (no PIV metadata), and how
// IT lists the cards whose holders have not chosen a PIN yet.
import type { AuditRecord } from './record.ts';

export type CardState =
  /** issued, and the holder chose a PIN */
  | 'issued'
  /** issued, the card still opens with the transport PIN */
  | 'issued-pin-not-changed'
  /** an enrollment started and never finished (see `station recover`) */
  | 'unfinished'
  /**
   * was issued, and a later run removed its certificate: a re-issue that stopped after its new key
   * replaced the holder's, or one rolled back after the CA issued — the card must be enrolled again
   */
  | 'cleared';

export interface CardSummary {
  /** "serial:<n>" or "guid:<hex>" */
  readonly card: string;
  readonly state: CardState;
  readonly targetUser: string | null;
  readonly enrollmentId: string;
  /** when the state was reached */
  readonly ts: string;
  /** the record that set the state (what its proof depends on) */
  readonly seq: number;
  readonly certificateSerial: string | null;
}

const cardKey = (r: AuditRecord): string | null =>
  r.cardSerial !== null ? `serial:${r.cardSerial}` : r.cardGuid !== null ? `guid:${r.cardGuid}` : null;

/**
 * Folds the records (ascending seq) into one summary per card. An enrollment that failed before
 * changing the card leaves its earlier state standing; one whose compensation removed the card's
 * certificate (KEY_DESTROYED) leaves it "cleared". A later
 * PIN_CHANGED success for the card (a holder's own change) ends "PIN not changed".
 */
export function cardStates(records: Iterable<AuditRecord>): CardSummary[] {
  const cardOfEnrollment = new Map<string, string>();
  const states = new Map<string, CardSummary>();
  for (const r of records) {
    const key = cardKey(r) ?? cardOfEnrollment.get(r.enrollmentId) ?? null;
    if (key === null) continue;
    if (!cardOfEnrollment.has(r.enrollmentId)) cardOfEnrollment.set(r.enrollmentId, key);
    const current = states.get(key);
    const summary = (state: CardState): CardSummary => ({
      card: key,
      state,
      targetUser: r.targetUser ?? current?.targetUser ?? null,
      enrollmentId: r.enrollmentId,
      ts: r.ts,
      seq: r.seq,
      certificateSerial: r.certSerial ?? current?.certificateSerial ?? null,
    });
    if (r.action === 'ENROLLMENT_FINISHED' && r.outcome === 'success') {
      states.set(key, summary(r.errorCode === 'PIN_NOT_CHANGED' ? 'issued-pin-not-changed' : 'issued'));
    } else if (r.action === 'CARD_IDENTIFIED' && r.outcome === 'success' && current === undefined) {
      states.set(key, summary('unfinished'));
    } else if (
      r.action === 'KEY_DESTROYED' &&
      r.outcome === 'success' &&
      (current?.state === 'issued' || current?.state === 'issued-pin-not-changed')
    ) {
      // the compensation removed what made the card issued: it holds no usable certificate now
      states.set(key, summary('cleared'));
    } else if (r.action === 'ENROLLMENT_FINISHED' && current?.state === 'unfinished') {
      // failed or rolled back before anything was issued: the card is as blank as before
      states.delete(key);
    } else if (
      r.action === 'PIN_CHANGED' &&
      r.outcome === 'success' &&
      current?.state === 'issued-pin-not-changed' &&
      r.enrollmentId !== current.enrollmentId
    ) {
      states.set(key, { ...current, state: 'issued', ts: r.ts, seq: r.seq });
    }
  }
  return [...states.values()];
}
