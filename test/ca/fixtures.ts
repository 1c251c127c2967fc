// certsrv result pages rebuilt from the documented markers (docs/certsrv-pages.md: element ids,
// anchors, the certrser.asp <DL>, the certrsdn.asp sentence, HRESULT text forms, localised
// captures). Not copies of Microsoft's files: only the documented markers and short texts,
// wrapped in minimal HTML. Each builder names the form it stands for.

const wrap = (title: string, body: string): string =>
  `<HTML><HEAD><TITLE>Microsoft Active Directory Certificate Services</TITLE></HEAD><BODY>\r\n` +
  `<P ID=locPageTitle> <B> ${title} </B>\r\n${body}\r\n</BODY></HTML>\r\n`;

/** certrsis.asp, "Text" browser variant with anchors */
export function issuedPageAnchors(reqId: number): string {
  return wrap(
    'Certificate Issued',
    `<P ID=locInfo> The certificate you requested was issued to you.</P>\r\n` +
      `<A HREF="certnew.cer?ReqID=${reqId}&amp;Enc=bin">DER encoded</A> or ` +
      `<A HREF="certnew.cer?ReqID=${reqId}&amp;Enc=b64">Base 64 encoded</A>\r\n` +
      `<A HREF="certnew.p7b?ReqID=${reqId}&amp;Enc=bin">Download certificate chain</A>`,
  );
}

/** certrsis.asp, non-IE variant with script navigation */
export function issuedPageScript(reqId: number): string {
  return wrap(
    'Certificate Issued',
    `<P ID=locInfo> The certificate you requested was issued to you.</P>\r\n<Script Language="JavaScript">\r\n` +
      `function handleGetCert() { location="certnew.cer?ReqID=${reqId}&"+getEncoding(); }\r\n` +
      `function handleGetChain() { location="certnew.p7b?ReqID=${reqId}&"+getEncoding(); }\r\n</Script>`,
  );
}

export function pendingPageEnglish(reqId: number): string {
  return wrap(
    'Certificate Pending',
    `<P ID=locInfoNewReq> Your certificate request has been received. However, you must wait for an administrator to issue the certificate you requested. </P>\r\n` +
      `<P ID=locInfoReqID> Your Request Id is ${reqId}. </P>`,
  );
}

export function pendingPageFrench(reqId: number): string {
  return wrap(
    'Certificat en attente',
    `<P ID=locInfoNewReq> Votre demande de certificat a été reçue. </P>\r\n` +
      `<P ID=locInfoReqID>\nL’identificateur de votre requête est ${reqId}.</P>`,
  );
}

export function pendingPageJapanese(reqId: number): string {
  return wrap(
    '証明書の保留',
    `<!-- KB2518295 -->\r\n<P ID=locInfoNewReq> 証明書の要求を受け取りました。 </P>\r\n<P ID=locInfoReqID> 要求 ID は ${reqId} です。 </P>`,
  );
}

export function chkpndStillPendingPage(reqId: number): string {
  return wrap(
    'Certificate Pending',
    `<P ID=locInfoChkPnd> Your certificate request is still pending. You must wait for an administrator to issue the certificate you requested. </P>\r\n` +
      `<P ID=locInfoReqID> Your Request Id is ${reqId}. </P>`,
  );
}

export function deniedPage(reqId: number, hresult: string, text: string, spaces = '  '): string {
  return wrap(
    'Certificate Request Denied',
    `<P ID=locDenied> Your certificate request was denied. </P>\r\n` +
      `<P ID=locContactAdmin> Contact your administrator for further information. </P>\r\n` +
      `<P> Your Request Id is ${reqId}. The disposition message is "Denied by Policy Module${spaces}${hresult}, ${text}". </P>`,
  );
}

export function revokedPage(): string {
  return wrap(
    'Certificate Request Denied',
    `<P ID=locIssRev> Your certificate was issued, and then revoked. </P>\r\n<P ID=locContactAdmin> Contact your administrator. </P>`,
  );
}

/**
 * certrser.asp's advanced-info <DL>, in the real form: <DT ID=locXxxLabel><Font Size=-1><B>…</B>
 * labels, the value two tabs into its <DD> (docs/certsrv-pages.md §Error page). Labels default to
 * English; pass `labels` for a localised CA.
 */
export function errorPage(o: {
  mode?: string;
  /** '5', '2', … or undefined for certrser.asp's "(never set)" */
  disposition: string | undefined;
  dispText?: string;
  /** '' for certrser.asp's "(none)" */
  dispMessage: string;
  result: string;
  comError?: string;
  lastStatus?: string;
  labels?: Partial<Record<'mode' | 'disp' | 'msg' | 'result' | 'com' | 'last' | 'cause', string>>;
  title?: string;
  intro?: string;
}): string {
  const l = {
    mode: 'Request Mode:',
    disp: 'Disposition:',
    msg: 'Disposition message:',
    result: 'Result:',
    com: 'COM Error Info:',
    last: 'LastStatus:',
    cause: 'Suggested Cause:',
    ...o.labels,
  };
  const dt = (id: string, label: string, value: string) =>
    `\t<DT ID=${id}><Font Size=-1><B>${label}</B></Font></DT><DD>\n\t\t${value}\n\t</DD>\n\n`;
  const disposition =
    o.disposition === undefined
      ? '<LocID ID=locDispNeverSet>(never set)</LocID>'
      : `${o.disposition} <LocID ID=locDispSpacer>-</LocID> \n\t\t\t\n\t\t\t\t<LocID ID=locDispUnknown>${o.dispText ?? '(unknown)'}</LocID>\n\t\t\t`;
  return wrap(
    o.title ?? 'Error',
    `${o.intro ?? ''}<P ID=locContactAdmin>Contact your administrator for further assistance.\n</P>\r\n` +
      `<!-- Advanced info -->\n\n<DL><DD>\n\n\t<DL>\n\n` +
      dt('locModeLabel', l.mode, `${o.mode ?? ''} <LocID ID=locModeSpacer>-</LocID>`) +
      dt('locDispLabel', l.disp, disposition) +
      dt('locDispMsgLabel', l.msg, o.dispMessage || '<LocID ID=locDispMsgNone>(none)</LocID>') +
      dt('locResultLabel', l.result, o.result) +
      dt('locComInfoLabel', l.com, o.comError ?? '') +
      dt('locLastStatLabel', l.last, o.lastStatus ?? '<LocID ID=locLastStatNeverSet>(never set)</LocID>') +
      `\t<DT ID=locSugCauseLabel><Font Size=-1><B>${l.cause}</B></Font></DT><DD>\n\t\t\n\t\t\t<LocID ID=locSugCauseUnknown>\n\t\t\tNo suggestions.\n\t\t\t</LocID>\n\t\t\n\t</DD></DL>\n\n</DD></DL>\n</Span>`,
  );
}

const NEWREQ_FAILED =
  '<P ID=locReqFailed> Your request failed. An error occurred while the server was\nprocessing your request.\n</P>\r\n';

/** certnew.cer for an id the CA does not have: RetrievePending raised, nothing was set */
export const unknownReqIdPage = (): string =>
  errorPage({
    disposition: undefined,
    dispMessage: '',
    result: 'The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)',
    comError:
      'CCertRequest::RetrievePending: The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)',
    lastStatus: 'The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)',
  });

/** certnew.cer for a pending request (nokia/adcs-issuer's captured form): "5 - (unknown)", success */
export const takenUnderSubmissionPage = (): string =>
  errorPage({
    disposition: '5',
    dispMessage: 'Taken Under Submission',
    result: 'The operation completed successfully. 0x0 (WIN32: 0)',
    lastStatus: 'The operation completed successfully. 0x0 (WIN32: 0)',
  });

/** certnew.cer for a denied request: the code in the message and in LastStatus, Result a success */
export const deniedViaCertnewPage = (hresult: string): string =>
  errorPage({
    disposition: '2',
    dispMessage: `Denied by Policy Module  ${hresult}`,
    result: 'The operation completed successfully. 0x0 (WIN32: 0)',
    lastStatus: `The policy module denied the request. ${hresult}`,
  });

/** certnew.cer for an officer's denial: no code in the message, only in LastStatus */
export const officerDeniedViaCertnewPage = (): string =>
  errorPage({
    disposition: '2',
    dispMessage: 'Denied by CORP\\Administrator',
    result: 'The operation completed successfully. 0x0 (WIN32: 0)',
    lastStatus:
      'The request was denied by a certificate manager or CA administrator. 0x80094014 (-2146877420 CERTSRV_E_ADMIN_DENIED_REQUEST)',
  });

/** a CA-side error (CR_DISP_ERROR) on a new request, with an ASN.1 HRESULT */
export const parsingErrorPage = (): string =>
  errorPage({
    mode: 'newreq',
    intro: NEWREQ_FAILED,
    disposition: '1',
    dispText: 'Error',
    dispMessage: 'Error Parsing Request  ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)',
    result: 'The operation completed successfully. 0x0 (WIN32: 0)',
    lastStatus: 'ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)',
  });

/** Submit raised on the web server (base64 it could not decode): "(never set)", a WIN32 code */
export const submitRaisedPage = (): string =>
  errorPage({
    mode: 'newreq',
    intro: NEWREQ_FAILED,
    disposition: undefined,
    dispMessage: '',
    result: 'The data is invalid. 0x8007000d (WIN32: 13 ERROR_INVALID_DATA)',
    comError: 'CCertRequest::Submit: The data is invalid. 0x8007000d (WIN32: 13 ERROR_INVALID_DATA)',
    lastStatus: 'The operation completed successfully. 0x0 (WIN32: 0)',
  });

/** the same error page on a French CA: translated labels, the same ids and codes */
export const submitRaisedPageFrench = (): string =>
  errorPage({
    title: 'Erreur',
    mode: 'newreq',
    intro: '<P ID=locReqFailed> Votre demande a échoué.\n</P>\r\n',
    disposition: undefined,
    dispMessage: '',
    result: 'Données non valides. 0x8007000d (WIN32: 13 ERROR_INVALID_DATA)',
    labels: {
      mode: 'Mode de requête :',
      disp: 'Décision :',
      msg: 'Message de décision :',
      result: 'Résultat :',
      com: 'Informations d’erreur COM :',
      last: 'Dernier état :',
      cause: 'Cause probable :',
    },
  });

/**
 * certrsdn.asp of newer CAs: the id and the raw disposition message, plain quotes, in
 * <P ID=locInfoReqIDandReason> (KB 283218 wording for the template case).
 */
export function deniedPageReal(reqId: number, message: string, revoked = false): string {
  return wrap(
    'Certificate Request Denied',
    (revoked
      ? '<P ID=locIssRev> Your certificate was issued, and then revoked. </P>\r\n'
      : '<P ID=locDenied> Your certificate request was denied. </P>\r\n') +
      `\n\n<P ID=locInfoReqIDandReason>\n\n\nYour Request Id is ${reqId}. The disposition message is "${message}".\n</P>\r\n` +
      '<P ID=locContactAdmin>Contact your administrator for further information.\n</P>',
  );
}

/** the same page on a French CA: « » quotes around the message */
export function deniedPageRealFrench(reqId: number, message: string): string {
  return wrap(
    'Demande de certificat refusée',
    '<P ID=locDenied> Votre demande de certificat a été refusée. </P>\r\n' +
      `<P ID=locInfoReqIDandReason>\nL’identificateur de votre requête est ${reqId}. Le message de décision est « ${message} ».\n</P>`,
  );
}

/** certrspn.asp after Mode=chkpnd: no request id in prose, only the Remove form's hidden field */
export function chkpndPendingPageReal(reqId: number): string {
  return wrap(
    'Certificate Pending',
    `<P ID=locInfoChkPnd> Your certificate request is still pending. You must wait for an\nadministrator to issue the certificate you requested. </P>\r\n` +
      `<Form Action="certrmpn.asp" Method=Post>\n<Input Type=Hidden Name=Action Value="rmpn">\n<Input Type=Hidden Name=ReqID Value="${reqId}">\n</Form>`,
  );
}

export const certcarcPage = (renewals: number): string =>
  `<HTML><HEAD><Script Language="JavaScript">\r\nvar nRenewals=${renewals};\r\n</Script></HEAD><BODY><P ID=locPageTitle>CA</P></BODY></HTML>`;

export const iis401Page =
  '<html><head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head><body></body></html>';
