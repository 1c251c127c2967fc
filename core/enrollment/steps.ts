// The enrollment as ONE table. The engine runs it in order, recovery reads the journal against it,
// the screens and the CLI take their progress labels and shares from it, and the log takes its
// audit actions from it — so no second list has to be kept in step by hand.
//
// Each step is journaled twice: `begin` (fsync'ed before the step runs) and `done` (after). A step
// that has begun but not finished is "in doubt" after a crash; what recovery does about it follows
// from `touches` and `phase` below.
import type { AuditAction } from '../audit/record.ts';
import type { CardCapabilities, CardIdentity } from '../card/edge.ts';

export type StepId =
  | 'identify'
  | 'pin-check'
  | 'reissue-reset'
  | 'agent'
  | 'admin'
  | 'assign-id'
  | 'keygen'
  | 'csr'
  | 'wrap'
  | 'submit'
  | 'check'
  | 'write'
  | 'personalise'
  | 'admin-key'
  | 'puk'
  | 'pin-change'
  | 'proof';

export interface StepContext {
  readonly mode: 'on-behalf' | 'self';
  readonly reissue: boolean;
  readonly capabilities: CardCapabilities;
  readonly identity: CardIdentity | undefined;
  /** pin-check found a re-issued card whose PIN only the held PUK can set back */
  readonly needsPinReset: boolean;
  /** the card has neither a serial nor a GUID: the station gives it a GUID before filing keys */
  readonly needsId: boolean;
}

export interface StepDef {
  readonly id: StepId;
  /** i18n key of the label a person sees (core/i18n) */
  readonly label: `step.${StepId}`;
  /** the audit action recorded as started / success / failure around the step */
  readonly action: AuditAction;
  /** how far along the enrollment is when the step starts, for progress bars */
  readonly percent: number;
  /**
   * what the step changes: 'nothing' (reads only), 'card' (the card being enrolled), 'ca' (a
   * request reaches the CA). Recovery never touches a card for steps that changed nothing.
   */
  readonly touches: 'nothing' | 'card' | 'ca';
  /**
   * 'prepare' steps run before the CA is asked; a run that stops there leaves nothing to undo (at
   * most an unused key in the slot, replaced by the next issuance). 'finish' steps run after the
   * CA issued; a run that cannot finish them destroys the key and names the certificate to revoke.
   */
  readonly phase: 'prepare' | 'submit' | 'finish';
  /** the step applies to this enrollment (mode, card edge, the card's state) */
  readonly applies: (c: StepContext) => boolean;
}

const always = (): boolean => true;

export const STEP_TABLE: readonly StepDef[] = [
  step('identify', 'CARD_IDENTIFIED', 3, 'nothing', 'prepare', always),
  step('pin-check', 'PIN_CHECKED', 8, 'nothing', 'prepare', always),
  step('agent', 'OPERATOR_LOGON', 12, 'nothing', 'prepare', (c) => c.mode === 'on-behalf'),
  step('admin', 'ADMIN_AUTHENTICATED', 15, 'nothing', 'prepare', always),
  // a card with no serial and no GUID gets the GUID it will be known by, before any key exists
  step(
    'assign-id',
    'CARD_PERSONALISED',
    18,
    'card',
    'prepare',
    (c) => c.needsId && c.capabilities.personalise,
  ),
  step('keygen', 'KEYGEN', 25, 'card', 'prepare', always),
  // after keygen: the holder's old key is gone before the PIN goes back to the transport PIN
  step('reissue-reset', 'PIN_UNBLOCK', 30, 'card', 'prepare', (c) => c.needsPinReset),
  step('csr', 'CSR_CREATED', 35, 'nothing', 'prepare', always),
  step('wrap', 'EOBO_SIGNED', 40, 'nothing', 'prepare', (c) => c.mode === 'on-behalf'),
  step('submit', 'CERTSRV_SUBMIT', 50, 'ca', 'submit', always),
  step('check', 'CERT_CHECKED', 60, 'nothing', 'finish', always),
  step('write', 'CERT_INSTALLED', 66, 'card', 'finish', always),
  // the edge's identifiers (PIV: CHUID keeping a GUID that is the card's identity, and CCC)
  step('personalise', 'CARD_PERSONALISED', 71, 'card', 'finish', (c) => c.capabilities.personalise),
  step('admin-key', 'MGMT_KEY_SET', 76, 'card', 'finish', always),
  step('puk', 'PUK_SET', 82, 'card', 'finish', (c) => c.capabilities.puk),
  step('pin-change', 'PIN_CHANGED', 88, 'card', 'finish', always),
  step('proof', 'CARD_PROVED', 94, 'nothing', 'finish', always),
];

function step(
  id: StepId,
  action: AuditAction,
  percent: number,
  touches: StepDef['touches'],
  phase: StepDef['phase'],
  applies: StepDef['applies'],
): StepDef {
  return { id, label: `step.${id}`, action, percent, touches, phase, applies };
}

export const STEP_IDS: readonly StepId[] = STEP_TABLE.map((s) => s.id);

export function stepDef(id: StepId): StepDef {
  const def = STEP_TABLE.find((s) => s.id === id);
  if (def === undefined) throw new RangeError(`no step ${id}`);
  return def;
}

export const isStepId = (v: unknown): v is StepId =>
  typeof v === 'string' && (STEP_IDS as string[]).includes(v);

/** Progress share of the finished enrollment. */
export const DONE_PERCENT = 100;
