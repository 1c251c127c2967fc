// HTML of the certsrv pages, keeping the element ids and markers clients depend on
// (certrsis/certrspn/certrsdn/certrser, certrqxt, certcarc, certckpn; fact sheet §3).
import type { Strings } from './locale.ts';
import type { Template } from './templates.ts';
import { resultLine, hex } from './hresult.ts';

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function layout(s: Strings, lang: string, caName: string, body: string): string {
  return `<HTML Lang="${lang}">
<Head>
<Meta HTTP-Equiv="Content-Type" Content="text/html; charset=UTF-8">
<Title>Microsoft ${esc(s.product)}</Title>
</Head>
<Body BgColor=#FFFFFF Link=#0000FF VLink=#0000FF ALink=#0000FF><Font ID=locPageFont Face="Arial">
<Table Border=0 CellSpacing=0 CellPadding=4 Width=100% BgColor=#008080>
<TR>
\t<TD><Font Color=#FFFFFF><LocID ID=locMSCertSrv><Font Face="Arial" Size=-1><B><I>Microsoft</I></B> ${esc(s.product)} &nbsp;--&nbsp; ${esc(caName)} &nbsp;</Font></LocID></Font></TD>
\t<TD ID=locHomeAlign Align=Right><A Href="/certsrv"><Font Color=#FFFFFF><Font Face="Arial" Size=-1><B ID=locHomeLink>${esc(s.home)}</B></Font></Font></A></TD>
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
  const links =
    browser === 'Text'
      ? `<P ID=locDownloadCert><A Href="certnew.cer?ReqID=${id}&amp;Enc=bin">${esc(s.downloadCert)} (DER)</A> &nbsp;
<A Href="certnew.cer?ReqID=${id}&amp;Enc=b64">${esc(s.downloadCert)} (Base 64)</A></P>
<P ID=locDownloadChain><A Href="certnew.p7b?ReqID=${id}&amp;Enc=bin">${esc(s.downloadChain)} (DER)</A> &nbsp;
<A Href="certnew.p7b?ReqID=${id}&amp;Enc=b64">${esc(s.downloadChain)} (Base 64)</A></P>`
      : `<Input Type=Radio ID=rbDerEnc Name=rbEncoding Checked><Label For=rbDerEnc ID=locDerEnc>DER encoded</Label>
<Input Type=Radio ID=rbB64Enc Name=rbEncoding><Label For=rbB64Enc ID=locB64Enc>Base 64 encoded</Label>
<P ID=locDownloadCert><A Href="#" OnClick="handleGetCert();return false;">${esc(s.downloadCert)}</A></P>
<P ID=locDownloadChain><A Href="#" OnClick="handleGetChain();return false;">${esc(s.downloadChain)}</A></P>
<Script Language="JavaScript">
\tfunction getEncoding() {
\t\tif (true==document.getElementById("rbB64Enc").checked) { return "Enc=b64"; } else { return "Enc=bin"; }
\t}
\tfunction handleGetCert() {
\t\tlocation="certnew.cer?ReqID=${id}&"+getEncoding();
\t}
\tfunction handleGetChain() {
\t\tlocation="certnew.p7b?ReqID=${id}&"+getEncoding();
\t}
</Script>`;
  return `<P ID=locPageTitle> <B> ${esc(s.issuedTitle)} </B>
<!-- Green HR --><Table Border=0 CellSpacing=0 CellPadding=0 Width=100%><TR><TD BgColor=#008080><Img Src="certspc.gif" Alt="" Height=2 Width=1></TD></TR></Table>
<P ID=locInfo> ${esc(s.issuedInfo)}</P>
<P ID=locInfoReqID>${esc(s.reqId(id))}</P>
${links}
`;
}

export function pendingBody(s: Strings, id: number, chkpnd: boolean): string {
  const info = chkpnd
    ? `<P ID=locInfoChkPnd> ${esc(s.pendingChk)} </P>`
    : `<P ID=locInfoNewReq> ${esc(s.pendingNew)} </P>`;
  return `<P ID=locPageTitle> <B> ${esc(s.pendingTitle)} </B>
<!-- Green HR --><Table Border=0 CellSpacing=0 CellPadding=0 Width=100%><TR><TD BgColor=#008080><Img Src="certspc.gif" Alt="" Height=2 Width=1></TD></TR></Table>
${info}
<P ID=locInfoReqID>
${esc(s.reqId(id))}
</P>
<P ID=locInfoReturn> ${esc(s.pendingReturn)} </P>
<Form Name=PendingForm Action="certfnsh.asp" Method=Post><Input Type=Hidden Name=Mode Value="chkpnd"><Input Type=Hidden Name=ReqID Value="${id}"></Form>
`;
}

export function localizeMessage(s: Strings, message: string): string {
  return message.replace(/^Denied by Policy Module/, s.deniedByPolicy);
}

export function deniedBody(s: Strings, id: number, message: string, revoked: boolean): string {
  const what = revoked
    ? `<P ID=locIssRev> ${esc(s.issuedRevoked)} </P>`
    : `<P ID=locDenied> ${esc(s.denied)} </P>`;
  return `<P ID=locPageTitle> <B> ${esc(s.deniedTitle)} </B>
<!-- Green HR --><Table Border=0 CellSpacing=0 CellPadding=0 Width=100%><TR><TD BgColor=#008080><Img Src="certspc.gif" Alt="" Height=2 Width=1></TD></TR></Table>
${what}
<P ID=locInfoReqID>${esc(s.reqId(id))}  ${esc(s.dispositionIs(localizeMessage(s, message)))}</P>
<P ID=locContactAdmin> ${esc(s.contactAdmin)} </P>
`;
}

export interface ErrorInfo {
  mode: 'newreq' | 'chkpnd' | 'fetch';
  disposition: number;
  dispositionMessage: string;
  hresult: number;
  requestId?: number;
}

const MODE_TEXT: Record<ErrorInfo['mode'], string> = {
  newreq: 'newreq - New Request',
  chkpnd: 'chkpnd - Check Pending Request',
  fetch: 'certnew.cer/certnew.p7b/certcrl.crl certificate/crl fetch',
};

export function errorBody(s: Strings, e: ErrorInfo): string {
  const intro = e.mode === 'newreq' ? s.reqFailed : e.mode === 'chkpnd' ? s.chkPndFailed : s.fetchFailed;
  const introId = e.mode === 'chkpnd' ? 'locChkPndFailed' : 'locReqFailed';
  const dispName = s.dispNames[e.disposition] ?? '';
  const dispValue = e.disposition > 9 ? hex(e.disposition) : String(e.disposition);
  return `<P ID=locPageTitle> <B> ${esc(s.errorTitle)} </B>
<!-- Green HR --><Table Border=0 CellSpacing=0 CellPadding=0 Width=100%><TR><TD BgColor=#008080><Img Src="certspc.gif" Alt="" Height=2 Width=1></TD></TR></Table>
<P ID=${introId}> ${esc(intro)} </P>
<P ID=locContactAdmin> ${esc(s.contactAdmin)} </P>
${e.requestId !== undefined ? `<P ID=locInfoReqID>${esc(s.reqId(e.requestId))}</P>\n` : ''}<Table Border=0 CellPadding=2 CellSpacing=0 ID=tbAdvInfo>
<TR><TD><B ID=locModeLabel>${esc(s.labels.mode)}</B></TD>
\t\t<TD>${esc(MODE_TEXT[e.mode])}</TD></TR>
<TR><TD><B ID=locDispLabel>${esc(s.labels.disp)}</B></TD>
<TD>
\t\t${dispValue} <LocID ID=locDispSpacer>-</LocID> ${esc(dispName)}
</TD></TR>
<TR><TD><B ID=locDispMsgLabel>${esc(s.labels.dispMsg)}</B></TD>
<TD ID=locDispMsg>
\t\t${esc(localizeMessage(s, e.dispositionMessage))}
</TD></TR>
<TR><TD><B ID=locResultLabel>${esc(s.labels.result)}</B></TD>
<TD ID=locResult>
\t\t${esc(resultLine(e.hresult))}
</TD></TR>
<TR><TD><B ID=locComErrLabel>${esc(s.labels.comErr)}</B></TD>
<TD>
\t\t${esc(e.mode === 'fetch' ? 'CCertRequest::GetCertificate' : 'CCertRequest::Submit')}: ${esc(resultLine(e.hresult))}
</TD></TR>
<TR><TD><B ID=locLastStatusLabel>${esc(s.labels.lastStatus)}</B></TD>
<TD>
\t\t${esc(resultLine(e.hresult))}
</TD></TR>
</Table>
`;
}

export function homeBody(s: Strings): string {
  return `<P ID=locPageTitle> <B> Welcome </B>
<P ID=locWelcome>${esc(s.welcome)}</P>
<P ID=locTaskHead><B>Select a task:</B>
<BR>&nbsp;&nbsp;&nbsp;&nbsp;<A Href="certrqxt.asp" ID=locRequestCert>Request a certificate</A>
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

export function caBody(s: Strings, nRenewals: number): string {
  const opts = Array.from({ length: nRenewals + 1 }, (_, k) => {
    const i = nRenewals - k;
    return `\t<Option Value="${i}"${k === 0 ? ' Selected' : ''}>[${i === nRenewals ? 'Current' : 'Previous'}${i > 0 ? ` (${i})` : ''}]</Option>`;
  }).join('\n');
  return `<P ID=locPageTitle> <B> ${esc(s.caTitle)} </B>
<P ID=locInfo>${esc(s.caInfo)}</P>
<Select Name=lbCARenewal ID=lbCARenewal Size=${nRenewals + 1}>
${opts}
</Select>
<Script Language="JavaScript">
\tvar nRenewals=${nRenewals};
\tfunction getRenewal() { return document.getElementById("lbCARenewal").value; }
\tfunction handleGetCert(enc) { location="certnew.cer?ReqID=CACert&Renewal="+getRenewal()+"&Enc="+enc; }
\tfunction handleGetChain(enc) { location="certnew.p7b?ReqID=CACert&Renewal="+getRenewal()+"&Enc="+enc; }
\tfunction handleGetCRL() { location="certcrl.crl?Type=base&Renewal="+getRenewal()+"&Enc=bin"; }
</Script>
<P><A Href="certnew.cer?ReqID=CACert&amp;Renewal=${nRenewals}&amp;Enc=bin" ID=locDownloadCA>Download CA certificate</A>
<BR><A Href="certnew.p7b?ReqID=CACert&amp;Renewal=${nRenewals}&amp;Enc=bin" ID=locDownloadChain>Download CA certificate chain</A>
<BR><A Href="certcrl.crl?Type=base&amp;Renewal=${nRenewals}&amp;Enc=bin" ID=locDownloadCRL>Download latest base CRL</A></P>
`;
}

export function pendingListBody(s: Strings, ids: number[]): string {
  const items = ids.length
    ? ids
        .map(
          (id) =>
            `<Form Action="certfnsh.asp" Method=Post><Input Type=Hidden Name=Mode Value="chkpnd"><Input Type=Hidden Name=ReqID Value="${id}"><Input Type=Submit Value="Saved-Request Certificate (${id})"></Form>`,
        )
        .join('\n')
    : `<P ID=locNoPending>${esc(s.pendingNone)}</P>`;
  return `<P ID=locPageTitle> <B> ${esc(s.pendingListTitle)} </B>
${items}
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
