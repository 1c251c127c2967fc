// The PDF report in Korean and Chinese, and CJK names in an English report: pdftotext must give
// back the exact strings and pdffonts must list an embedded CJK font (the standard PDF fonts
// have no Hangul or Han glyphs). Without a font that has the glyphs the report is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { StationError } from '../../core/errors/catalog.ts';
import { t as say } from '../../core/i18n/index.ts';
import type { Language } from '../../core/errors/catalog.ts';
import { auditReportPdf } from '../../electron/audit-report-pdf.ts';
import { selectCjkFont } from '../../electron/report-font.ts';
import { appendMany, openLog, tempDir } from './fixtures.ts';

const HOLDER_KO = '김민준@corp.example';
const HOLDER_ZH = '陳美玲@corp.example';

async function report(language: Language, file: string): Promise<{ text: string; fonts: string }> {
  const dir = tempDir();
  const log = openLog(dir);
  try {
    await appendMany(log, 2, (i) => ({ targetUser: i === 0 ? HOLDER_KO : HOLDER_ZH }));
    const records = await log.query();
    const pdf = await auditReportPdf({
      language,
      stationId: 'kiosk-01',
      auditor: '王大明',
      generated: '2026-12-02T14:00:00Z',
      filter: [],
      verdict: 'intact',
      keyFingerprint: 'ab'.repeat(32),
      records,
    });
    const out = dir.file(file);
    writeFileSync(out, pdf);
    return {
      text: execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }),
      fonts: execFileSync('pdffonts', [out], { encoding: 'utf8' }),
    };
  } finally {
    log.close();
    dir.remove();
  }
}

for (const language of ['ko', 'zh-Hant', 'zh-Hans', 'en'] as const)
  test(`the ${language} report reads back exactly, in an embedded CJK font`, async () => {
    const { text, fonts } = await report(language, `${language}.pdf`);
    assert.ok(text.includes(say('report.title', language)), text);
    assert.ok(text.includes(say('report.verdict.intact', language).slice(0, 12)), text);
    assert.ok(text.includes(HOLDER_KO), text);
    assert.ok(text.includes(HOLDER_ZH), text);
    assert.ok(text.includes('王大明'), text);
    // name, type, encoding, emb: the CJK face is listed and embedded (a subset, "yes")
    const cjk = fonts.split('\n').find((l) => /NotoSansCJK/.test(l));
    assert.ok(cjk !== undefined, fonts);
    assert.match(cjk, /\byes\b/);
  });

test('no font with the glyphs: the report is refused with a StationError, never tofu', () => {
  const doc = new PDFDocument();
  const latinOnly = [{ file: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', face: undefined }];
  for (const candidates of [[], latinOnly, [{ file: '/nonexistent/malgun.ttf', face: undefined }]])
    assert.throws(
      () => selectCjkFont(doc, 'ko', ['김민준'], candidates),
      (e: unknown) =>
        e instanceof StationError && e.code === 'AUDIT_REPORT_FONT_MISSING' && e.details.script === '김민준',
    );
  // a collection face that does not exist is skipped for the next candidate
  const noto = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
  const chosen = selectCjkFont(
    doc,
    'ko',
    ['김민준'],
    [
      { file: noto, face: 'NoSuchFace' },
      { file: noto, face: 'NotoSansCJKkr-Regular' },
    ],
  );
  assert.equal(chosen.face, 'NotoSansCJKkr-Regular');
});
