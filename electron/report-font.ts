// The font the PDF report is written in. The standard PDF fonts have no Hangul or Han glyphs, so
// when the report's language or any of its text (holder and operator names can be CJK in an
// English report) is Korean or Chinese, a CJK font of the system is embedded; when none of the
// candidates has every glyph the text needs, the report is refused with a StationError rather
// than printed with missing glyphs (tofu).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StationError, type Language } from '../core/errors/catalog.ts';

/** A font file, and for a collection (.ttc) the postscript name of the face inside it. */
export interface FontFile {
  readonly file: string;
  readonly face: string | undefined;
}

const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
// %WINDIR% rather than C:\Windows: Windows need not live on C:
const WINFONTS = join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts');
const noto = (region: string): FontFile => ({ file: NOTO, face: `NotoSansCJK${region}-Regular` });
const win = (file: string, face: string | undefined): FontFile => ({ file: join(WINFONTS, file), face });

// Windows: Malgun Gothic is a plain .ttf; YaHei and JhengHei are collections whose regular face
// has been named with and without the "Regular" suffix across Windows versions; a name the
// collection lacks makes pdfkit throw, and the next candidate is tried
const MALGUN = [win('malgun.ttf', undefined)];
const YAHEI = [win('msyh.ttc', 'MicrosoftYaHei'), win('msyh.ttc', 'MicrosoftYaHeiRegular')];
const JHENGHEI = [win('msjh.ttc', 'MicrosoftJhengHeiRegular'), win('msjh.ttc', 'MicrosoftJhengHei')];

/**
 * Candidates per language, best first. Each Noto CJK face covers Hangul and all CJK ideographs
 * (the region only picks the glyph shapes); the Windows fonts cover their own script, so for
 * mixed text the coverage check below moves on to the next candidate.
 */
const CANDIDATES: Record<Language, readonly FontFile[]> = {
  ko: [noto('kr'), ...MALGUN, ...YAHEI, ...JHENGHEI],
  'zh-Hans': [noto('sc'), ...YAHEI, ...JHENGHEI, ...MALGUN],
  'zh-Hant': [noto('tc'), ...JHENGHEI, ...YAHEI, ...MALGUN],
  en: [noto('kr'), ...MALGUN, ...YAHEI, ...JHENGHEI],
};

const CJK =
  /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/** True when the text has a character the standard PDF fonts cannot show. */
export function needsCjkFont(language: Language, texts: readonly string[]): boolean {
  return language !== 'en' || texts.some((s) => CJK.test(s));
}

/** The fontkit face pdfkit holds once a file font is selected (not in pdfkit's types). */
interface LoadedFace {
  readonly hasGlyphForCodePoint: (cp: number) => boolean;
}

/** What this module needs of a pdfkit document: select a font, and read the face it loaded. */
export interface FontTarget {
  font(src: string, family?: string): unknown;
}

function loadedFace(doc: FontTarget): LoadedFace | undefined {
  // pdfkit keeps the selected font in `_font`, an EmbeddedFont whose `font` is the fontkit face;
  // reading it is the only way to ask the embedded face itself whether it has a glyph
  const f = (doc as unknown as { _font?: { font?: Partial<LoadedFace> } })._font?.font;
  return typeof f?.hasGlyphForCodePoint === 'function' ? (f as LoadedFace) : undefined;
}

/**
 * Selects on `doc` the first candidate font that exists, loads and has a glyph for every
 * non-space character of `texts`; returns the chosen file. Throws AUDIT_REPORT_FONT_MISSING when
 * there is none. `candidates` is for tests; the station uses the system list.
 */
export function selectCjkFont(
  doc: FontTarget,
  language: Language,
  texts: readonly string[],
  candidates: readonly FontFile[] = CANDIDATES[language],
): FontFile {
  const points = [...new Set([...texts.join('')].filter((c) => c.trim() !== ''))].map(
    (c) => c.codePointAt(0) ?? 0,
  );
  for (const c of candidates) {
    if (!existsSync(c.file)) continue;
    try {
      if (c.face === undefined) doc.font(c.file);
      else doc.font(c.file, c.face);
    } catch {
      continue; // not a font pdfkit reads, or no such face in the collection
    }
    const face = loadedFace(doc);
    if (face !== undefined && points.every((cp) => face.hasGlyphForCodePoint(cp))) return c;
  }
  const script = [...new Set(texts.join(''))]
    .filter((ch) => CJK.test(ch))
    .slice(0, 8)
    .join('');
  throw new StationError('AUDIT_REPORT_FONT_MISSING', { script });
}
