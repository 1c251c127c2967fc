// The auditor's side of the bridge: the sign-in with an auditor card, and the calls behind the
// auditor screens. The session lives here, in main: every auditor call checks it before it reads
// anything, so an operator (or a page script) calling the bridge directly gets AUDITOR_REQUIRED,
// and that refusal is recorded in the log like a refused sign-in. Sign-in, sign-out (by the
// auditor, by idle, by another sign-in) and refusals are recorded as SESSION_START / SESSION_END.
import { randomUUID } from 'node:crypto';
import { Secret, type AuditEvent } from '../station/index.ts';
import { StationError, type Language } from '../core/errors/catalog.ts';
import { toErrorView } from './errors-view.ts';
import type { Answer, AuditorView, CallName, CallValue } from './ipc-contract.ts';
import type { AuditorReads } from './auditor-adapter.ts';
import type { KioskStation } from './station-port.ts';
import { parseSignIn } from './validate.ts';
import { parseExport, parseFilterOnly, parseKeyFile, parseLogPage } from './validate-audit.ts';
import { parseEnrollmentId, parseNothing } from './validate.ts';

export type AuditorCall =
  | 'signInAuditor'
  | 'auditLog'
  | 'auditEvents'
  | 'auditKeys'
  | 'auditVerify'
  | 'auditCards'
  | 'auditOverview'
  | 'auditExport';

export interface AuditorContext {
  readonly station: KioskStation | undefined;
  readonly language: () => Language;
  /** any call keeps the idle timer from expiring */
  readonly touch: () => void;
  /** ends every session (operator and auditor) before a new sign-in */
  readonly endSessions: (why: string) => Promise<void>;
  /** who is signed in as operator, for the record of a refused auditor call */
  readonly operatorName: () => string | undefined;
}

export interface AuditorSide {
  readonly handlers: { readonly [K in AuditorCall]: (argument: unknown) => Promise<CallValue<K>> };
  /** ends the auditor session, recording why (sign-out, idle, a new sign-in, a reload) */
  end(why: string): Promise<void>;
}

type Session = AuditorView & { readonly id: string };

export function record(station: KioskStation | undefined, event: AuditEvent): Promise<void> {
  return station?.recordEvent?.(event) ?? Promise.resolve();
}

export function createAuditorSide(ctx: AuditorContext): AuditorSide {
  let session: Session | undefined;

  async function answer<A, T>(
    argument: unknown,
    parse: (argument: unknown) => A,
    work: (reads: AuditorReads, parsed: A, who: Session) => Promise<T>,
    call: CallName,
  ): Promise<Answer<T>> {
    ctx.touch();
    try {
      const parsed = parse(argument);
      const station = ctx.station;
      if (station === undefined) throw new StationError('STATION_UNAVAILABLE');
      const reads = station.auditor;
      if (reads === undefined) throw new StationError('AUDITOR_NOT_CONFIGURED');
      const who = session;
      if (who === undefined) {
        const operator = ctx.operatorName();
        await record(station, {
          enrollmentId: randomUUID(),
          action: 'SESSION_START',
          outcome: 'failure',
          errorCode: 'AUDITOR_REQUIRED',
          reason: `auditor call ${call} refused: no auditor signed in${operator === undefined ? '' : ' (an operator is)'}`,
          ...(operator === undefined ? {} : { operator: { upn: operator } }),
        }).catch(() => undefined);
        throw new StationError('AUDITOR_REQUIRED');
      }
      return { ok: true, value: await work(reads, parsed, who) };
    } catch (error) {
      return { ok: false, error: toErrorView(error, ctx.language()) };
    }
  }

  const end = async (why: string): Promise<void> => {
    const leaving = session;
    session = undefined;
    if (leaving === undefined) return;
    await record(ctx.station, {
      enrollmentId: leaving.id,
      action: 'SESSION_END',
      outcome: 'success',
      reason: `auditor signed out: ${why}`,
      operator: { upn: leaving.name },
      reader: leaving.reader,
    }).catch(() => undefined);
  };

  const signInAuditor = async (argument: unknown): Promise<Answer<AuditorView>> => {
    ctx.touch();
    try {
      const request = parseSignIn(argument);
      const station = ctx.station;
      if (station === undefined) throw new StationError('STATION_UNAVAILABLE');
      if (station.signInAuditor === undefined) throw new StationError('AUDITOR_NOT_CONFIGURED');
      await ctx.endSessions('another sign-in');
      const id = randomUUID();
      const pin = Secret.fromText(request.pin);
      let view: AuditorView;
      try {
        view = await station.signInAuditor(pin, request.reader);
      } catch (error) {
        const details = error instanceof StationError ? error.details : {};
        const upn = typeof details.upn === 'string' ? details.upn : undefined;
        const reader = typeof details.reader === 'string' ? details.reader : undefined;
        await record(station, {
          enrollmentId: id,
          action: 'SESSION_START',
          outcome: 'failure',
          errorCode: error instanceof StationError ? error.code : 'INTERNAL',
          reason: 'auditor sign-in refused',
          ...(upn === undefined ? {} : { operator: { upn } }),
          ...(reader === undefined ? {} : { reader }),
        }).catch(() => undefined);
        throw error;
      } finally {
        pin.wipe();
      }
      // the auditor role is read-only and needed most when the log is in trouble: a sign-in that
      // cannot be recorded still opens the screens (their Verify says what is wrong with the log)
      await record(station, {
        enrollmentId: id,
        action: 'SESSION_START',
        outcome: 'success',
        reason: 'auditor signed in',
        operator: { upn: view.name },
        reader: view.reader,
      }).catch(() => undefined);
      session = { ...view, id };
      return { ok: true, value: view };
    } catch (error) {
      return { ok: false, error: toErrorView(error, ctx.language()) };
    }
  };

  return {
    end,
    handlers: {
      signInAuditor,
      auditLog: (a) => answer(a, parseLogPage, (r, p) => r.log(p.filter, p.afterSeq), 'auditLog'),
      auditEvents: (a) =>
        answer(a, parseEnrollmentId, (r, p) => r.events(p.enrollmentId.toLowerCase()), 'auditEvents'),
      auditKeys: (a) => answer(a, parseNothing, (r) => r.keys(), 'auditKeys'),
      auditVerify: (a) => answer(a, parseKeyFile, (r, p) => r.verify(p.keyFile), 'auditVerify'),
      auditCards: (a) => answer(a, parseKeyFile, (r, p) => r.cards(p.keyFile), 'auditCards'),
      auditOverview: (a) => answer(a, parseFilterOnly, (r, p) => r.overview(p.filter), 'auditOverview'),
      auditExport: (a) =>
        answer(
          a,
          parseExport,
          (r, p, who) =>
            r.export(p.format, p.filter, p.keyFile, { auditor: who.name, language: ctx.language() }),
          'auditExport',
        ),
    },
  };
}
