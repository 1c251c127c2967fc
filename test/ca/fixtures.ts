// certsrv result pages reproduced from the markup documented in /work/shared/docs/certsrv.md §3
// (element ids, anchors, the disposition <DL>, localised pending captures). Not copies of
// Microsoft's files: only the documented markers and texts, wrapped in minimal HTML.

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

/** certrser.asp with the advanced-info <DL> (also what certnew.cer returns for a request not issued) */
export function errorPage(o: {
  mode?: string;
  disposition: string;
  dispText: string;
  dispMessage: string;
  result: string;
}): string {
  return wrap(
    'Error',
    `<P ID=locReqFailed> Your request failed. An error occurred while the server was processing your request. </P>\r\n` +
      `<DL>\r\n` +
      `<DT><LocID ID=locModeLabel><B>Request Mode:</B></LocID></DT><DD>\t\t${o.mode ?? 'newreq - New Request'}</DD>\r\n` +
      `<DT><LocID ID=locDispLabel><B>Disposition:</B></LocID></DT><DD>\n\t\t${o.disposition} <LocID ID=locDispSpacer>-</LocID> ${o.dispText}</DD>\r\n` +
      `<DT><LocID ID=locDispMsgLabel><B>Disposition message:</B></LocID></DT><DD>\t\t${o.dispMessage}</DD>\r\n` +
      `<DT><LocID ID=locResultLabel><B>Result:</B></LocID></DT><DD>\t\t${o.result}</DD>\r\n` +
      `<DT><B>COM Error Info:</B></DT><DD>\t\tCCertRequest::Submit</DD>\r\n` +
      `</DL>`,
  );
}

export const unknownReqIdPage = (): string =>
  errorPage({
    mode: 'certnew.cer/certnew.p7b/certcrl.crl certificate/crl fetch',
    disposition: '0',
    dispText: '(unknown)',
    dispMessage: '(none)',
    result: 'The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)',
  });

export const takenUnderSubmissionPage = (): string =>
  errorPage({
    mode: 'certnew.cer/certnew.p7b/certcrl.crl certificate/crl fetch',
    disposition: '5',
    dispText: 'Under Submission',
    dispMessage: 'Taken Under Submission',
    result: 'The operation completed successfully. 0x0 (WIN32: 0 ERROR_SUCCESS)',
  });

export const deniedViaCertnewPage = (hresult: string): string =>
  errorPage({
    mode: 'certnew.cer/certnew.p7b/certcrl.crl certificate/crl fetch',
    disposition: '2',
    dispText: 'Denied',
    dispMessage: `Denied by Policy Module  ${hresult}`,
    result: `The operation completed successfully. 0x0 (WIN32: 0 ERROR_SUCCESS)`,
  });

export const parsingErrorPage = (): string =>
  errorPage({
    disposition: '1',
    dispText: 'Error',
    dispMessage: 'Error Parsing Request  ASN1 bad tag value met. 0x8009310b (ASN: 267)',
    result: 'ASN1 bad tag value met. 0x8009310b (ASN: 267)',
  });

export const certcarcPage = (renewals: number): string =>
  `<HTML><HEAD><Script Language="JavaScript">\r\nvar nRenewals=${renewals};\r\n</Script></HEAD><BODY><P ID=locPageTitle>CA</P></BODY></HTML>`;

export const iis401Page =
  '<html><head><title>401 - Unauthorized: Access is denied due to invalid credentials.</title></head><body></body></html>';
