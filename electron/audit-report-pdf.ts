// The printable audit report, built in main with pdfkit: the station, the filter, the verdict in
// words, the pinned key's fingerprint and the records of the range. CJK text needs a CJK font:
// the first one found of the system's (Noto CJK on Debian, the Windows fonts otherwise); without
// one the report is written in English rather than with missing glyphs.
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Language } from '../core/errors/catalog.ts';
import { t, type MessageKey } from '../core/i18n/index.ts';
import type { audit } from '../station/index.ts';

type AuditRecord = audit.AuditRecord;

/** [file, font name inside a collection (.ttc)] per language, in order of preference. */
const CJK_FONTS: Record<Exclude<Language, 'en'>, readonly (readonly [string, string | undefined])[]> = {
  ko: [
    ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKkr-Regular'],
    ['C:\\Windows\\Fonts\\malgun.ttf', undefined],
  ],
  'zh-Hans': [
    ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
    ['C:\\Windows\\Fonts\\msyh.ttc', 'MicrosoftYaHei'],
  ],
  'zh-Hant': [
    ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKtc-Regular'],
    ['C:\\Windows\\Fonts\\msjh.ttc', 'MicrosoftJhengHei'],
  ],
};

export interface ReportInput {
  readonly language: Language;
  readonly stationId: string;
  readonly auditor: string;
  readonly generated: string;
  /** the filter as "key = value" lines; empty for the whole log */
  readonly filter: readonly string[];
  readonly verdict: string;
  readonly keyFingerprint: string;
  readonly records: readonly AuditRecord[];
}

/** At most this many records are listed; the CSV and JSON exports carry every record. */
export const REPORT_ROWS = 1000;

function fontFor(language: Language): { language: Language; font?: readonly [string, string | undefined] } {
  if (language === 'en') return { language };
  const found = CJK_FONTS[language].find(([file]) => existsSync(file));
  return found === undefined ? { language: 'en' } : { language, font: found };
}

export function verdictWords(verdict: string, language: Language): string {
  if (verdict === 'intact') return t('report.verdict.intact', language);
  if (verdict === 'broken') return t('report.verdict.broken', language);
  return t('report.verdict.other', language, { verdict });
}

export async function auditReportPdf(input: ReportInput): Promise<Uint8Array> {
  const { language, font } = fontFor(input.language);
  const say = (key: MessageKey, values: Record<string, string | number> = {}): string =>
    t(key, language, values);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: say('report.title'), Author: input.auditor, Subject: input.stationId },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  if (font !== undefined) {
    if (font[1] === undefined) doc.registerFont('body', font[0]);
    else doc.registerFont('body', font[0], font[1]);
    doc.font('body');
  } else doc.font('Helvetica');
  doc.fontSize(18).text(say('report.title'));
  doc.moveDown(0.5).fontSize(10);
  const fact = (key: MessageKey, value: string): void => {
    doc.text(`${say(key)}: ${value}`);
  };
  fact('report.station', input.stationId);
  fact('report.generated', input.generated);
  fact('report.auditor', input.auditor);
  fact('report.filter', input.filter.length === 0 ? say('report.noFilter') : input.filter.join('; '));
  fact('report.records', String(input.records.length));
  doc
    .moveDown(0.5)
    .fontSize(12)
    .text(`${say('report.verdict')}: ${input.verdict}`);
  doc.fontSize(11).text(verdictWords(input.verdict, language));
  doc.moveDown(0.3).fontSize(9).text(say('report.scope'));
  doc.moveDown(0.5).fontSize(10).text(say('report.key'));
  doc.font(font === undefined ? 'Courier' : 'body').text(input.keyFingerprint);
  if (font === undefined) doc.font('Helvetica');
  else doc.font('body');
  doc.moveDown(0.8).fontSize(11).text(say('report.table'));
  doc.fontSize(8);
  const shown = input.records.slice(0, REPORT_ROWS);
  for (const r of shown)
    doc.text(
      [r.seq, r.ts, r.action, r.outcome, r.targetUser ?? '-', r.cardSerial ?? r.cardGuid ?? '-'].join('   '),
    );
  if (input.records.length > shown.length)
    doc
      .moveDown(0.5)
      .fontSize(9)
      .text(say('report.truncated', { shown: shown.length, total: input.records.length }));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
