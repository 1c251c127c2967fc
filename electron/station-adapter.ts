// The kiosk's port over the application layer's Station: calls the use cases and turns their
// results into the views that cross the bridge. No use case is written here — enrollment,
// sign-in, recovery and the checks all happen in station/.
import { stationPaths } from '../core/config/config.ts';
import { isStationErrorCode, StationError, type StationErrorCode } from '../core/errors/catalog.ts';
import { audit, describeFinding } from '../station/index.ts';
import type {
  CardView,
  EnrollmentIO,
  EnrollmentResult,
  Finding,
  OperatorSession,
  PinPolicy,
  RecoveryResult,
  RecoveryView,
  Station,
} from '../station/index.ts';
import type { Language } from '../core/errors/catalog.ts';
import type {
  DiagnosticView,
  HealthState,
  HealthView,
  PendingView,
  ReaderView,
  SelfPendingView,
} from './ipc-contract.ts';
import type { EnrollIO, EnrollOutcome, KioskStation, OperatorHandle } from './station-port.ts';
import { auditorReads } from './auditor-adapter.ts';

const ROLE: Record<CardView['role'], ReaderView['role']> = {
  empty: 'empty',
  agent: 'agent',
  blank: 'blank',
  issued: 'issued',
  unsupported: 'unknown',
  unreadable: 'unknown',
};

export function readerView(c: CardView): ReaderView {
  return {
    name: c.reader,
    cardPresent: c.role !== 'empty',
    atr: c.identity?.atr ?? null,
    role: ROLE[c.role],
  };
}

function state(findings: readonly Finding[], ...ids: Finding['id'][]): HealthState {
  const mine = findings.filter((f) => ids.includes(f.id));
  if (mine.length === 0) return 'unknown';
  return mine.every((f) => f.ok) ? 'ok' : 'failed';
}

/** The enrollment log walked and its signatures checked (station's audit use case), not recorded. */
async function logHealth(station: Station): Promise<HealthView['log']> {
  try {
    const report = await audit.verifyLog({ db: stationPaths(station.config).auditDb, record: false });
    return {
      state: report.verdict === 'intact' ? 'ok' : 'failed',
      records: report.verification.lastRecordSeq,
    };
  } catch {
    return { state: 'failed' };
  }
}

/**
 * The central log's backlog from the station (the outbox its forwarder empties): none waiting is
 * 'ok', records waiting is 'warning' with their number (the store is slow or unreachable; they
 * stay in the local outbox), no central store configured says so.
 */
function centralHealth(station: Station): HealthView['central'] {
  try {
    const c = station.centralLog();
    if (!c.configured) return { state: 'not-configured' };
    return { state: c.backlog === 0 ? 'ok' : 'warning', backlog: c.backlog };
  } catch {
    return { state: 'failed' };
  }
}

/**
 * Station health: CA and clock from diagnose's findings, the log from its verification, the
 * central backlog from the station's outbox; what nothing checked is 'unknown', not 'ok'.
 */
export function healthView(
  findings: readonly Finding[],
  log: HealthView['log'] = { state: 'unknown' },
  central: HealthView['central'] = { state: 'unknown' },
): HealthView {
  const clock = findings.find((f) => f.id === 'clock');
  const skew = clock?.facts.skewSeconds;
  return {
    ca: { state: state(findings, 'ca-reachable', 'credentials', 'template') },
    clock: { state: state(findings, 'clock'), ...(typeof skew === 'number' ? { skewSeconds: skew } : {}) },
    log,
    central,
  };
}

/** The engine's IO for one run: progress out, the holder's PIN asked through the screen. */
function engineIO(io: EnrollIO): EnrollmentIO {
  let enrollmentId = '';
  return {
    onProgress: (p) => {
      enrollmentId = p.enrollmentId;
      io.onProgress?.({ enrollmentId: p.enrollmentId, step: p.step, percent: p.percent });
    },
    askNewPin: (policy: PinPolicy, rejected) =>
      io.askNewPin(
        {
          enrollmentId,
          minLength: policy.minLength,
          maxLength: policy.maxLength,
          digitsOnly: policy.digitsOnly,
          refused: [...policy.blocklist],
        },
        rejected === undefined ? undefined : new StationError(rejected as StationErrorCode),
      ),
  };
}

/**
 * The outcome for the screen. The certificate's name and UPN are read back from the card the run
 * wrote (station.cards()), so the holder confirms what the card holds, not what was typed.
 */
export async function outcomeOf(station: Station, r: EnrollmentResult): Promise<EnrollOutcome> {
  const reqId = r.reqId ?? 0;
  if (r.status === 'pending') return { status: 'pending', enrollmentId: r.enrollmentId, reqId };
  if (r.status === 'denied') {
    const d = r.denial;
    const code = d !== undefined && isStationErrorCode(d.code) ? d.code : 'CA_DENIED';
    const error = new StationError(code, { reqId, ...(d?.hresult ? { hresult: d.hresult } : {}) });
    return {
      status: 'denied',
      enrollmentId: r.enrollmentId,
      reqId,
      error,
      ...(r.cardCleared === true ? { cardCleared: true } : {}),
    };
  }
  const v = r.verdict;
  if (v === null) throw new StationError('CERT_CHECK_FAILED', { enrollmentId: r.enrollmentId });
  const reader = r.card?.readerName;
  // only the card this run wrote: reading every reader would wait for the operator card the session holds
  const onCard = reader === undefined ? undefined : (await station.cards({ only: reader }))[0];
  return {
    status: r.status,
    enrollmentId: r.enrollmentId,
    reqId,
    certificate: {
      subject: onCard?.subject ?? '',
      upn: onCard?.upn ?? '',
      template: station.config.ca.template,
      serialNumber: v.serial,
      notBefore: v.notBefore,
      notAfter: v.notAfter,
      issuer: '',
    },
  };
}

/** The findings in the station's words (the CLI's too), for the diagnostics screen. */
export function diagnosticViews(
  findings: readonly Finding[],
  language: Language,
  agentTemplate: string,
): DiagnosticView[] {
  return findings.map((f) => describeFinding(f, language, 'screen', agentTemplate));
}

export function pendingView(r: RecoveryView): PendingView {
  return { enrollmentId: r.enrollmentId, reqId: r.reqId ?? 0, requesterName: r.user, reader: r.reader };
}

export function selfPendingView(r: RecoveryView): SelfPendingView {
  return { enrollmentId: r.enrollmentId, reqId: r.reqId ?? 0, requestedAt: r.requestedAt, reader: r.reader };
}

/**
 * A resumed enrollment as the screen shows it: an enrollment's outcome, or — the card not in its
 * reader, the journal busy elsewhere, nothing to resume — the error that says so. The operator's
 * Pending list and the employee's self-service list read recovery the same way.
 */
async function resumedOutcome(
  station: Station,
  enrollmentId: string,
  r: RecoveryResult,
): Promise<EnrollOutcome> {
  if (
    r.status === 'issued' ||
    r.status === 'issued-pin-not-changed' ||
    r.status === 'pending' ||
    r.status === 'denied'
  )
    return outcomeOf(station, r as EnrollmentResult);
  const code: StationErrorCode =
    r.status === 'card-absent' ? 'NO_CARD' : r.status === 'busy' ? 'CARD_BUSY' : 'INTERRUPTED';
  throw new StationError(code, { enrollmentId, status: r.status });
}

interface Handle extends OperatorHandle {
  readonly session: OperatorSession;
}

export function kioskStation(station: Station): KioskStation {
  return {
    readers: async (operatorReader) =>
      (await station.cards(operatorReader === undefined ? {} : { operatorReader })).map(readerView),
    watchReaders: (listener) => station.watchReaders(() => listener()),
    // health needs the CA and the clock, not the cards: no card is held for it
    health: async () =>
      healthView(
        await station.diagnose(undefined, { readCards: false }),
        await logHealth(station),
        centralHealth(station),
      ),
    signInOperator: async (pin, reader): Promise<Handle> => {
      const session = await station.signInOperator(pin, reader);
      return {
        session,
        view: { name: session.operatorUpn, reader: session.reader },
        close: () => session.close(),
      };
    },
    enroll: async (input, operator, io) =>
      outcomeOf(station, await station.enroll(input, (operator as Handle).session, engineIO(io))),
    pending: async () => (await station.pending()).map(pendingView),
    resume: async (enrollmentId, _operator, io) =>
      resumedOutcome(station, enrollmentId, await station.recover(enrollmentId, 'confirm', engineIO(io))),
    diagnose: async (language) =>
      diagnosticViews(await station.diagnose(), language, station.config.ca.agentTemplate),
    selfEnroll: async (input, password, io) => {
      const r = await station.selfEnroll(input, password, engineIO(io));
      return {
        ...(await outcomeOf(station, r)),
        reader: r.reader,
        ...(r.instanceId === undefined ? {} : { instanceId: r.instanceId }),
      };
    },
    selfPending: async (account, password) =>
      (await station.selfPending(account, password)).map(selfPendingView),
    selfResume: async (account, password, enrollmentId, io) => {
      const r = await station.selfResume(account, password, enrollmentId, engineIO(io));
      // an outcome's card is the journal's own, identified in its reader by the resumed run
      const reader = 'card' in r ? (r.card?.readerName ?? '') : '';
      return { ...(await resumedOutcome(station, enrollmentId, r)), reader };
    },
    verifyVsc: async (reader, options) => {
      const pin = options.pin;
      const r = await station.verifyVsc(reader, {
        ...(options.upn === undefined ? {} : { upn: options.upn }),
        // the station wipes what it is given: a copy, the handler wipes the original
        ...(pin === undefined ? {} : { askPin: () => Promise.resolve(pin.clone()) }),
      });
      return {
        reader: r.reader,
        ok: r.ok,
        checks: r.checks.map((c) => ({
          id: c.id,
          status: c.status,
          ...(c.status === 'failed' && c.code !== undefined
            ? { error: new StationError(c.code, c.details ?? {}) }
            : {}),
        })),
      };
    },
    close: async () => {
      await station.close();
    },
    signInAuditor: async (pin, reader) => {
      const a = await station.signInAuditor(pin, reader);
      return { name: a.upn, reader: a.reader };
    },
    recordEvent: (event) => station.recordEvent(event),
    auditor: auditorReads(station.config),
  };
}
