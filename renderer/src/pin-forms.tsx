// The two PIN forms more than one screen shows: the sign-in pad (operator and auditor) and the
// holder's new-PIN form with its live rule list (enrollment and self-service). One component each,
// so that a fix to the keys, the rules or the accessible names reaches every screen at once.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorView, PinPolicyView } from '../../electron/ipc-contract.ts';
import { ErrorPanel, PinPad } from './components.tsx';
import { allMet, pinHints } from './pin-rules.ts';

/** A sign-in: heading, prompt, the error with the tries left, Sign in, and the way out (`leave`). */
export function SignInPad(props: {
  readonly padId: string;
  readonly heading: string;
  readonly prompt: string;
  readonly error: ErrorView | undefined;
  readonly pin: string;
  readonly onPin: (v: string) => void;
  readonly onSubmit: () => void;
  readonly leave: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const { error, pin, onSubmit } = props;
  const retries = error?.details.triesLeft;
  return (
    <>
      <h1>{props.heading}</h1>
      <div className="columns">
        <div>
          <p>{props.prompt}</p>
          {error === undefined ? null : (
            <ErrorPanel error={error}>
              {typeof retries === 'number' ? (
                <p className="retries">{t('signin.retries', { count: retries })}</p>
              ) : null}
            </ErrorPanel>
          )}
          <div className="actions">
            <button type="button" className="primary" disabled={pin.length === 0} onClick={onSubmit}>
              {t('signin.submit')}
            </button>
            {props.leave}
          </div>
        </div>
        <PinPad
          id={props.padId}
          label={t('pad.label')}
          value={pin}
          maxLength={16}
          onChange={props.onPin}
          onEnter={onSubmit}
        />
      </div>
    </>
  );
}

export type PinStage = 'first' | 'second';

/**
 * The new PIN typed twice, with the policy's rules ticked as they are met. Enter does what the
 * primary button does and only when it is enabled. `defaultRule` names the PIN the card came
 * with (transport PIN at enrollment, the default PIN in self-service); `more` adds buttons.
 */
export function NewPinForm(props: {
  readonly padId: string;
  readonly rulesId: string;
  readonly defaultRule: string;
  readonly policy: PinPolicyView;
  readonly pin: string;
  readonly pinAgain: string;
  readonly stage: PinStage;
  readonly onPin: (v: string) => void;
  readonly onPinAgain: (v: string) => void;
  readonly onStage: (s: PinStage) => void;
  readonly onSet: () => void;
  readonly more?: ReactNode;
}): ReactNode {
  const { t } = useTranslation();
  const { policy, pin, pinAgain, stage, onStage, onSet } = props;
  const h = pinHints(pin, pinAgain, policy);
  const rule = (met: boolean, text: string): ReactNode => (
    <li className={met ? 'met' : 'unmet'}>
      <span className="mark" aria-hidden="true">
        {met ? '✓' : '○'}
      </span>{' '}
      {text} <span className="sr-only">({met ? t('newpin.met') : t('newpin.notMet')})</span>
    </li>
  );
  return (
    <>
      <div className="columns">
        {stage === 'first' ? (
          <PinPad
            id={props.padId}
            label={t('newpin.first')}
            value={pin}
            maxLength={policy.maxLength}
            onChange={props.onPin}
            onEnter={() => (h.length ? onStage('second') : undefined)}
          />
        ) : (
          <PinPad
            id={`${props.padId}-again`}
            label={t('newpin.second')}
            value={pinAgain}
            maxLength={policy.maxLength}
            onChange={props.onPinAgain}
            onEnter={() => (allMet(h) ? onSet() : undefined)}
          />
        )}
        <section aria-labelledby={props.rulesId}>
          <h2 id={props.rulesId}>{t('newpin.rules')}</h2>
          <ul className="rules">
            {rule(h.length, t('newpin.ruleLength', { min: policy.minLength, max: policy.maxLength }))}
            {rule(h.notInitial, props.defaultRule)}
            {rule(h.notRepeated, t('newpin.ruleRepeat'))}
            {rule(h.notSequence, t('newpin.ruleSequence'))}
            {rule(h.notPattern, t('newpin.rulePattern'))}
            {rule(h.matches, t('newpin.ruleMatch'))}
          </ul>
        </section>
      </div>
      <div className="actions">
        {stage === 'first' ? (
          <button type="button" className="primary" disabled={!h.length} onClick={() => onStage('second')}>
            {t('nav.continue')}
          </button>
        ) : (
          <>
            <button type="button" className="primary" disabled={!allMet(h)} onClick={onSet}>
              {t('newpin.set')}
            </button>
            <button
              type="button"
              onClick={() => {
                props.onPinAgain('');
                onStage('first');
              }}
            >
              {t('nav.back')}
            </button>
          </>
        )}
        {props.more}
      </div>
    </>
  );
}
