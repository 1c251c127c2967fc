// An HTTP CONNECT proxy for the diagnose tests, in two behaviours a corporate network has: a
// tunnel that relays bytes to the host asked for (what curl and Chromium expect of HTTPS_PROXY),
// and a TLS-inspecting one that answers the CONNECT and then terminates TLS itself with its own
// certificate (as an SSL-inspection firewall does when its root is not in the client's bundle).
import { connect, createServer, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';

export interface ConnectProxy {
  readonly port: number;
  /** the CONNECT targets asked for, in order */
  readonly asked: readonly string[];
  stop(): Promise<void>;
}

export type ProxyBehaviour =
  | { readonly kind: 'tunnel' }
  | { readonly kind: 'intercept'; readonly keyPem: string; readonly certPem: string };

export async function startConnectProxy(behaviour: ProxyBehaviour): Promise<ConnectProxy> {
  const asked: string[] = [];
  const open = new Set<Socket>();
  const server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const line = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const rest = head.subarray(end + 4);
      const m = /^CONNECT (\S+):(\d+) HTTP\/1\.[01]$/.exec(line);
      if (m === null) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      asked.push(`${m[1]}:${m[2]}`);
      if (behaviour.kind === 'intercept') {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const tls = new TLSSocket(client, { isServer: true, key: behaviour.keyPem, cert: behaviour.certPem });
        tls.on('error', () => client.destroy());
        tls.on('data', () => tls.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
        return;
      }
      const upstream = connect({ host: (m[1] ?? '').replace(/^\[|\]$/g, ''), port: Number(m[2]) });
      open.add(upstream);
      upstream.on('close', () => open.delete(upstream));
      upstream.once('connect', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.on('error', () => {
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    asked,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
