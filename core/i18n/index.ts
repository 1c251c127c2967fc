// Review: on 2026-12-01 a fluent reader of Korean, Simplified and Traditional (Taiwan) Chinese read
// these catalogs and renderer/src/locales/*.json against the English and aligned them with the
// glossary in docs/errors.md: enroll 등록/注册/註冊 vs a card issued 발급/发卡/發卡 (签发/簽發
// only for what the CA does to a certificate); transport PIN 초기 PIN/初始 PIN; the vendor's
// factory default PIN 공장 기본 PIN/出厂默认 PIN/出廠預設 PIN; PIV 애플리케이션; PKI 團隊; the
// kiosk's buttons worded as the error catalogs quote them ("재개", "继续", 「繼續」); the Pending
// list named as on the start screen; ko in 하십시오체 with particles that suit any placeholder
// value (에, 의, 이(가), 을(를)); Microsoft's localized terms (전자 메일, 憑證管理員, 有效期間).
//
// Every message that is not an error, keyed, in the four languages: progress-step labels,
// prompts, the CLI's words and help, `diagnose` findings and certificate-check reasons. Errors live in core/errors (explain()).
//
//   t('prompt.operatorPin', 'ko')                      → '운영자 카드 PIN'
//   stepLabel('keygen', 'zh-Hant')                      → '正在卡片上產生金鑰'
//   t('diagnose.clock.off', 'en', { seconds: 420 })     → 'off by 420 s'
import { AUDIT_WORDS } from './audit.ts';
import { AUDIT_REPORT } from './audit-report.ts';
import { CERT_CHECK } from './cert-check.ts';
import { CLI_WORDS } from './cli.ts';
import { DIAGNOSE } from './diagnose.ts';
import { formatMessage, type MessageValues } from './format.ts';
import { HELP } from './help.ts';
import type { Language } from './language.ts';
import type { Message } from './message.ts';
import { PROMPTS } from './prompts.ts';
import { STEP_LABELS } from './steps.ts';
import { VSC_WORDS } from './vsc.ts';

export { LANGUAGES, isLanguage, type Language } from './language.ts';
export { formatMessage, type MessageValues } from './format.ts';

export const MESSAGES = {
  ...STEP_LABELS,
  ...PROMPTS,
  ...CLI_WORDS,
  ...AUDIT_WORDS,
  ...DIAGNOSE,
  ...CERT_CHECK,
  ...HELP,
  ...VSC_WORDS,
  ...AUDIT_REPORT,
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;

export function isMessageKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(MESSAGES, value);
}

/** The message `key` in `lang`, placeholders filled from `values`. */
export function t(key: MessageKey, lang: Language, values: MessageValues = {}): string {
  return formatMessage(MESSAGES[key][lang], lang, values);
}

/** The label of a progress step by its id; an id without a label is shown as it is. */
export function stepLabel(stepId: string, lang: Language): string {
  const key = `step.${stepId}`;
  return isMessageKey(key) ? t(key, lang) : stepId;
}
