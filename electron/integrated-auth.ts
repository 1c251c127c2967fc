// Windows integrated sign-in for the employee's self-enrollment in the app: the certsrv client
// talks through Electron's net.fetch (net-transport.ts), that is Chromium's network stack, which
// answers an NTLM or Negotiate (Kerberos) challenge with the credentials of the Windows logon —
// but only for servers on its allow-list (Chromium "HTTP authentication": AuthServerAllowlist;
// Electron `session.allowNTLMCredentialsForDomains(domains)`, "a comma-separated list of servers
// for which integrated authentication is enabled"). The list here is exactly the CA's host: no
// wildcard, so the logon's credentials are never offered to any other server the app might reach.
import { StationError } from '../core/errors/catalog.ts';

/** The part of Electron's Session this needs (a plain object in the Node tests). */
export interface IntegratedAuthSession {
  allowNTLMCredentialsForDomains(domains: string): void;
}

/** Host names as Chromium's allow-list matches them: letters, digits, dots and hyphens. */
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The allow-list for one CA URL: its host, lower-case. Refused: anything but https (the logon's
 * response must not travel in the clear), user info in the URL, IP literals (Kerberos needs the
 * host name the CA's SPN is registered under; an address would fall back to NTLM silently), and
 * anything Chromium would read as a pattern (`*`, `,`).
 */
export function integratedAuthServers(caUrl: string): string {
  let url: URL;
  try {
    url = new URL(caUrl);
  } catch {
    throw new StationError('BAD_INPUT', { field: 'ca.url', problem: 'is not a URL' });
  }
  if (url.protocol !== 'https:')
    throw new StationError('BAD_INPUT', { field: 'ca.url', problem: 'integrated sign-in needs https://' });
  if (url.username !== '' || url.password !== '')
    throw new StationError('BAD_INPUT', { field: 'ca.url', problem: 'must not carry user info' });
  const host = url.hostname.toLowerCase();
  if (host.startsWith('[') || /^[0-9.]+$/.test(host))
    throw new StationError('BAD_INPUT', {
      field: 'ca.url',
      problem: 'integrated sign-in needs the CA host name, not an address',
    });
  if (!HOST.test(host))
    throw new StationError('BAD_INPUT', { field: 'ca.url', problem: 'host is malformed' });
  return host;
}

/** Lets Chromium answer the CA's NTLM/Negotiate challenge with the Windows logon; returns the list set. */
export function allowIntegratedAuth(session: IntegratedAuthSession, caUrl: string): string {
  const servers = integratedAuthServers(caUrl);
  session.allowNTLMCredentialsForDomains(servers);
  return servers;
}

/**
 * The fetch options integrated sign-in relies on, checked rather than assumed: Chromium sends the
 * logon's credentials only with credentials 'include', and a redirect followed by fetch could carry
 * the exchange to another server (net-transport.ts never follows one).
 */
export function integratedFetchInit(init: RequestInit): boolean {
  return init.credentials === 'include' && init.redirect === 'manual';
}
