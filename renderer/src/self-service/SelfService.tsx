// The employee's self-service screens: at their own Windows 8+ computer, they sign in with their
// domain account, enroll their own card — a new TPM virtual smart card, or a blank card in a
// reader — choose their PIN (the station does not let them keep 12345678), and then verify the
// card (the checks of `station verify-vsc`). A request the CA holds for a certificate manager's
// approval is resumed here too: "My pending requests" lists the employee's own, "Check again and
// resume" fetches it as them and finishes the card. No operator and no Enrollment Agent take part. The
// same calls as the CLI's self-enroll and verify-vsc, through the IPC contract; what is typed
// lives in this component's state only and goes when it unmounts (Start screen, idle reset).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ErrorView,
  PinPolicyView,
  SelfEnrollOutcomeView,
  SelfPendingView,
  StationBridge,
  VerifyReportView,
} from '../../../electron/ipc-contract.ts';
import { ErrorPanel, PinPad, ProgressBar } from '../components.tsx';
import { NewPinForm } from '../pin-forms.tsx';

type Step =
  | { readonly name: 'sign-in' }
  | { readonly name: 'working' }
  | {
      readonly name: 'new-pin';
      readonly enrollmentId: string;
      readonly policy: PinPolicyView;
      readonly rejected?: ErrorView;
    }
  | { readonly name: 'outcome'; readonly outcome: SelfEnrollOutcomeView }
  | { readonly name: 'listing' }
  | {
      readonly name: 'pending-list';
      readonly list: readonly SelfPendingView[];
      /** the request just checked is still waiting for approval */
      readonly stillPending?: number;
    }
  | { readonly name: 'verify-pin'; readonly reader: string; readonly upn: string }
  | { readonly name: 'verifying' }
  | { readonly name: 'report'; readonly report: VerifyReportView }
  | {
      readonly name: 'error';
      readonly error: ErrorView;
      /** the error came from resuming one of these: the way back is to the list */
      readonly list?: readonly SelfPendingView[];
    };

interface Employee {
  readonly account: string;
  readonly password: string;
  readonly upn: string;
  readonly email: string;
}
const NOBODY: Employee = { account: '', password: '', upn: '', email: '' };

/** `self-service`: the screen App routes to from Start. */
export function SelfService({
  station,
  onHome,
  relabel,
}: {
  readonly station: StationBridge;
  readonly onHome: () => void;
  /** an error already on screen, in the language just chosen (App's explain call) */
  readonly relabel: (e: ErrorView) => Promise<ErrorView>;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState<Step>({ name: 'sign-in' });
  const [who, setWho] = useState<Employee>(NOBODY);
  const [create, setCreate] = useState(true);
  const [badField, setBadField] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState({ step: 'starting', percent: 0 });
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  const [pinStage, setPinStage] = useState<'first' | 'second'>('first');

  useEffect(
    () =>
      station.onEvent((e) => {
        if (e.type === 'progress') setProgress({ step: e.step, percent: e.percent });
        else if (e.type === 'new-pin-needed') {
          setPin('');
          setPinAgain('');
          setPinStage('first');
          setStep({
            name: 'new-pin',
            enrollmentId: e.enrollmentId,
            policy: e.policy,
            ...(e.rejected === undefined ? {} : { rejected: e.rejected }),
          });
        }
      }),
    [station],
  );

  // main keeps the employee's sign-in for their pending requests: dropped when the screen goes
  useEffect(() => () => void station.selfSignOut(), [station]);

  // errors on screen came from main in the language they were made in: relabel on a switch, once
  // App has told main the new language (its setLanguage call follows the switch)
  const current = useRef(step);
  current.current = step;
  useEffect(() => {
    const onSwitch = (): void => {
      setTimeout(() => {
        const s = current.current;
        if (s.name === 'error')
          void relabel(s.error).then((error) => current.current === s && setStep({ ...s, error }));
        // a denial's meaning and what to do, too (enrollment or resume): the CA's refusal, explained
        const o = s.name === 'outcome' ? s.outcome : undefined;
        if (o?.status === 'denied')
          void relabel(o.error).then(
            (error) => current.current === s && setStep({ name: 'outcome', outcome: { ...o, error } }),
          );
      }, 50);
    };
    i18n.on('languageChanged', onSwitch);
    return () => i18n.off('languageChanged', onSwitch);
  }, [i18n, relabel]);

  const fail = (error: ErrorView): void => {
    setPin('');
    setPinAgain('');
    setStep({ name: 'error', error });
  };

  const enroll = async (): Promise<void> => {
    const typed = who;
    // the password crosses once; it is not kept on screen while the card is enrolled
    setWho({ ...who, password: '' });
    setProgress({ step: 'starting', percent: 0 });
    setStep({ name: 'working' });
    const r = await station.selfEnroll({
      account: typed.account.trim(),
      upn: typed.upn.trim(),
      ...(typed.email.trim() === '' ? {} : { email: typed.email.trim() }),
      create,
      ...(typed.password === '' ? {} : { password: typed.password }),
    });
    setPin('');
    setPinAgain('');
    if (r.ok) setStep({ name: 'outcome', outcome: r.value });
    else if (r.error.code === 'BAD_INPUT') {
      const f = String(r.error.details.field ?? '');
      setBadField(f.startsWith('upn') ? 'upn' : f.startsWith('email') ? 'email' : 'account');
      setStep({ name: 'sign-in' });
    } else fail(r.error);
  };

  /** the employee's own requests waiting for approval, after the CA accepted their sign-in */
  const listPending = async (): Promise<void> => {
    const typed = who;
    // the password crosses once; main keeps it for the resume, the screen does not
    setWho({ ...who, password: '' });
    setStep({ name: 'listing' });
    const r = await station.selfPending({
      account: typed.account.trim(),
      ...(typed.password === '' ? {} : { password: typed.password }),
    });
    if (r.ok) setStep({ name: 'pending-list', list: r.value });
    else if (r.error.code === 'BAD_INPUT') {
      setBadField(String(r.error.details.field ?? '').startsWith('password') ? 'password' : 'account');
      setStep({ name: 'sign-in' });
    } else fail(r.error);
  };

  const resume = async (list: readonly SelfPendingView[], item: SelfPendingView): Promise<void> => {
    setProgress({ step: 'starting', percent: 0 });
    setStep({ name: 'working' });
    const r = await station.selfResume({ enrollmentId: item.enrollmentId });
    setPin('');
    setPinAgain('');
    if (!r.ok) setStep({ name: 'error', error: r.error, list });
    else if (r.value.status === 'pending') setStep({ name: 'pending-list', list, stillPending: item.reqId });
    else setStep({ name: 'outcome', outcome: r.value });
  };

  const answerPin = async (enrollmentId: string): Promise<void> => {
    const typed = pin;
    setPin('');
    setPinAgain('');
    setStep({ name: 'working' });
    const r = await station.answerNewPin({ enrollmentId, pin: typed });
    if (!r.ok) fail(r.error);
  };

  const verify = async (reader: string, upn: string, withPin: boolean): Promise<void> => {
    const typed = pin;
    setPin('');
    setStep({ name: 'verifying' });
    const r = await station.verifyVsc({ reader, upn, ...(withPin && typed !== '' ? { pin: typed } : {}) });
    if (r.ok) setStep({ name: 'report', report: r.value });
    else fail(r.error);
  };

  const home = (
    <button type="button" className="secondary" onClick={onHome}>
      {t('nav.home')}
    </button>
  );
  const fmtDate = (iso: string): string =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(iso));
  const fmtTime = (iso: string): string =>
    new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));

  switch (step.name) {
    case 'sign-in': {
      const field = (key: keyof Employee, type: string, autoComplete: string): ReactNode => (
        <div className={badField === key ? 'field invalid' : 'field'}>
          <label htmlFor={`self-${key}`}>{t(`selfService.${key}`)}</label>
          <input
            id={`self-${key}`}
            type={type}
            autoComplete={autoComplete}
            spellCheck={false}
            value={who[key]}
            aria-invalid={badField === key}
            aria-describedby={`self-${key}-hint`}
            onChange={(e) => setWho({ ...who, [key]: e.target.value })}
          />
          <p id={`self-${key}-hint`} className="hint">
            {badField === key ? t('holder.invalid') : t(`selfService.${key}Hint`)}
          </p>
        </div>
      );
      return (
        <div data-self="sign-in">
          <h1>{t('selfService.heading')}</h1>
          <p>{t('selfService.prompt')}</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void enroll();
            }}
          >
            <div className="columns">
              <div>
                {field('account', 'text', 'username')}
                {field('password', 'password', 'current-password')}
              </div>
              <div>
                {field('upn', 'text', 'off')}
                {field('email', 'email', 'off')}
              </div>
            </div>
            <div className="check">
              <input
                id="self-create"
                type="checkbox"
                checked={create}
                onChange={(e) => setCreate(e.target.checked)}
              />
              <label htmlFor="self-create">{t('selfService.create')}</label>
            </div>
            <p className="hint">{create ? t('selfService.createHint') : t('selfService.readerHint')}</p>
            <p className="hint">{t('selfService.myPendingHint')}</p>
            <div className="actions">
              <button type="submit" className="primary">
                {t('selfService.enroll')}
              </button>
              <button type="button" onClick={() => void listPending()}>
                {t('selfService.myPending')}
              </button>
              {home}
            </div>
          </form>
        </div>
      );
    }
    case 'working':
      return (
        <div data-self="working">
          <h1>{t('selfService.working')}</h1>
          <ProgressBar percent={progress.percent} step={progress.step} />
          <p>{t('progress.keepCard')}</p>
        </div>
      );
    case 'listing':
      return (
        <div data-self="listing">
          <h1>{t('selfService.listing')}</h1>
        </div>
      );
    case 'pending-list': {
      const { list, stillPending } = step;
      return (
        <div data-self="pending-list">
          <h1>{t('selfService.pendingHeading')}</h1>
          {stillPending === undefined ? null : (
            <p role="status" className="notice" data-still-pending={stillPending}>
              {t('selfService.stillPending', { reqId: stillPending })}
            </p>
          )}
          {list.length === 0 ? (
            <p>{t('selfService.pendingEmpty')}</p>
          ) : (
            <>
              <p>{t('selfService.pendingPrompt')}</p>
              <ul className="pending">
                {list.map((p) => (
                  <li key={p.enrollmentId} data-reqid={p.reqId}>
                    <div>
                      <strong>{t('pending.request', { reqId: p.reqId })}</strong>
                      {p.requestedAt === null ? null : (
                        <span> · {t('selfService.requestedAt', { when: fmtTime(p.requestedAt) })}</span>
                      )}
                      {p.reader === null ? null : (
                        <div className="hint">{t('pending.reader', { reader: p.reader })}</div>
                      )}
                    </div>
                    <button type="button" className="primary" onClick={() => void resume(list, p)}>
                      {t('selfService.resume')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="actions">{home}</div>
        </div>
      );
    }
    case 'new-pin': {
      const { enrollmentId, policy } = step;
      return (
        <div data-self="new-pin">
          <h1>{t('selfService.pinHeading')}</h1>
          <p>{t('selfService.pinPrompt')}</p>
          {step.rejected === undefined ? null : <ErrorPanel error={step.rejected} />}
          <NewPinForm
            padId="self-pin"
            rulesId="self-rules-title"
            defaultRule={t('selfService.ruleDefault')}
            policy={policy}
            pin={pin}
            pinAgain={pinAgain}
            stage={pinStage}
            onPin={setPin}
            onPinAgain={setPinAgain}
            onStage={setPinStage}
            onSet={() => void answerPin(enrollmentId)}
          />
        </div>
      );
    }
    case 'outcome': {
      const o = step.outcome;
      if (o.status === 'pending')
        return (
          <div data-self="pending">
            <h1>{t('outcome.pendingHeading')}</h1>
            <p className="reqid" data-reqid={o.reqId}>
              {t('selfService.pendingBody', { reqId: o.reqId })}
            </p>
            <div className="actions">{home}</div>
          </div>
        );
      if (o.status === 'denied')
        return (
          <div data-self="denied">
            <h1>{t('outcome.deniedHeading')}</h1>
            <p>{t('outcome.deniedBody', { reqId: o.reqId })}</p>
            <ErrorPanel error={o.error} />
            <div className="actions">{home}</div>
          </div>
        );
      const c = o.certificate;
      return (
        <div data-self="issued">
          <h1>{t('selfService.issuedHeading')}</h1>
          <p>{t('selfService.issuedPrompt')}</p>
          <dl className="summary">
            <dt>{t('cert.subject')}</dt>
            <dd>{c.subject}</dd>
            <dt>{t('cert.upn')}</dt>
            <dd>{c.upn}</dd>
            <dt>{t('selfService.card')}</dt>
            <dd>{o.instanceId === undefined ? o.reader : `${o.reader} (${o.instanceId})`}</dd>
            <dt>{t('cert.validity')}</dt>
            <dd>{t('cert.range', { from: fmtDate(c.notBefore), to: fmtDate(c.notAfter) })}</dd>
            <dt>{t('cert.serial')}</dt>
            <dd className="mono">{c.serialNumber}</dd>
          </dl>
          <p>{o.status === 'issued' ? t('receipt.pinSet') : t('outcome.pinNotChanged')}</p>
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => setStep({ name: 'verify-pin', reader: o.reader, upn: c.upn })}
            >
              {t('selfService.verify')}
            </button>
            {home}
          </div>
        </div>
      );
    }
    case 'verify-pin':
      return (
        <div data-self="verify-pin">
          <h1>{t('selfService.verifyHeading')}</h1>
          <div className="columns">
            <div>
              <p>{t('selfService.verifyPrompt', { reader: step.reader })}</p>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={pin.length === 0}
                  onClick={() => void verify(step.reader, step.upn, true)}
                >
                  {t('selfService.verifyRun')}
                </button>
                <button type="button" onClick={() => void verify(step.reader, step.upn, false)}>
                  {t('selfService.verifyNoPin')}
                </button>
                {home}
              </div>
            </div>
            <PinPad
              id="verify-pin"
              label={t('selfService.verifyPin')}
              value={pin}
              maxLength={16}
              onChange={setPin}
              onEnter={() => void verify(step.reader, step.upn, true)}
            />
          </div>
        </div>
      );
    case 'verifying':
      return (
        <div data-self="verifying">
          <h1>{t('selfService.verifying')}</h1>
        </div>
      );
    case 'report': {
      const r = step.report;
      return (
        <div data-self="report">
          <h1>{r.ok ? t('selfService.allPassed') : t('selfService.someFailed')}</h1>
          <ul className="rules">
            {r.checks.map((c) => (
              <li
                key={c.id}
                className={c.status === 'passed' ? 'met' : 'unmet'}
                data-check={c.id}
                data-status={c.status}
              >
                <strong>{t(`selfService.check.${c.id}`)}</strong>{' '}
                <span>{t(`selfService.status.${c.status}`)}</span>
                {c.error === undefined ? null : (
                  <p className="hint">
                    {c.error.message} {c.error.resolution} ({c.error.code})
                  </p>
                )}
              </li>
            ))}
          </ul>
          <div className="actions">{home}</div>
        </div>
      );
    }
    case 'error':
      return (
        <div data-self="error">
          <h1>{t('error.heading')}</h1>
          <ErrorPanel error={step.error} />
          <div className="actions">
            {step.list === undefined ? (
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setBadField(undefined);
                  setStep({ name: 'sign-in' });
                }}
              >
                {t('error.tryAgain')}
              </button>
            ) : (
              <button
                type="button"
                className="primary"
                onClick={() => setStep({ name: 'pending-list', list: step.list ?? [] })}
              >
                {t('selfService.backToPending')}
              </button>
            )}
            {home}
          </div>
        </div>
      );
  }
}
