// How the headless station talks to a person: one line per step, errors with their code, meaning
// and resolution (core/errors), and --json for machines. Every word shown comes from the catalogs
// (core/i18n, core/errors) in the --lang language; values passed in are facts (reader, ReqID,
// serial), never PINs or keys. test/cli/catalog-strings.test.ts fails on a literal printed here.
import type { EnrollmentResult, Progress } from '../station/index.ts';
import type { Language } from '../core/errors/catalog.ts';
import { explain, explainCode, type Explanation } from '../core/errors/explain.ts';
import { isMessageKey, stepLabel, t, type MessageKey, type MessageValues } from '../core/i18n/index.ts';

export interface Output {
  readonly json: boolean;
  readonly language: Language;
  /** the command being run, for resolutions that name it ("station enroll --help") */
  readonly command?: string;
}

const write = (text: string): void => void process.stdout.write(text + '\n');

/** A catalog message in the output's language. */
export const say = (out: Output, key: MessageKey, values?: MessageValues): string =>
  t(key, out.language, values);

/** A catalog key built from a value (a status, a step), or the value itself when none exists. */
export function word(out: Output, prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  return isMessageKey(key) ? t(key, out.language) : value;
}

export function printProgress(out: Output, p: Progress): void {
  if (out.json) return write(JSON.stringify({ type: 'progress', ...p }));
  const values = { percent: String(p.percent).padStart(3), step: stepLabel(p.step, out.language) };
  write(
    p.detail === undefined
      ? say(out, 'cli.progress', values)
      : say(out, 'cli.progress.detail', { ...values, detail: word(out, 'cli.status.', p.detail) }),
  );
}

/** One line of text; with --json, `data` says the same for a machine. */
export function printLine(out: Output, text: string, data?: Record<string, unknown>): void {
  write(out.json ? JSON.stringify({ type: 'info', text, ...(data ?? {}) }) : text);
}

/** The text shown for a certificate-check reason ("CODE: English message" from the engine). */
function reasonText(out: Output, reason: string): string {
  const code = /^([A-Z_]+)(?::|$)/.exec(reason)?.[1];
  return code === undefined ? reason : word(out, 'certcheck.', code);
}

/** The CA's reason for a denial, explained by the catalog code its HRESULT maps to. */
export function denialExplanation(out: Output, r: EnrollmentResult): Explanation | undefined {
  const d = r.denial;
  if (d === undefined) return undefined;
  return explainCode(
    d.code,
    {
      ...(d.hresult === null ? {} : { hresult: d.hresult }),
      ...(d.reqId === null ? {} : { reqId: d.reqId }),
    },
    out.language,
    'cli',
  );
}

export function printEnrollmentResult(out: Output, r: EnrollmentResult): void {
  const v = r.verdict;
  const denial = denialExplanation(out, r);
  printLine(
    out,
    say(out, 'cli.enroll.result', {
      status: word(out, 'cli.status.', r.status),
      reqId: r.reqId === null ? 'none' : r.reqId,
    }),
    {
      result: {
        enrollmentId: r.enrollmentId,
        status: r.status,
        reqId: r.reqId,
        verdict: v,
        card: r.card,
        ...(denial ? { denial } : {}),
        ...(r.cardCleared === true ? { cardCleared: true } : {}),
      },
    },
  );
  if (out.json) return;
  if (v) {
    printLine(out, say(out, 'cli.enroll.certificate', { serial: v.serial, thumbprint: v.thumbprint }));
    printLine(out, say(out, 'cli.enroll.validity', { from: v.notBefore, to: v.notAfter }));
    if (!v.ok)
      for (const reason of v.reasons)
        printLine(out, say(out, 'cli.enroll.reason', { reason: reasonText(out, reason) }));
  }
  if (r.status === 'pending') printLine(out, say(out, 'cli.enroll.pendingNote', { reqId: r.reqId ?? '' }));
  if (denial) {
    printLine(
      out,
      say(out, 'cli.enroll.denied', {
        message: denial.message,
        hresult: r.denial?.hresult ?? 'none',
      }),
    );
    printLine(out, `  ${say(out, 'cli.whatToDo', { resolution: denial.resolution })}`);
    if (r.cardCleared === true) printLine(out, `  ${say(out, 'cli.enroll.cardCleared')}`);
  }
}

/** An error as code, message, what to do and the facts for support, on standard error. */
export function printError(out: Output, error: unknown, options: { details?: boolean } = {}): void {
  const text = explain(error, out.language, 'cli');
  if (out.json) {
    write(JSON.stringify({ type: 'error', ...text }));
    return;
  }
  const lines = [
    say(out, 'cli.error', { code: text.code, message: text.message }),
    `  ${say(out, 'cli.whatToDo', { resolution: text.resolution })}`,
    ...Object.entries(options.details === false ? {} : text.details).map(
      ([name, value]) =>
        `  ${say(out, 'cli.detail', {
          name: word(out, 'cli.detailName.', name),
          value: Array.isArray(value)
            ? value.join(', ')
            : name === 'card'
              ? word(out, 'cli.detailValue.card.', String(value))
              : String(value),
        })}`,
    ),
  ];
  process.stderr.write(lines.join('\n') + '\n');
}
