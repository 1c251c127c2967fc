// HTML of the certsrv pages, keeping the element ids and markers clients depend on
// (certrsis/certrspn/certrsdn/certrser, certrqxt, certcarc, certckpn; fact sheet §3).
import type { Strings } from './locale.ts';
import type { Template } from './templates.ts';
import { resultLine } from './hresult.ts';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function layout(s: Strings, lang: string, caName: string, body: string): string {
  return `<HTML Lang="${lang}">
<Head>
<Meta HTTP-Equiv="Content-Type" Content="text/html; charset=UTF-8">
<Meta HTTP-Equiv="X-UA-Compatible" Content="IE=7">
<Title>Microsoft ${esc(s.product)}</Title>
</Head>
<Body BgColor=#FFFFFF Link=#0000FF VLink=#0000FF ALink=#0000FF><Font ID=locPageFont Face="Arial">
<Table Border=0 CellSpacing=0 CellPadding=4 Width=100% BgColor=#008080>
<TR>
\t<TD><Font Color=#FFFFFF><LocID ID=locMSCertSrv><Font Face="Arial" Size=-1><B><I>Microsoft</I></B> ${esc(s.product)} &nbsp;--&nbsp; ${esc(caName)} &nbsp;</Font></LocID></Font></TD>
\t<TD ID=locHomeAlign Align=Right><A Href="/certsrv"><Font Color=#FFFFFF><LocID ID=locHomeLink><Font Face="Arial" Size=-1><B>${esc(s.home)}</B></Font></LocID></Font></A></TD>
</TR>
</Table>
${body}
</Font>
</Body>
</HTML>
`;
}

export type BrowserKind = 'IE' | 'NN' | 'Text';

/** certsrv's own User-Agent sniff: IE, Netscape-like (anything calling itself Mozilla), or plain text. */
export function browserKind(ua: string | undefined): BrowserKind {
  if (!ua) return 'Text';
  if (/MSIE|Trident/.test(ua)) return 'IE';
  if (/Mozilla|Opera/.test(ua)) return 'NN';
  return 'Text';
}

export function issuedBody(s: Strings, id: number, browser: BrowserKind): string {
  // certrsis.asp states no request id in prose: only the certnew.cer links carry it
  const links =
    browser === 'Text'
      ? `<P ID=locDownloadCert><A Href="certnew.cer?ReqID=${id}&amp;Enc=bin">${esc(s.downloadCert)} (DER)</A> &nbsp;
<A Href="certnew.cer?ReqID=${id}&amp;Enc=b64">${esc(s.downloadCert)} (Base 64)</A></P>
<P ID=locDownloadChain><A Href="certnew.p7b?ReqID=${id}&amp;Enc=bin">${esc(s.downloadChain)} (DER)</A> &nbsp;
<A Href="certnew.p7b?ReqID=${id}&amp;Enc=b64">${esc(s.downloadChain)} (Base 64)</A></P>`
      : `<Input Type=Radio ID=rbDerEnc Name=rbEncoding Checked><Label For=rbDerEnc ID=locDerEnc0>DER encoded</Label>
<Input Type=Radio ID=rbB64Enc Name=rbEncoding><Label For=rbB64Enc ID=locB64Enc0>Base 64 encoded</Label>
<P ID=locDownloadCert><A Href="#" OnClick="handleGetCert();return false;">${esc(s.downloadCert)}</A></P>
<P ID=locDownloadChain><A Href="#" OnClick="handleGetChain();return false;">${esc(s.downloadChain)}</A></P>
<Script Language="JavaScript">
\tfunction getEncoding() {
\t\tif (true==document.getElementById("rbDerEnc").checked) { return "Enc=bin"; } else { return "Enc=b64"; }
\t}
\tfunction handleGetCert() {
\t\tlocation="certnew.cer?ReqID=${id}&"+getEncoding();
\t}
\tfunction handleGetChain() {
\t\tlocation="certnew.p7b?ReqID=${id}&"+getEncoding();
\t}
</Script>`;
  return `<P ID=locPageTitle> <B> ${esc(s.issuedTitle)} </B>
${GREEN_HR}

<P ID=locInfo> ${esc(s.issuedInfo)}</P>
${links}
`;
}

const GREEN_HR = `<!-- Green HR --><Table Border=0 CellSpacing=0 CellPadding=0 Width=100%><TR><TD BgColor=#008080><Img Src="certspc.gif" Alt="" Height=2 Width=1></TD></TR></Table>`;

/** certrmpn.asp's "Remove" button, shown on chkpnd results */
function removeForm(s: Strings, reqId: string): string {
  return `<Form Action="certrmpn.asp" Method=Post>
<Input Type=Hidden Name=Action Value="rmpn">
<Input Type=Hidden Name=ReqID Value="${esc(reqId)}">
<P><Input ID=locBtnRemove Type=Submit Value="Remove"> - ${esc(s.removeRequest)}
</Form>
`;
}

/** certrspn.asp: the request id is stated only for a new request; a re-check shows the Remove form. */
export function pendingBody(s: Strings, id: number, chkpnd: boolean, timeoutDays: number): string {
  const info = chkpnd
    ? `<P ID=locInfoChkPnd> ${esc(s.pendingChk)} </P>\n`
    : `<P ID=locInfoNewReq> ${esc(s.pendingNew)} </P>

<P ID=locInfoReqID>
${esc(s.reqId(id))}
</P>
`;
  return `<P ID=locPageTitle> <B> ${esc(s.pendingTitle)} </B>
${GREEN_HR}

${info}
<P ID=locInstructions> ${esc(s.pendingReturn)}</P>
<P ID=locTimeoutWarning><Font Size=-1>${esc(s.pendingTimeout(timeoutDays))}</Font></P>

${chkpnd ? removeForm(s, String(id)) : ''}`;
}

export function localizeMessage(s: Strings, message: string): string {
  return message.replace(/^Denied by Policy Module/, s.deniedByPolicy);
}

/**
 * certrsdn.asp writes the disposition message raw between plain double quotes, in
 * <P ID=locInfoReqIDandReason>. The sim escapes only <, > and & of it (the message can carry
 * a client-chosen template name), never the quotes, so regular expressions on the sentence match.
 */
export function deniedBody(s: Strings, id: number, message: string, revoked: boolean): string {
  const what = revoked
    ? `<P ID=locIssRev> ${esc(s.issuedRevoked)} </P>`
    : `<P ID=locDenied> ${esc(s.denied)} </P>`;
  return `<P ID=locPageTitle> <B> ${esc(s.deniedTitle)} </B>
${GREEN_HR}

${what}


<P ID=locInfoReqIDandReason>


${escText(s.reqId(id))} ${escText(s.dispositionIs(localizeMessage(s, message)))}
</P>

<P ID=locContactAdmin>${esc(s.contactAdmin)}
</P>
`;
}

/** text content: <, > and & escaped, quotes kept as they are */
function escText(t: string): string {
  return t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What certrser.asp shows, as the ASP session hands it over (docs/certsrv-pages.md §Error page). */
export interface ErrorInfo {
  /** which page transferred here: certfnsh.asp (Mode value given) or a certnew/certcrl download */
  source: 'form' | 'fetch';
  /** Request.Form("Mode") exactly as posted ('' for a download) */
  mode: string;
  /** true when the request had neither form fields nor a query string */
  noData?: boolean;
  /** CR_DISP_* or undefined when the disposition was never set (the call raised an error) */
  disposition: number | undefined;
  dispositionMessage: string;
  /** Err.Number of the failing call (0 when the call succeeded) */
  result: number;
  /** Err.Description: "CCertRequest::<Method>: <text>" when a call raised, else '' */
  comError: string;
  /** ICertRequest.GetLastStatus(), undefined when it was never set */
  lastStatus: number | undefined;
  /** the ReqID of a chkpnd, for the Remove form */
  reqId?: string;
}

/** "CCertRequest::Submit: <error text>" as Err.Description reads after a failed COM call */
export function comError(method: string, hr: number): string {
  return `CCertRequest::${method}: ${resultLine(hr)}`;
}

/**
 * certrser.asp's Suggested Cause: the same tests on LastStatus and Result, in the same order, as
 * the page makes (wording here is the sim's own summary of each case).
 */
function suggestedCause(e: ErrorInfo): [string, string] {
  const L = e.lastStatus === undefined ? -1 : e.lastStatus >>> 0;
  const R = e.result >>> 0;
  if (L === 0x6ba)
    return ['locSugCauseNotStarted1', 'The Certification Authority Service may not be running.'];
  if (L === 0x8009000d) return ['locSugCauseKey', 'The CA key was not found; no certificate was issued.'];
  if (L === 0x57) return ['locSugCauseBadParam', 'Invalid data was submitted to Certificate Services.'];
  if (L === 0x8007000d && R === 0x8007000d)
    return ['locSugCauseBadLength', 'A field of the request is longer than the CA accepts.'];
  if (L === 0x80093005 && R === 0x80093005)
    return ['locSugCauseBadData1', 'The certificate request contained bad data.'];
  if (L === 0 && R === 0x8007000d)
    return ['locSugCauseBadData2', 'The certificate request contained bad data.'];
  if (L === 0x80093004) return ['locSugCauseEmpty', 'The certificate request was empty.'];
  if (L === 0x80094004 && R === 0x80094004)
    return ['locSugCauseNoCert', 'No such certificate request exists on this CA.'];
  if (L === 0x800706ba || R === 0x80070005)
    return ['locSugCauseNotStarted2', 'The Certification Authority Service has not been started.'];
  if (L === 0x80094801 || R === 0x80094801)
    return ['locSugCauseNoTemplate', 'The certificate request contains no certificate template information.'];
  if (e.noData) return ['locSugCauseNoFormData', 'No form data was included in the HTTP request.'];
  return ['locSugCauseUnknown', 'No suggestions.'];
}

/**
 * certrser.asp: the advanced-info <DL> of <DT ID=locXxxLabel><Font Size=-1><B>Label:</B> entries.
 * The value follows its <DD> on the next line after two tabs, as clients' regular expressions
 * (`Disposition message:[^\t]+\t\t([^\r\n]+)`) expect.
 */
export function errorBody(s: Strings, e: ErrorInfo, browser: BrowserKind): string {
  const newreq = e.source === 'form' && e.mode.includes('newreq');
  const chkpnd = e.source === 'form' && e.mode === 'chkpnd';
  const intro = newreq
    ? `<P ID=locReqFailed> ${esc(s.reqFailed)}\n</P>\n`
    : chkpnd
      ? `<P ID=locChkPndFailed> ${esc(s.chkPndFailed)}\n</P>\n`
      : e.noData
        ? `<P ID=locNoFormData> ${esc(s.noFormData)}\n</P>\n`
        : '';
  const [modeId, modeText] =
    e.mode === 'newreq'
      ? ['locModeNewReqIE', s.modes.newreq]
      : e.mode === 'newreq NN'
        ? ['locModeNewReqNN', s.modes.newreqNN]
        : e.mode === 'chkpnd'
          ? ['locModeChkPnd', s.modes.chkpnd]
          : e.noData
            ? ['locModeNoData', s.modes.noData]
            : e.source === 'fetch'
              ? ['locModeCertFetch', s.modes.fetch]
              : ['locModeUnknown', s.modes.unknown];
  const d = e.disposition;
  const [dispId, dispText] =
    d === 0
      ? ['locDispIncomplete', s.disp.incomplete]
      : d === 1
        ? ['locDispError', s.disp.error]
        : ['locDispUnknown', s.disp.unknown];
  const disposition =
    d === undefined
      ? `<LocID ID=locDispNeverSet>${esc(s.disp.neverSet)}</LocID>`
      : `${(d >>> 0).toString(16).toUpperCase()} <LocID ID=locDispSpacer>-</LocID> \n\t\t\t\n\t\t\t\t<LocID ID=${dispId}>${esc(dispText)}</LocID>\n\t\t\t`;
  const message = e.dispositionMessage
    ? escText(localizeMessage(s, e.dispositionMessage))
    : `<LocID ID=locDispMsgNone>${esc(s.disp.none)}</LocID>`;
  const lastStatus =
    e.lastStatus === undefined
      ? `<LocID ID=locLastStatNeverSet>${esc(s.disp.neverSet)}</LocID>`
      : escText(resultLine(e.lastStatus));
  const [causeId, causeText] = suggestedCause(e);
  const ie = browser === 'IE';
  return `<P ID=locPageTitle> <B> ${esc(s.errorTitle)} </B>
${GREEN_HR}

${intro}
<P ID=locContactAdmin>${esc(s.contactAdminError)}
</P>

${
  ie
    ? `<Span ID=spnBasic>
<P>
<Input ID=locBtnDetails Type=Button Value="Details &gt;&gt;" 
\tOnClick="blur();spnBasic.style.display='none';spnAdvanced.style.display='';">
</P>
</Span>

<Span ID=spnAdvanced Style="display:none">
`
    : ''
}
<!-- Advanced info -->

<DL><DD>

\t<DL>

\t<DT ID=locModeLabel><Font Size=-1><B>${esc(s.labels.mode)}</B></Font></DT><DD>
\t\t${esc(e.mode)} <LocID ID=locModeSpacer>-</LocID>
\t\t
\t\t\t<LocID ID=${modeId}>${esc(modeText)}</LocID>
\t\t
\t</DD>
\t
\t<DT ID=locDispLabel><Font Size=-1><B>${esc(s.labels.disp)}</B></Font></DT><DD>
\t\t${disposition}
\t</DD>

\t<DT ID=locDispMsgLabel><Font Size=-1><B>${esc(s.labels.dispMsg)}</B></Font></DT><DD>
\t\t${message}
\t</DD>

\t<DT ID=locResultLabel><Font Size=-1><B>${esc(s.labels.result)}</B></Font></DT><DD>
\t\t${escText(resultLine(e.result))}
\t</DD>
\t
\t<DT ID=locComInfoLabel><Font Size=-1><B>${esc(s.labels.comErr)}</B></Font></DT><DD>
\t\t${escText(e.comError)}
\t</DD>

\t<DT ID=locLastStatLabel><Font Size=-1><B>${esc(s.labels.lastStatus)}</B></Font></DT><DD>
\t\t${lastStatus}
\t</DD>

\t<DT ID=locSugCauseLabel><Font Size=-1><B>${esc(s.labels.cause)}</B></Font></DT><DD>
\t\t
\t\t\t<LocID ID=${causeId}>
\t\t\t${esc(causeText)}
\t\t\t</LocID>
\t\t
\t</DD></DL>

</DD></DL>
</Span>

${chkpnd ? removeForm(s, e.reqId ?? '') : ''}
${GREEN_HR}
`;
}

export function homeBody(s: Strings): string {
  return `<P ID=locPageTitle> <B> Welcome </B>
<P ID=locWelcome>${esc(s.welcome)}</P>
<P ID=locTaskHead><B>Select a task:</B>
<BR>&nbsp;&nbsp;&nbsp;&nbsp;<A Href="certrqus.asp" ID=locRequestCert>Request a certificate</A>
<BR>&nbsp;&nbsp;&nbsp;&nbsp;<A Href="certckpn.asp" ID=locCheckPending>View the status of a pending certificate request</A>
<BR>&nbsp;&nbsp;&nbsp;&nbsp;<A Href="certcarc.asp" ID=locDownloadCA>Download a CA certificate, certificate chain, or CRL</A>
</P>
`;
}

/** OFFLINE;REALNAME;KEYSPEC;KEYFLAG;ENROLLFLAG;PRIVATEKEYFLAG;SUBJECTFLAG;RASIGNATURE;CSPLIST;EXTOID;EXTMAJ;EXTFMIN;EXTMIN;FRIENDLYNAME */
function templateOption(t: Template): string {
  const fields = [
    'E',
    t.cn,
    String(t.keySpec),
    '0',
    String(t.enrollmentFlag),
    '0',
    String(t.nameFlag),
    '0',
    '',
    '',
    '',
    '',
    '',
    t.displayName,
  ];
  return `\t<Option Value="${esc(fields.join(';'))}">${esc(t.displayName)}</Option>`;
}

export function advancedBody(s: Strings, templates: Template[]): string {
  return `<P ID=locPageTitle> <B> ${esc(s.advancedTitle)} </B>
<P ID=locInfo>${esc(s.advancedInfo)}</P>
<Form Name=SubmittedData Action="certfnsh.asp" OnSubmit="return false;" Method=Post>
<Input Type=Hidden Name=Mode Value="newreq">
<Input Type=Hidden Name=TargetStoreFlags Value="0">
<Input Type=Hidden Name=SaveCert Value="yes">
<Input Type=Hidden Name=ThumbPrint Value="">
<Input Type=Hidden Name=FriendlyType Value="Saved-Request Certificate">
<Table Border=0 CellSpacing=0 CellPadding=0>
<TR><TD ID=locSavedReqLabel>Saved Request:</TD>
<TD><TextArea Name=CertRequest ID=locTaRequest Rows=10 Cols=64 Wrap=Off></TextArea></TD></TR>
<TR><TD ID=locTemplateLabel>${esc(s.templateLabel)}</TD>
<TD><Select Name=lbCertTemplate ID=lbCertTemplateID>
${templates.map(templateOption).join('\n')}
</Select></TD></TR>
<TR><TD ID=locAttribLabel>Additional Attributes:</TD>
<TD><TextArea Name=CertAttrib ID=locTaAttrib Rows=2 Cols=30 Wrap=Off></TextArea></TD></TR>
</Table>
<Input Type=Submit ID=btnSubmit Value="${esc(s.submit)}">
</Form>
`;
}

/**
 * certcarc.asp: the CA certificate list `lbCaInstance` (id lbCaID) whose option values count back
 * from the current certificate (0 = current), `var nRenewals`, `rgCrlState`, and getChosenRenewal()
 * turning the choice back into a renewal index; "Text" browsers get plain links per renewal.
 * No delta-CRL links: the sim publishes base CRLs only (certcarc hides them then).
 */
export function caBody(s: Strings, caName: string, nRenewals: number, browser: BrowserKind): string {
  const nameFor = (renewal: number) => (renewal > 0 ? `[${caName}(${renewal})]` : `[${caName}]`);
  const options = Array.from({ length: nRenewals + 1 }, (_, k) =>
    k === 0
      ? `\t\t\t\t<Option Value="0" Selected><LocID ID=locCurCertEntry>Current</LocID> ${esc(nameFor(nRenewals))}`
      : `\t\t\t\t<Option Value="${k}"><LocID ID=locPrevCertEntry>Previous</LocID> ${esc(nameFor(nRenewals - k))}`,
  ).join('\n');
  const textLinks = Array.from({ length: nRenewals + 1 }, (_, k) => {
    const r = nRenewals - k;
    return `\t<DT><LocID ID=locCaCertHead3>CA Certificate: ${k === 0 ? 'Current' : 'Previous'} ${esc(nameFor(r))}</LocID>
\t<DD><A Href="certnew.cer?ReqID=CACert&amp;Renewal=${r}&amp;Enc=bin">DER</A> <A Href="certnew.cer?ReqID=CACert&amp;Renewal=${r}&amp;Enc=b64">Base&nbsp;64</A><BR>
\t\t<A Href="certnew.p7b?ReqID=CACert&amp;Renewal=${r}&amp;Enc=bin">DER</A> <A Href="certnew.p7b?ReqID=CACert&amp;Renewal=${r}&amp;Enc=b64">Base&nbsp;64</A><BR>
\t\t<A Href="certcrl.crl?Type=base&amp;Renewal=${r}&amp;Enc=bin">DER</A> <A Href="certcrl.crl?Type=base&amp;Renewal=${r}&amp;Enc=b64">Base&nbsp;64</A><BR>`;
  }).join('\n');
  const chooser =
    browser === 'Text'
      ? `<DL>\n${textLinks}\n</DL>`
      : `<Table Border=0 CellSpacing=0 CellPadding=0>
\t<TR>
\t\t<TD ID=locCaCertHead ColSpan=3><Font ID=Font_lbCaID Face="Arial" Size=-1><BR><Label For=lbCaID ID=Lable_lbCaID ><B>CA certificate:</B></Label></Font></TD>
\t</TR>
\t<TR>
\t\t<TD Align=Right VAlign=Top ID=locCaCertLabel></TD>
\t\t<TD><Select Size=4 Name=lbCaInstance ID=lbCaID>
${options}
\t\t\t</Select>
\t\t</TD>
\t</TR>
\t<TR><TD></TD>
\t\t<TD><Input Type=Radio ID=rbDerEnc Name=rbEncoding Checked><Label For=rbDerEnc ID=locDerEnc0>DER</Label>
\t\t<Input Type=Radio ID=rbB64Enc Name=rbEncoding><Label For=rbB64Enc ID=locB64Enc0>Base 64</Label></TD>
\t</TR>
</Table>
<A Href="#" OnClick="handleGetCert();return false;"><LocID ID=locDownloadCert2>Download CA certificate</LocID></A><BR>
<A Href="#" OnClick="handleGetChain();return false;"><LocID ID=locDownloadCertChain2>Download CA certificate chain</LocID></A><BR>
<A Href="#" OnClick="handleGetBaseCrl();return false;"><LocID ID=locDownloadBaseCRL2>Download latest base CRL</LocID></A>`;
  return `<Form Name=UIForm>
<P ID=locPageTitle2> <B> ${esc(s.caTitle)}</B>
${GREEN_HR}

<P><LocID ID=locInstallTxt>${esc(s.caInfo)}</LocID>
<P>
${chooser}
</Form>

<Script Language="JavaScript">
\tvar CRL_AVAILABLE=3; // == CA_DISP_VALID

\tvar nRenewals=${nRenewals};
\tvar rgCrlState=new Array(
${Array.from({ length: nRenewals + 1 }, () => '\t\t3').join(',\n')}
\t\t);

\tfunction handleGetCert() {
\t\tlocation="certnew.cer?ReqID=CACert&Renewal="+getChosenRenewal()+"&"+getEncoding();
\t}
\tfunction handleInstCert() {
\t\tlocation="certnew.cer?ReqID=CACert&Renewal="+getChosenRenewal()+"&Mode=inst&Enc=b64";
\t}
\tfunction handleGetChain() {
\t\tlocation="certnew.p7b?ReqID=CACert&Renewal="+getChosenRenewal()+"&"+getEncoding();
\t}
\tfunction handleGetBaseCrl() {
\t\tvar nSource=getChosenRenewal();
\t\twhile (nSource>0 && CRL_AVAILABLE!=rgCrlState[nSource]) {
\t\t\tnSource--;
\t\t}
\t\tlocation="certcrl.crl?Type=base&Renewal="+nSource+"&"+getEncoding();
\t}
\tfunction getChosenRenewal() {
\t\treturn nRenewals-document.UIForm.lbCaInstance[document.UIForm.lbCaInstance.selectedIndex].value;
\t}
\tfunction getEncoding() {
\t\tif (true==document.UIForm.rbEncoding[0].checked) {
\t\t\treturn "Enc=bin";
\t\t} else {
\t\t\treturn "Enc=b64";
\t\t}
\t}
</Script>
`;
}

/** One entry of certsrv's "Requests" cookie: [ReqID,TargetStoreFlags,SaveCert,FriendlyType]. */
export interface PendingEntry {
  id: string;
  targetStoreFlags: string;
  saveCert: string;
  friendlyType: string;
}

/** certckpn.asp: one chkpnd form per remembered request ("Text" layout, usable by every client). */
export function pendingListBody(s: Strings, entries: PendingEntry[]): string {
  const items = entries.length
    ? `<P ID=locSelectCert> ${esc(s.selectPending)}

<DL>
${entries
  .map(
    (e) => `<DD><Form Name=SubmittedData Action="certfnsh.asp" Method=Post>
\t<Input Type=Hidden Name=Mode Value="chkpnd">
\t<Input Type=Hidden Name=ReqID Value="${esc(e.id)}">
\t<Input Type=Hidden Name=TargetStoreFlags Value="${esc(e.targetStoreFlags)}">
\t<Input Type=Hidden Name=SaveCert Value="${esc(e.saveCert)}">
\t<Input ID=locBtnSubmit Type=Submit Value="${esc(e.friendlyType)}">
</Form>`,
  )
  .join('\n')}
</DL>

</P>`
    : `<P ID=locNoPend> ${esc(s.pendingNone)}\n</P>`;
  return `<P ID=locPageTitle> <B> ${esc(s.pendingListTitle)} </B>
${GREEN_HR}

${items}
${GREEN_HR}
`;
}

/** certrqus.asp: the certificate types and the advanced request link. */
export function requestTypesBody(s: Strings): string {
  return `<P ID=locPageTitle> <B> ${esc(s.requestTitle)} </B>
${GREEN_HR}

<P ID=locInstructions> ${esc(s.requestInfo)}

\t<Table Border=0 CellPadding=0 CellSpacing=0>
\t<TR><TD ID=locSpc2 Colspan=2><Img Src="certspc.gif" Alt="" Height=3 Width=1></TD></TR>
\t<TR>
\t\t<TD ID=locSpc1><Img Src="certspc.gif" Alt="" Height=1 Width=20></TD>
\t\t<TD><Font Face="Arial"><A Href="certrqbi.asp?type=0">${esc(s.userCertificate)}</A></Font></TD>
\t</TR>
\t</Table>
</P>
<P ID=locAdvReqLabel><Font Face="Arial">${s.advancedLink('<A Href="certrqxt.asp"><LocID ID=locAdvReqLabelContd>')}</LocID></Font>
</P>

${GREEN_HR}
`;
}

/** IIS's own 401 page body. */
export function unauthorizedBody(): string {
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>401 - Unauthorized: Access is denied due to invalid credentials.</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>401 - Unauthorized: Access is denied due to invalid credentials.</h2>
  <h3>You do not have permission to view this directory or page using the credentials that you supplied.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
}

export function forbiddenBody(detail: string): string {
  return `<html><head><title>403 - Forbidden: Access is denied.</title></head>
<body><h2>403 - Forbidden: Access is denied.</h2><h3>${esc(detail)}</h3></body></html>
`;
}
