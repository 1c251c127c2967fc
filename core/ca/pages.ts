// Reads certsrv result pages by markers that survive localisation (docs/certsrv-pages.md): element ids,
// the certnew.cer?ReqID= link, numeric dispositions and HRESULT hex codes — never English prose.
// The prose-bearing disposition message is kept for display, never used for decisions.

export type CertsrvPage =
  | { readonly kind: 'issued'; readonly reqId: number }
  | { readonly kind: 'pending'; readonly reqId: number | undefined }
  | {
      readonly kind: 'denied';
      readonly reqId: number | undefined;
      readonly hresult: number | undefined;
      readonly dispositionMessage: string | undefined;
      readonly revoked: boolean;
    }
  | {
      readonly kind: 'error';
      readonly reqId: number | undefined;
      readonly disposition: number | undefined;
      readonly hresult: number | undefined;
      readonly dispositionMessage: string | undefined;
      readonly result: string | undefined;
    }
  | { readonly kind: 'unrecognised' };

/** certcli.h CR_DISP_* */
export const Disposition = {
  incomplete: 0,
  error: 1,
  denied: 2,
  issued: 3,
  issuedOutOfBand: 4,
  underSubmission: 5,
  revoked: 6,
} as const;

function hasId(html: string, id: string): boolean {
  return new RegExp(`\\bID\\s*=\\s*["']?${id}\\b`, 'i').test(html);
}

/**
 * Text after an element with the given id, up to `stop`, tags removed and entities decoded. For a
 * label element (LocID, B, …) the label's own text is skipped: only what follows its closing tag.
 */
function textAfterId(html: string, id: string, stop: RegExp, skipLabel = false): string | undefined {
  const start = new RegExp(`<(\\w+)[^>]*\\bID\\s*=\\s*["']?${id}\\b[^>]*>`, 'i').exec(html);
  if (!start) return undefined;
  let rest = html.slice(start.index + start[0].length);
  if (skipLabel) {
    const close = new RegExp(`</${start[1] ?? ''}\\s*>`, 'i').exec(rest);
    if (close) rest = rest.slice(close.index + close[0].length);
  }
  const end = stop.exec(rest);
  return plainText(end ? rest.slice(0, end.index) : rest.slice(0, 2000));
}

export function plainText(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/gi, '"')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstInteger(text: string | undefined): number | undefined {
  const m = text ? /(\d+)/.exec(text) : null;
  return m ? Number(m[1]) : undefined;
}

/** The first failure HRESULT (0x8xxxxxxx) in a piece of text. */
export function findHresult(text: string | undefined): number | undefined {
  const m = text ? /0x(8[0-9a-f]{7})\b/i.exec(text) : null;
  return m ? parseInt(m[1] ?? '', 16) >>> 0 : undefined;
}

function issuedReqId(html: string): number | undefined {
  const m = /certnew\.cer\?ReqID=(\d+)(?:&|&amp;|")/i.exec(html);
  return m ? Number(m[1]) : undefined;
}

/** The paragraph naming the request id: locInfoReqID (pending) or locInfoReqIDandReason (denied). */
function reqIdParagraph(html: string): string | undefined {
  const m = /\bID\s*=\s*["']?(loc\w*ReqID\w*)\b/i.exec(html);
  return m ? textAfterId(html, m[1] ?? '', /<\/P>|<P\b|<\/DIV>/i) : undefined;
}

function reqIdFromPage(html: string): number | undefined {
  return firstInteger(reqIdParagraph(html));
}

// Opening and closing quotes of the denied sentence in the languages certsrv ships
// ("…" English, « … » French, “…” and „…“ elsewhere, 「…」 Japanese).
const OPEN_QUOTE = '"“„«「';
const CLOSE_QUOTE = '"”“»」';

/**
 * The disposition message of a denied page: the quoted part of the locInfoReqIDandReason
 * sentence (certrsdn.asp writes it raw between plain quotes; entities are decoded first), from
 * the first opening quote to the last closing one, since a message may quote a name itself.
 * Pages without that paragraph: any quoted text that carries an HRESULT.
 */
function quotedDispositionMessage(html: string): string | undefined {
  const sentence = reqIdParagraph(html);
  if (sentence) {
    const m = new RegExp(`[${OPEN_QUOTE}]\\s*([\\s\\S]*\\S)\\s*[${CLOSE_QUOTE}]`).exec(sentence);
    if (m?.[1]) return m[1].trim();
  }
  const text = plainText(html);
  for (const m of text.matchAll(/["“„«]([^"”“»]{3,1000})["”»]/g)) if (findHresult(m[1])) return m[1]?.trim();
  return undefined;
}

// An entry of certrser.asp's <DL> ends where the next label starts (<DT ID=loc…Label> on real
// pages, <LocID ID=loc…Label> in some captures) or where the list ends.
const LABEL_STOP = /<LocID\s+ID\s*=\s*["']?loc\w*Label|<DT\b|<\/DL>/i;

/** A <DL> entry's value; certrser.asp's placeholders "(none)" / "(never set)" mean no value. */
function dlValue(html: string, labelId: string, noneId: string): string | undefined {
  const start = new RegExp(`\\bID\\s*=\\s*["']?${labelId}\\b`, 'i').exec(html);
  if (!start) return undefined;
  const rest = html.slice(start.index);
  const end = LABEL_STOP.exec(rest.slice(1));
  const entry = end ? rest.slice(0, end.index + 1) : rest.slice(0, 2000);
  if (new RegExp(`\\bID\\s*=\\s*["']?${noneId}\\b`, 'i').test(entry)) return undefined;
  return textAfterId(html, labelId, LABEL_STOP, true) || undefined;
}

export function parseCertsrvPage(html: string): CertsrvPage {
  const issued = issuedReqId(html);
  if (issued !== undefined) return { kind: 'issued', reqId: issued };

  if (hasId(html, 'locDenied') || hasId(html, 'locIssRev')) {
    const message = quotedDispositionMessage(html) ?? dlValue(html, 'locDispMsgLabel', 'locDispMsgNone');
    return {
      kind: 'denied',
      reqId: reqIdFromPage(html),
      hresult: findHresult(message) ?? findHresult(plainText(html)),
      dispositionMessage: message,
      revoked: hasId(html, 'locIssRev'),
    };
  }

  if (hasId(html, 'locDispLabel') || hasId(html, 'locReqFailed') || hasId(html, 'locChkPndFailed')) {
    const dispText = textAfterId(
      html,
      'locDispLabel',
      /<LocID\s+ID\s*=\s*["']?locDispSpacer|<DT\b|<\/DL>/i,
      true,
    );
    const dm = dispText ? /(0x[0-9a-f]+|\d+)\s*$/i.exec(dispText) : null;
    const disposition = dm ? Number(dm[1]) : undefined;
    const dispositionMessage = dlValue(html, 'locDispMsgLabel', 'locDispMsgNone');
    const result = textAfterId(html, 'locResultLabel', LABEL_STOP, true);
    // Result is the failing call's HRESULT ("0x0 (WIN32: 0)" when the call succeeded); a denial
    // fetched through certnew.cer carries its code in the message or in LastStatus instead.
    const lastStatus = dlValue(html, 'locLastStatLabel', 'locLastStatNeverSet');
    const hresult =
      findHresult(result) ??
      findHresult(dispositionMessage) ??
      findHresult(lastStatus) ??
      findHresult(plainText(html));
    return { kind: 'error', reqId: reqIdFromPage(html), disposition, hresult, dispositionMessage, result };
  }

  if (hasId(html, 'locInfoReqID') || hasId(html, 'locInfoNewReq') || hasId(html, 'locInfoChkPnd'))
    return { kind: 'pending', reqId: reqIdFromPage(html) };

  return { kind: 'unrecognised' };
}

/** certcarc.asp: `var nRenewals=<k>;` */
export function parseRenewalCount(html: string): number | undefined {
  const m = /\bnRenewals\s*=\s*(\d+)\s*;/.exec(html);
  return m ? Number(m[1]) : undefined;
}
