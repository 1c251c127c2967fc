// Reads certsrv result pages by markers that survive localisation (certsrv.md §3.6): element ids,
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

function reqIdFromPage(html: string): number | undefined {
  // locInfoReqID on the pending page; denied pages of newer CAs reuse an id containing ReqID.
  const m = /\bID\s*=\s*["']?(loc\w*ReqID\w*)\b/i.exec(html);
  return m ? firstInteger(textAfterId(html, m[1] ?? '', /<\/P>|<P\b|<\/DIV>/i)) : undefined;
}

/** The quoted disposition message of a denied page: the quoted text that carries the HRESULT. */
function quotedDispositionMessage(html: string): string | undefined {
  const text = plainText(html);
  for (const m of text.matchAll(/["“„«]([^"”“»]{3,1000})["”»]/g)) if (findHresult(m[1])) return m[1]?.trim();
  return undefined;
}

const LABEL_STOP = /<LocID\s+ID\s*=\s*["']?loc\w*Label|<DT\b|<\/DL>/i;

export function parseCertsrvPage(html: string): CertsrvPage {
  const issued = issuedReqId(html);
  if (issued !== undefined) return { kind: 'issued', reqId: issued };

  if (hasId(html, 'locDenied') || hasId(html, 'locIssRev')) {
    const message = quotedDispositionMessage(html) ?? textAfterId(html, 'locDispMsgLabel', LABEL_STOP, true);
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
    const dispositionMessage = textAfterId(html, 'locDispMsgLabel', LABEL_STOP, true);
    const result = textAfterId(html, 'locResultLabel', LABEL_STOP, true);
    const hresult = findHresult(result) ?? findHresult(dispositionMessage) ?? findHresult(plainText(html));
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
