// The kiosk screens as one state machine: Start → (Operator) sign-in → cardholder → insert card →
// confirm → enrolling (progress, the holder's new PIN) → outcome; the Pending list; an error
// state with a way back everywhere. What a person types lives in this component's state only and
// is dropped when a turn ends (Done, sign-out, idle reset from main).
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Answer,
  EnrollRequestView,
  ErrorView,
  HealthView,
  Language,
  OperatorView,
  OutcomeView,
  PendingView,
  PinPolicyView,
  ReaderView,
  StationBridge,
} from '../../electron/ipc-contract.ts';
import { ErrorPanel, HealthPanel, LanguageSwitch, ProgressBar, ReaderList } from './components.tsx';
import { DiagnosticsScreen } from './diagnostics/DiagnosticsScreen.tsx';
import { NewPinForm, SignInPad } from './pin-forms.tsx';
import { SelfService } from './self-service/SelfService.tsx';
import { Auditor } from './audit/Auditor.tsx';

type Screen =
  | { readonly name: 'start' }
  | { readonly name: 'sign-in'; readonly next: 'holder' | 'pending' }
  | { readonly name: 'holder' }
  | { readonly name: 'insert' }
  | { readonly name: 'confirm' }
  | { readonly name: 'working' }
  | { readonly name: 'new-pin'; readonly enrollmentId: string; readonly policy: PinPolicyView }
  | { readonly name: 'outcome'; readonly outcome: OutcomeView }
  | { readonly name: 'pending' }
  | { readonly name: 'diagnostics' }
  | { readonly name: 'error'; readonly error: ErrorView }
  | { readonly name: 'self-service' }
  /** the auditor's sign-in and screens (renderer/src/audit/); main checks the role on every call */
  | { readonly name: 'auditor' };

interface Holder {
  readonly requesterName: string;
  readonly upn: string;
  readonly email: string;
}
const NO_HOLDER: Holder = { requesterName: '', upn: '', email: '' };

const ACTIVITY_EVERY_MS = 10_000;

export function App({
  station,
  onLanguage,
}: {
  readonly station: StationBridge;
  readonly onLanguage: (l: Language) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ name: 'start' });
  const [readers, setReaders] = useState<readonly ReaderView[] | undefined>(undefined);
  const [health, setHealth] = useState<HealthView | undefined>(undefined);
  const [banner, setBanner] = useState<ErrorView | undefined>(undefined);
  const [inline, setInline] = useState<ErrorView | undefined>(undefined);
  const [operator, setOperator] = useState<OperatorView | undefined>(undefined);
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [pinStage, setPinStage] = useState<'first' | 'second'>('first');
  const [skipAsked, setSkipAsked] = useState(false);
  const [holder, setHolder] = useState<Holder>(NO_HOLDER);
  const [badField, setBadField] = useState<string | undefined>(undefined);
  const [reissue, setReissue] = useState(false);
  const [progress, setProgress] = useState({ step: 'starting', percent: 0 });
  const [pending, setPending] = useState<readonly PendingView[] | undefined>(undefined);
  const [idleNotice, setIdleNotice] = useState(false);
  const lastActivity = useRef(0);
  // the self-service screens follow their own enrollment's progress and PIN prompt
  const selfService = useRef(false);
  selfService.current = screen.name === 'self-service';

  const dropEverything = useCallback((): void => {
    setPin('');
    setPinAgain('');
    setPinStage('first');
    setSkipAsked(false);
    setHolder(NO_HOLDER);
    setBadField(undefined);
    setReissue(false);
    setInline(undefined);
    setPending(undefined);
    setProgress({ step: 'starting', percent: 0 });
    setScreen({ name: 'start' });
  }, []);

  const refresh = useCallback(async (): Promise<void> => {
    const [r, h] = await Promise.all([station.readers(), station.health()]);
    if (r.ok) setReaders(r.value);
    if (h.ok) setHealth(h.value);
    setBanner(!r.ok ? r.error : !h.ok ? h.error : undefined);
  }, [station]);

  useEffect(() => {
    void refresh();
    return station.onEvent((e) => {
      if (selfService.current && (e.type === 'progress' || e.type === 'new-pin-needed')) return;
      if (e.type === 'readers') setReaders(e.readers);
      else if (e.type === 'progress') setProgress({ step: e.step, percent: e.percent });
      else if (e.type === 'new-pin-needed') {
        setPin('');
        setPinAgain('');
        setPinStage('first');
        setSkipAsked(false);
        setScreen({ name: 'new-pin', enrollmentId: e.enrollmentId, policy: e.policy });
      } else if (e.type === 'idle-reset') {
        setOperator(undefined);
        dropEverything();
        setIdleNotice(true);
      }
    });
  }, [station, refresh, dropEverything]);

  useEffect(() => {
    const touched = (): void => {
      const now = Date.now();
      if (now - lastActivity.current < ACTIVITY_EVERY_MS) return;
      lastActivity.current = now;
      void station.activity();
    };
    window.addEventListener('pointerdown', touched);
    window.addEventListener('keydown', touched);
    return () => {
      window.removeEventListener('pointerdown', touched);
      window.removeEventListener('keydown', touched);
    };
  }, [station]);

  // on Start and while waiting for the card, ask again now and then: a card read the instant it
  // went in (or was reset) may not have answered yet, and no further reader event comes until
  // something changes. One read at a time: a read can take longer than the interval (each card
  // is read exclusively, and one another session holds is waited for), and reads piling up would
  // hold the card the operator is about to enroll
  useEffect(() => {
    if (screen.name !== 'insert' && screen.name !== 'start') return;
    let reading = false;
    const timer = setInterval(() => {
      if (reading) return;
      reading = true;
      void station
        .readers()
        .then((r) => r.ok && setReaders(r.value))
        .finally(() => (reading = false));
    }, 1500);
    return () => clearInterval(timer);
  }, [screen.name, station]);

  /** errors on screen came from main in the old language: ask main for the new texts */
  const textsOf = useCallback(
    async (
      e: ErrorView | undefined,
    ): Promise<Pick<ErrorView, 'code' | 'message' | 'resolution'> | undefined> => {
      if (e === undefined) return undefined;
      const r = await station.explain({ code: e.code });
      return r.ok ? { code: e.code, ...r.value } : undefined;
    },
    [station],
  );

  const changeLanguage = async (l: Language): Promise<void> => {
    onLanguage(l);
    await station.setLanguage({ language: l });
    const [b, i, e] = await Promise.all([
      textsOf(banner),
      textsOf(inline),
      textsOf(
        screen.name === 'error'
          ? screen.error
          : screen.name === 'outcome' && screen.outcome.status === 'denied'
            ? screen.outcome.error
            : undefined,
      ),
    ]);
    // the new texts go only where an error with that code is still shown: while main answered,
    // the person may have moved on (or main pushed the next screen), and a screen left must not
    // come back
    const relabel = <T extends ErrorView | undefined>(now: T, texts: typeof b): T =>
      now !== undefined && texts !== undefined && now.code === texts.code ? { ...now, ...texts } : now;
    setBanner((now) => relabel(now, b));
    setInline((now) => relabel(now, i));
    setScreen((now) =>
      now.name === 'error'
        ? { ...now, error: relabel(now.error, e) }
        : now.name === 'outcome' && now.outcome.status === 'denied'
          ? { ...now, outcome: { ...now.outcome, error: relabel(now.outcome.error, e) } }
          : now,
    );
  };

  const fail = (error: ErrorView): void => setScreen({ name: 'error', error });

  const signIn = async (next: 'holder' | 'pending'): Promise<void> => {
    const typed = pin;
    setPin('');
    const r = await station.signIn({ pin: typed });
    if (r.ok) {
      setOperator(r.value);
      setInline(undefined);
      setIdleNotice(false);
      if (next === 'pending') void openPending();
      else setScreen({ name: 'holder' });
    } else if (
      r.error.code === 'WRONG_PIN' ||
      r.error.code === 'AGENT_CARD_MISSING' ||
      r.error.code === 'BAD_INPUT'
    ) {
      setInline(r.error);
    } else fail(r.error);
  };

  const request = (): EnrollRequestView => {
    const target = readers?.find((r) => r.cardPresent && r.role !== 'agent');
    return {
      requesterName: holder.requesterName.trim(),
      upn: holder.upn.trim(),
      ...(holder.email.trim() === '' ? {} : { email: holder.email.trim() }),
      ...(target === undefined ? {} : { targetReader: target.name }),
      reissue,
    };
  };

  const checkHolder = async (): Promise<void> => {
    const r = await station.checkHolder({ ...request(), reissue: false });
    if (r.ok) {
      setBadField(undefined);
      setScreen({ name: 'insert' });
    } else if (r.error.code === 'BAD_INPUT') {
      const f = String(r.error.details.field ?? '');
      setBadField(f.startsWith('upn') ? 'upn' : f.startsWith('email') ? 'email' : 'requesterName');
    } else fail(r.error);
  };

  const finish = (r: Answer<OutcomeView>): void => {
    setPin('');
    setPinAgain('');
    if (r.ok) setScreen({ name: 'outcome', outcome: r.value });
    else fail(r.error);
    void refresh();
  };

  const enroll = async (): Promise<void> => {
    setProgress({ step: 'starting', percent: 0 });
    setScreen({ name: 'working' });
    finish(await station.enroll(request()));
  };

  const resume = async (enrollmentId: string): Promise<void> => {
    setProgress({ step: 'starting', percent: 0 });
    setScreen({ name: 'working' });
    finish(await station.resume({ enrollmentId }));
  };

  const openPending = async (): Promise<void> => {
    setScreen({ name: 'pending' });
    const r = await station.pending();
    if (r.ok) setPending(r.value);
    else fail(r.error);
  };

  const answerPin = async (enrollmentId: string, skip: boolean): Promise<void> => {
    const typed = pin;
    setPin('');
    setPinAgain('');
    setScreen({ name: 'working' });
    const r = await station.answerNewPin(skip ? { enrollmentId, skip: true } : { enrollmentId, pin: typed });
    if (!r.ok) fail(r.error);
  };

  const signOut = async (): Promise<void> => {
    await station.signOut();
    setOperator(undefined);
    dropEverything();
  };

  const home = (
    <button type="button" className="secondary" onClick={dropEverything}>
      {t('nav.home')}
    </button>
  );
  const fmtDate = (iso: string): string =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

  let body: ReactNode;
  switch (screen.name) {
    case 'start':
      body = (
        <>
          <h1>{t('start.heading')}</h1>
          {idleNotice ? (
            <p className="notice" role="status">
              {t('app.idle')}
            </p>
          ) : null}
          {banner === undefined ? null : (
            <ErrorPanel error={banner}>
              <button type="button" onClick={() => void refresh()}>
                {t('error.tryAgain')}
              </button>
            </ErrorPanel>
          )}
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => setScreen(operator ? { name: 'holder' } : { name: 'sign-in', next: 'holder' })}
            >
              {t('start.operator')}
            </button>
            <button
              type="button"
              onClick={() =>
                operator ? void openPending() : setScreen({ name: 'sign-in', next: 'pending' })
              }
            >
              {t('start.pending')}
            </button>
            <button type="button" onClick={() => setScreen({ name: 'diagnostics' })}>
              {t('start.diagnostics')}
            </button>
            <button type="button" onClick={() => setScreen({ name: 'self-service' })}>
              {t('start.selfService')}
            </button>
            <button
              type="button"
              onClick={() =>
                // one person at a time: an operator still signed in is signed out first
                operator
                  ? void signOut().then(() => setScreen({ name: 'auditor' }))
                  : setScreen({ name: 'auditor' })
              }
            >
              {t('start.auditor')}
            </button>
          </div>
          <div className="columns">
            <section aria-labelledby="readers-title">
              <h2 id="readers-title">{t('start.readers')}</h2>
              <ReaderList readers={readers} />
            </section>
            <section aria-labelledby="health-title">
              <h2 id="health-title">{t('health.heading')}</h2>
              <HealthPanel health={health} />
            </section>
          </div>
        </>
      );
      break;
    case 'diagnostics':
      body = <DiagnosticsScreen station={station} home={home} />;
      break;
    case 'sign-in':
      body = (
        <SignInPad
          padId="agent-pin"
          heading={t('signin.heading')}
          prompt={t('signin.prompt')}
          error={inline}
          pin={pin}
          onPin={setPin}
          onSubmit={() => void signIn(screen.next)}
          leave={home}
        />
      );
      break;
    case 'holder': {
      const field = (key: keyof Holder, label: string, hint: string, type: string): ReactNode => (
        <div className={badField === key ? 'field invalid' : 'field'}>
          <label htmlFor={`holder-${key}`}>{label}</label>
          <input
            id={`holder-${key}`}
            type={type}
            autoComplete="off"
            spellCheck={false}
            value={holder[key]}
            aria-invalid={badField === key}
            aria-describedby={`holder-${key}-hint`}
            onChange={(e) => setHolder({ ...holder, [key]: e.target.value })}
          />
          <p id={`holder-${key}-hint`} className="hint">
            {badField === key ? t('holder.invalid') : hint}
          </p>
        </div>
      );
      body = (
        <>
          <h1>{t('holder.heading')}</h1>
          <p>{t('holder.prompt')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void checkHolder();
            }}
          >
            {field('requesterName', t('holder.requesterName'), t('holder.requesterHint'), 'text')}
            {field('upn', t('holder.upn'), t('holder.upnHint'), 'text')}
            {field('email', t('holder.email'), t('holder.emailHint'), 'email')}
            <div className="actions">
              <button type="submit" className="primary">
                {t('nav.continue')}
              </button>
              {home}
            </div>
          </form>
        </>
      );
      break;
    }
    case 'insert': {
      const target = readers?.find((r) => r.cardPresent && r.role !== 'agent');
      const ready =
        target !== undefined && (target.role === 'blank' || (target.role === 'issued' && reissue));
      body = (
        <>
          <h1>{t('insert.heading')}</h1>
          <p>{t('insert.prompt', { name: holder.requesterName })}</p>
          <div className="card-state" role="status" aria-live="polite">
            {target === undefined
              ? t('insert.waiting')
              : target.role === 'blank'
                ? t('insert.blank', { reader: target.name })
                : target.role === 'issued'
                  ? t('insert.issued', { reader: target.name })
                  : t('insert.unknown', { reader: target.name })}
          </div>
          {target?.role === 'issued' ? (
            <div className="check">
              <input
                id="reissue"
                type="checkbox"
                checked={reissue}
                onChange={(e) => setReissue(e.target.checked)}
              />
              <label htmlFor="reissue">{t('insert.reissue')}</label>
            </div>
          ) : null}
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={!ready}
              onClick={() => setScreen({ name: 'confirm' })}
            >
              {t('nav.continue')}
            </button>
            <button type="button" onClick={() => setScreen({ name: 'holder' })}>
              {t('nav.back')}
            </button>
          </div>
        </>
      );
      break;
    }
    case 'confirm': {
      const r = request();
      body = (
        <>
          <h1>{t('confirm.heading')}</h1>
          <dl className="summary">
            <dt>{t('confirm.requesterName')}</dt>
            <dd>{r.requesterName}</dd>
            <dt>{t('confirm.upn')}</dt>
            <dd>{r.upn}</dd>
            <dt>{t('confirm.email')}</dt>
            <dd>{r.email ?? t('confirm.none')}</dd>
            <dt>{t('confirm.reader')}</dt>
            <dd>{r.targetReader ?? t('confirm.none')}</dd>
            <dt>{t('confirm.reissue')}</dt>
            <dd>{r.reissue ? t('confirm.yes') : t('confirm.no')}</dd>
          </dl>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void enroll()}>
              {t('confirm.enroll')}
            </button>
            <button type="button" onClick={() => setScreen({ name: 'insert' })}>
              {t('nav.back')}
            </button>
          </div>
        </>
      );
      break;
    }
    case 'working':
      body = (
        <>
          <h1>{t('progress.heading')}</h1>
          <ProgressBar percent={progress.percent} step={progress.step} />
          <p>{t('progress.keepCard')}</p>
        </>
      );
      break;
    case 'new-pin': {
      const { enrollmentId, policy } = screen;
      body = (
        <>
          <h1>{t('newpin.heading')}</h1>
          <NewPinForm
            padId="new-pin"
            rulesId="rules-title"
            defaultRule={t('newpin.ruleTransport')}
            policy={policy}
            pin={pin}
            pinAgain={pinAgain}
            stage={pinStage}
            onPin={setPin}
            onPinAgain={setPinAgain}
            onStage={setPinStage}
            onSet={() => void answerPin(enrollmentId, false)}
            more={
              <button type="button" className="secondary" onClick={() => setSkipAsked(true)}>
                {t('newpin.skip')}
              </button>
            }
          />
          {skipAsked ? (
            <section className="warning" role="alertdialog" aria-labelledby="skip-text" aria-modal="false">
              <p id="skip-text">{t('newpin.skipWarning')}</p>
              <div className="actions">
                <button type="button" className="danger" onClick={() => void answerPin(enrollmentId, true)}>
                  {t('newpin.skipConfirm')}
                </button>
                <button type="button" onClick={() => setSkipAsked(false)}>
                  {t('nav.cancel')}
                </button>
              </div>
            </section>
          ) : null}
        </>
      );
      break;
    }
    case 'outcome': {
      const o = screen.outcome;
      const done = (
        <div className="actions">
          <button type="button" className="primary" onClick={dropEverything}>
            {t('outcome.done')}
          </button>
          {o.status === 'pending' ? (
            <button type="button" onClick={() => void openPending()}>
              {t('start.pending')}
            </button>
          ) : null}
        </div>
      );
      if (o.status === 'issued' || o.status === 'issued-pin-not-changed') {
        const c = o.certificate;
        body = (
          <>
            <h1>{t('outcome.issuedHeading')}</h1>
            <p className="prompt">{t('outcome.issuedPrompt')}</p>
            {o.status === 'issued-pin-not-changed' ? (
              <p className="warning">{t('outcome.pinNotChanged')}</p>
            ) : null}
            <dl className="summary certificate">
              <dt>{t('cert.subject')}</dt>
              <dd>{c.subject}</dd>
              <dt>{t('cert.upn')}</dt>
              <dd>{c.upn}</dd>
              {c.email === undefined ? null : (
                <>
                  <dt>{t('cert.email')}</dt>
                  <dd>{c.email}</dd>
                </>
              )}
              <dt>{t('cert.template')}</dt>
              <dd>{c.template}</dd>
              <dt>{t('cert.validity')}</dt>
              <dd>{t('cert.range', { from: fmtDate(c.notBefore), to: fmtDate(c.notAfter) })}</dd>
              {c.issuer === '' ? null : (
                <>
                  <dt>{t('cert.issuer')}</dt>
                  <dd>{c.issuer}</dd>
                </>
              )}
              <dt>{t('cert.serial')}</dt>
              <dd className="mono">{c.serialNumber}</dd>
            </dl>
            <section className="receipt" aria-labelledby="receipt-title">
              <h2 id="receipt-title">{t('receipt.heading')}</h2>
              <p>{t('receipt.holds', { template: c.template, upn: c.upn })}</p>
              {o.status === 'issued' ? <p>{t('receipt.pinSet')}</p> : null}
              <p>{t('receipt.proof')}</p>
              <p className="ids">
                {t('receipt.reqId', { reqId: o.reqId })} · {t('receipt.enrollment', { id: o.enrollmentId })}
              </p>
            </section>
            {done}
          </>
        );
      } else if (o.status === 'pending') {
        body = (
          <>
            <h1>{t('outcome.pendingHeading')}</h1>
            <p className="reqid" data-reqid={o.reqId}>
              {t('outcome.pendingBody', { reqId: o.reqId })}
            </p>
            {done}
          </>
        );
      } else if (o.status === 'denied') {
        const hresult = o.error.details.hresult;
        body = (
          <>
            <h1>{t('outcome.deniedHeading')}</h1>
            <p data-card-cleared={o.cardCleared === true ? 'yes' : 'no'}>
              {t(o.cardCleared === true ? 'outcome.deniedClearedBody' : 'outcome.deniedBody', {
                reqId: o.reqId,
              })}
            </p>
            <ErrorPanel error={o.error}>
              {typeof hresult === 'string' ? (
                <p className="mono">{t('outcome.hresult', { hresult })}</p>
              ) : null}
            </ErrorPanel>
            {done}
          </>
        );
      }
      break;
    }
    case 'pending':
      body = (
        <>
          <h1>{t('pending.heading')}</h1>
          {pending === undefined ? null : pending.length === 0 ? (
            <p>{t('pending.empty')}</p>
          ) : (
            <ul className="pending">
              {pending.map((p) => (
                <li key={p.enrollmentId}>
                  <div>
                    <strong>{t('pending.request', { reqId: p.reqId })}</strong>
                    {p.requesterName === null ? null : <span> · {p.requesterName}</span>}
                    {p.reader === null ? null : (
                      <div className="hint">{t('pending.reader', { reader: p.reader })}</div>
                    )}
                  </div>
                  <button type="button" className="primary" onClick={() => void resume(p.enrollmentId)}>
                    {t('pending.resume')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">{home}</div>
        </>
      );
      break;
    case 'self-service':
      body = (
        <SelfService
          station={station}
          onHome={dropEverything}
          relabel={async (e) => ({ ...e, ...(await textsOf(e)) })}
        />
      );
      break;
    case 'auditor':
      body = <Auditor station={station} onLeave={dropEverything} />;
      break;
    case 'error':
      body = (
        <>
          <h1>{t('error.heading')}</h1>
          <ErrorPanel error={screen.error} />
          <div className="actions">
            <button type="button" className="primary" onClick={dropEverything}>
              {t('nav.home')}
            </button>
          </div>
        </>
      );
      break;
  }

  return (
    <div className="app" data-screen={screen.name}>
      <header>
        <div className="title">{t('app.title')}</div>
        <LanguageSwitch onChange={(l) => void changeLanguage(l)} />
        {operator === undefined ? null : (
          <div className="operator">
            <span>{t('start.signedInAs', { name: operator.name })}</span>
            <button type="button" className="secondary" onClick={() => void signOut()}>
              {t('nav.signOut')}
            </button>
          </div>
        )}
      </header>
      <main aria-label={t('app.main')}>{body}</main>
    </div>
  );
}
