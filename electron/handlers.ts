// The main-process side of the contract: one handler per call, each validating its argument,
// wrapping PINs in a Secret the moment they arrive, calling the station and answering
// {ok, value} or {ok: false, error} with the error explained in the screen's language.
// Sender checks happen in `dispatch` before any handler runs. Without a station (composition
// failed, or the application layer is not wired yet) every call answers STATION_UNAVAILABLE:
// the screens say so instead of pretending.
import { randomUUID } from 'node:crypto';
import { Secret, validateEnrollInput } from '../station/index.ts';
import { StationError, type Language } from '../core/errors/catalog.ts';
import { createAuditorSide, record } from './auditor-handlers.ts';
import { toErrorView } from './errors-view.ts';
import { IdleTimer } from './idle.ts';
import type { Answer, CallName, CallValue, OutcomeView, StationEvent } from './ipc-contract.ts';
import { whileWritingCard, type PowerSaveBlocker } from './power.ts';
import { isTrustedSender, type AppOrigin, type SenderFacts } from './session-policy.ts';
import type { EnrollIO, EnrollOutcome, KioskStation, OperatorHandle } from './station-port.ts';
import { parseSelfEnroll, parseSelfSignIn, parseVerifyVsc } from './self-service-validate.ts';
import {
  parseEnrollmentId,
  parseErrorCode,
  parseLanguage,
  parseNewPinAnswer,
  parseNothing,
  parseSignIn,
} from './validate.ts';

export type Handlers = { readonly [K in CallName]: (argument: unknown) => Promise<CallValue<K>> };

export interface HandlerDeps {
  /** undefined: not connected; every call says STATION_UNAVAILABLE */
  readonly station: KioskStation | undefined;
  readonly push: (event: StationEvent) => void;
  readonly power: PowerSaveBlocker;
  readonly idleMs: number;
  readonly timers?: ConstructorParameters<typeof IdleTimer>[2];
  readonly initialLanguage?: Language;
}

export interface KioskMain {
  readonly handlers: Handlers;
  /** what the screen's person typed and the operator and auditor sessions, dropped (idle, window reload) */
  reset(why?: string): Promise<void>;
  readonly language: () => Language;
  /** starts pushing reader events; returns the unsubscribe */
  watch(): () => void;
}

interface PinPrompt {
  resolve(answer: Secret | 'skip'): void;
  reject(error: unknown): void;
}

export function createKioskMain(deps: HandlerDeps): KioskMain {
  let language: Language = deps.initialLanguage ?? 'en';
  let operator: OperatorHandle | undefined;
  /** the operator session's id in the log (SESSION_START … SESSION_END) */
  let operatorSession = '';
  let busy = false;
  const prompts = new Map<string, PinPrompt>();
  /**
   * The employee signed in on the self-service screen for their pending requests: their account
   * and password (a Secret: it crossed once), kept for `selfResume` until the screen is left, the
   * kiosk idles or another employee signs in.
   */
  let employee: { readonly account: string; readonly password: Secret | undefined } | undefined;
  const forgetEmployee = (): void => {
    employee?.password?.wipe();
    employee = undefined;
  };

  const reset = async (why = 'reset'): Promise<void> => {
    forgetEmployee();
    const leaving = operator;
    operator = undefined;
    for (const prompt of prompts.values())
      prompt.reject(new StationError('PIN_NOT_CHANGED', { reason: 'idle' }));
    prompts.clear();
    await leaving?.close().catch(() => undefined);
    if (leaving !== undefined)
      await record(deps.station, {
        enrollmentId: operatorSession,
        action: 'SESSION_END',
        outcome: 'success',
        reason: `operator signed out: ${why}`,
        operator: { upn: leaving.view.name },
        reader: leaving.view.reader,
      }).catch(() => undefined);
    await auditorSide.end(why);
  };
  const idle = new IdleTimer(
    deps.idleMs,
    () => {
      // an enrollment writing the card is not interrupted; waiting for the holder's PIN is idle
      if (busy && prompts.size === 0) return idle.touch();
      void reset('idle');
      deps.push({ type: 'idle-reset' });
    },
    deps.timers,
  );

  /** validates first (a malformed call is BAD_INPUT whether or not a station is there), then calls */
  async function answer<A, T>(
    argument: unknown,
    parse: (argument: unknown) => A,
    work: (station: KioskStation, parsed: A) => Promise<T>,
  ): Promise<Answer<T>> {
    idle.touch();
    try {
      const parsed = parse(argument);
      if (deps.station === undefined) throw new StationError('STATION_UNAVAILABLE');
      return { ok: true, value: await work(deps.station, parsed) };
    } catch (error) {
      return { ok: false, error: toErrorView(error, language) };
    }
  }

  const auditorSide = createAuditorSide({
    station: deps.station,
    language: () => language,
    touch: () => idle.touch(),
    endSessions: (why) => reset(why),
    operatorName: () => operator?.view.name,
  });

  /**
   * The readers as the screen shows them. Reads run one at a time and each caller gets a read that
   * started after its call: the screen's polls and the pushes after reader events used to run side
   * by side and land out of order, so a read begun before a card was pulled could arrive last and
   * show a card that had gone (the operator then tapped Enroll on an empty reader).
   */
  const readReaders = latestRead(() => {
    if (deps.station === undefined) return Promise.reject(new StationError('STATION_UNAVAILABLE'));
    return deps.station.readers(operator?.view.reader);
  });

  const signedIn = (): OperatorHandle => {
    if (operator === undefined) throw new StationError('AGENT_CARD_MISSING', { reason: 'not signed in' });
    return operator;
  };

  const io = (): EnrollIO => ({
    onProgress: (p) => deps.push({ type: 'progress', ...p }),
    askNewPin: (policy, rejected) =>
      new Promise<Secret | 'skip'>((resolve, reject) => {
        const { enrollmentId, ...rest } = policy;
        prompts.set(enrollmentId, { resolve, reject });
        deps.push({
          type: 'new-pin-needed',
          enrollmentId,
          ...(rejected === undefined ? {} : { rejected: toErrorView(rejected, language) }),
          policy: {
            minLength: rest.minLength,
            maxLength: rest.maxLength,
            digitsOnly: rest.digitsOnly,
            refused: [...rest.refused],
          },
        });
      }),
  });

  const outcome = (o: EnrollOutcome): OutcomeView =>
    o.status === 'denied' ? { ...o, error: toErrorView(o.error, language) } : o;

  /** one card-writing run at a time, the display kept awake while it writes */
  async function exclusive<T>(run: () => Promise<T>): Promise<T> {
    if (busy)
      throw new StationError('BAD_INPUT', { field: 'request', problem: 'an enrollment is already running' });
    busy = true;
    try {
      return await whileWritingCard(deps.power, run);
    } finally {
      busy = false;
    }
  }
  const writing = async (run: () => Promise<EnrollOutcome>): Promise<OutcomeView> =>
    outcome(await exclusive(run));

  async function answerLocally<T>(work: () => Promise<T>): Promise<Answer<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      return { ok: false, error: toErrorView(error, language) };
    }
  }

  /** calls that need no station: they answer even when it is not connected */
  async function local<T>(work: () => T): Promise<Answer<T>> {
    idle.touch();
    try {
      return { ok: true, value: work() };
    } catch (error) {
      return { ok: false, error: toErrorView(error, language) };
    }
  }

  const handlers: Handlers = {
    readers: (arg) => answer(arg, parseNothing, () => readReaders()),
    health: (arg) => answer(arg, parseNothing, (s) => s.health()),
    setLanguage: (arg) =>
      local(() => {
        language = parseLanguage(arg);
        return null;
      }),
    signIn: (arg) =>
      answer(arg, parseSignIn, async (s, request) => {
        const pin = Secret.fromText(request.pin);
        const id = randomUUID();
        try {
          await reset('another sign-in');
          try {
            operator = await s.signInOperator(pin, request.reader);
          } catch (error) {
            await record(s, {
              enrollmentId: id,
              action: 'SESSION_START',
              outcome: 'failure',
              errorCode: error instanceof StationError ? error.code : 'INTERNAL',
              reason: 'operator sign-in refused',
            }).catch(() => undefined);
            throw error;
          }
          operatorSession = id;
          try {
            // fail closed: an operator whose sign-in cannot be recorded does not enroll
            await record(s, {
              enrollmentId: id,
              action: 'SESSION_START',
              outcome: 'success',
              reason: 'operator signed in',
              operator: { upn: operator.view.name },
              reader: operator.view.reader,
            });
          } catch (error) {
            const unrecorded = operator;
            operator = undefined;
            await unrecorded.close().catch(() => undefined);
            throw error;
          }
          return operator.view;
        } finally {
          pin.wipe();
        }
      }),
    signOut: (arg) =>
      answerLocally(async () => {
        parseNothing(arg);
        await reset('sign-out');
        return null;
      }),
    enroll: (arg) =>
      answer(arg, validateEnrollInput, (s, input) => {
        const session = signedIn();
        return writing(() => s.enroll(input, session, io()));
      }),
    answerNewPin: (arg) =>
      answer(arg, parseNewPinAnswer, async (_s, a) => {
        const prompt = prompts.get(a.enrollmentId);
        if (prompt === undefined)
          throw new StationError('BAD_INPUT', { field: 'enrollmentId', problem: 'is not waiting for a PIN' });
        prompts.delete(a.enrollmentId);
        prompt.resolve('skip' in a ? 'skip' : Secret.fromText(a.pin));
        return null;
      }),
    pending: (arg) => answer(arg, parseNothing, (s) => s.pending()),
    resume: (arg) =>
      answer(arg, parseEnrollmentId, (s, { enrollmentId }) => {
        const session = signedIn();
        return writing(() => s.resume(enrollmentId, session, io()));
      }),
    activity: (arg) => local(() => (parseNothing(arg), null)),
    checkHolder: (arg) => local(() => (validateEnrollInput(arg), null)),
    diagnose: (arg) =>
      answer(arg, parseNothing, (s) => {
        // diagnose reads every card; not while one is being written
        if (busy)
          throw new StationError('BAD_INPUT', { field: 'request', problem: 'an enrollment is running' });
        return s.diagnose(language);
      }),
    explain: (arg) =>
      local(() => {
        const { message, resolution } = toErrorView(new StationError(parseErrorCode(arg)), language);
        return { message, resolution };
      }),
    // self-service: the employee at their own computer, no operator session
    selfEnroll: (arg) =>
      answer(arg, parseSelfEnroll, async (s, request) => {
        const password = request.password === undefined ? undefined : Secret.fromText(request.password);
        try {
          const o = await exclusive(() => s.selfEnroll(request.input, password, io()));
          return o.status === 'denied' ? { ...o, error: toErrorView(o.error, language) } : o;
        } finally {
          password?.wipe();
        }
      }),
    selfPending: (arg) =>
      answer(arg, parseSelfSignIn, async (s, q) => {
        // a new sign-in replaces the last one, whatever the CA answers to it
        forgetEmployee();
        const password = q.password === undefined ? undefined : Secret.fromText(q.password);
        try {
          const list = await s.selfPending(q.account, password);
          employee = { account: q.account, password };
          return list;
        } catch (error) {
          password?.wipe();
          throw error;
        }
      }),
    selfResume: (arg) =>
      answer(arg, parseEnrollmentId, async (s, { enrollmentId }) => {
        const who = employee;
        if (who === undefined)
          throw new StationError('BAD_INPUT', { field: 'request', problem: 'sign in first' });
        const o = await exclusive(() => s.selfResume(who.account, who.password, enrollmentId, io()));
        return o.status === 'denied' ? { ...o, error: toErrorView(o.error, language) } : o;
      }),
    selfSignOut: (arg) => local(() => (parseNothing(arg), forgetEmployee(), null)),
    verifyVsc: (arg) =>
      answer(arg, parseVerifyVsc, async (s, q) => {
        const pin = q.pin === undefined ? undefined : Secret.fromText(q.pin);
        try {
          const r = await s.verifyVsc(q.reader, {
            ...(q.upn === undefined ? {} : { upn: q.upn }),
            ...(pin === undefined ? {} : { pin }),
          });
          return {
            reader: r.reader,
            ok: r.ok,
            checks: r.checks.map((c) => ({
              id: c.id,
              status: c.status,
              ...(c.error === undefined ? {} : { error: toErrorView(c.error, language) }),
            })),
          };
        } finally {
          pin?.wipe();
        }
      }),
    ...auditorSide.handlers,
  };

  return {
    handlers,
    reset,
    language: () => language,
    watch(): () => void {
      const station = deps.station;
      if (station === undefined) return () => undefined;
      return station.watchReaders(() => {
        readReaders().then(
          (readers) => deps.push({ type: 'readers', readers }),
          () => undefined,
        );
      });
    },
  };
}

/**
 * One entry for every call, from ipcMain.handle (Electron) or a Playwright binding (browser mode):
 * refuses a sender that is not the kiosk's top frame and a channel that is not in the contract,
 * before any handler sees the argument.
 */
export function createDispatcher(
  main: KioskMain,
  trusted: () => { readonly webContentsId: number | undefined; readonly origin: AppOrigin },
): (channel: string, sender: SenderFacts, argument: unknown) => Promise<Answer<unknown>> {
  return async (channel, sender, argument) => {
    const t = trusted();
    const call = channel.startsWith('station:') ? channel.slice('station:'.length) : '';
    if (!isTrustedSender(sender, t.webContentsId, t.origin) || !Object.hasOwn(main.handlers, call)) {
      return {
        ok: false,
        error: toErrorView(new StationError('BAD_INPUT', { field: 'sender' }), main.language()),
      };
    }
    return main.handlers[call as CallName](argument);
  };
}

/**
 * Wraps a read so that calls never overlap and every call is answered by a read that started after
 * it was made: callers arriving while a read runs share the one queued after it.
 */
export function latestRead<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<unknown> = Promise.resolve();
  let queued: Promise<T> | undefined;
  return () => {
    if (queued !== undefined) return queued;
    const next = running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return read();
      });
    queued = next;
    running = next;
    return next;
  };
}
