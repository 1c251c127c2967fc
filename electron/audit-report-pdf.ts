// The printable audit report, built in main with pdfkit: the station, the filter, the verdict in
// words, the pinned key's fingerprint and the records of the range. Korean and Chinese text
// (the language, or CJK names in any language) is written in a CJK font of the system chosen by
// report-font.ts, which refuses the report rather than print missing glyphs.
import PDFDocument from 'pdfkit';
import type { Language } from '../core/errors/catalog.ts';
import { t, type MessageKey } from '../core/i18n/index.ts';
import type { audit } from '../station/index.ts';
import { needsCjkFont, selectCjkFont } from './report-font.ts';

type AuditRecord = audit.AuditRecord;

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

export function verdictWords(verdict: string, language: Language): string {
  if (verdict === 'intact') return t('report.verdict.intact', language);
  if (verdict === 'broken') return t('report.verdict.broken', language);
  return t('report.verdict.other', language, { verdict });
}

export async function auditReportPdf(input: ReportInput): Promise<Uint8Array> {
  const { language } = input;
  const say = (key: MessageKey, values: Record<string, string | number> = {}): string =>
    t(key, language, values);
  const shown = input.records.slice(0, REPORT_ROWS);
  const rows = shown.map((r) =>
    [r.seq, r.ts, r.action, r.outcome, r.targetUser ?? '-', r.cardSerial ?? r.cardGuid ?? '-'].join('   '),
  );
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: say('report.title'), Author: input.auditor, Subject: input.stationId },
  });
  // every string the report prints, so the font chosen has a glyph for each of its characters
  const texts = [
    ...(
      [
        'report.title',
        'report.station',
        'report.generated',
        'report.auditor',
        'report.filter',
        'report.noFilter',
        'report.records',
        'report.verdict',
        'report.scope',
        'report.key',
        'report.table',
      ] as const
    ).map((k) => say(k)),
    say('report.truncated', { shown: shown.length, total: input.records.length }),
    verdictWords(input.verdict, language),
    input.stationId,
    input.auditor,
    input.generated,
    input.verdict,
    ...input.filter,
    ...rows,
  ];
  // selected before any page content is written: a refusal leaves no half-written document
  const cjk = needsCjkFont(language, texts) ? selectCjkFont(doc, language, texts) : undefined;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const body = (): void => {
    if (cjk === undefined) doc.font('Helvetica');
    else if (cjk.face === undefined) doc.font(cjk.file);
    else doc.font(cjk.file, cjk.face);
  };
  body();
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
  doc.font('Courier').text(input.keyFingerprint);
  body();
  doc.moveDown(0.8).fontSize(11).text(say('report.table'));
  doc.fontSize(8);
  for (const row of rows) doc.text(row);
  if (input.records.length > shown.length)
    doc
      .moveDown(0.5)
      .fontSize(9)
      .text(say('report.truncated', { shown: shown.length, total: input.records.length }));
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
