// The kiosk's composition root: the same Station the headless station builds (PC/SC, the
// enrollment log, the key store — cli/compose.ts's host pieces run unchanged in Electron's main
// process), except that the certsrv client talks through Electron's net.fetch (FetchTransport):
// Chromium's network stack with the system trust store and proxy, and Windows integrated
// authentication for hosts allowed by --auth-server-whitelist. Basic credentials, when the
// configuration uses them, are added here from the environment variable it names.
// Not run on these build hosts (no Electron binary); FetchTransport itself is tested in Node.
import { readFileSync } from 'node:fs';
import { cliHost } from '../cli/compose.ts';
import { CertsrvClient } from '../core/ca/client.ts';
import { FileRequestLedger } from '../core/ca/ledger.ts';
import { stationPaths, type StationConfig } from '../core/config/config.ts';
import { StationError } from '../core/errors/catalog.ts';
import { fromPem } from '../core/pki/der.ts';
import { Station, type CaConnection } from '../station/index.ts';
import { FetchTransport, type FetchFunction } from './net-transport.ts';

function basicAuthorization(config: StationConfig): string | undefined {
  const a = config.ca.auth;
  if (a.kind !== 'basic') return undefined;
  const password = process.env[a.passwordEnv];
  if (password === undefined || password === '')
    throw new StationError('BAD_INPUT', {
      field: 'ca.auth.passwordEnv',
      problem: 'the CA password is not set',
    });
  return `Basic ${Buffer.from(`${a.username}:${password}`, 'utf8').toString('base64')}`;
}

export function netFetchCa(
  config: StationConfig,
  netFetch: FetchFunction,
  /** the employee's Windows logon signs in (Chromium's integrated authentication): no Basic header */
  options: { readonly integrated?: boolean } = {},
): CaConnection {
  const trustAnchors = fromPem(readFileSync(config.ca.caBundleFile, 'utf8'), 'CERTIFICATE');
  if (trustAnchors.length === 0)
    throw new StationError('BAD_INPUT', {
      field: 'ca.caBundleFile',
      problem: 'no CERTIFICATE in the bundle',
    });
  const authorization = options.integrated === true ? undefined : basicAuthorization(config);
  const fetch: FetchFunction =
    authorization === undefined
      ? netFetch
      : (input, init) =>
          netFetch(input, {
            ...init,
            headers: { ...(init.headers as Record<string, string>), Authorization: authorization },
          });
  const transport = new FetchTransport({ origin: new URL(config.ca.url).origin, fetch });
  const client = new CertsrvClient({
    baseUrl: config.ca.url,
    transport,
    ledger: new FileRequestLedger(stationPaths(config).caLedger),
    submitTimeoutMs: config.ca.submitTimeoutMs,
    clockSkewThresholdMs: config.ca.maxClockSkewSeconds * 1000,
  });
  return { client, trustAnchors, close: () => transport.close() };
}

/** The kiosk's Station: diagnose's Extended Protection probe keeps the Node transport it needs. */
export function kioskComposition(config: StationConfig, netFetch: FetchFunction): Station {
  const host = cliHost(config);
  return new Station({
    ...host,
    connectCa: (options) => {
      // self-enrollment without a typed password: the Windows logon, through net.fetch and the
      // session's integrated-authentication allow-list (integrated-auth.ts, set in main.ts)
      if (options?.as !== undefined && options.as.password === undefined)
        return netFetchCa(config, netFetch, { integrated: true });
      // a typed password (NTLM or Basic as configured) and the Extended Protection probe: the
      // Node transport, which does both itself
      if (options?.as !== undefined || options?.ntlmChannelBinding === 'none') return host.connectCa(options);
      return netFetchCa(config, netFetch);
    },
  });
}
