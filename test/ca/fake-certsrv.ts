// A local HTTPS server answering like certsrv with the documented pages (fixtures.ts), plus
// misbehaviours (stalls, garbage, huge bodies, redirects) a real network can produce.
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly form: URLSearchParams;
  readonly body: string;
  readonly peerCertificateSubject: string | undefined;
  readonly connectionId: number;
}

export type Handler = (req: FakeRequest, res: ServerResponse) => void;

export interface FakeCertsrv {
  readonly origin: string;
  readonly baseUrl: string;
  readonly requests: FakeRequest[];
  readonly connections: () => number;
  route(method: string, path: string, handler: Handler): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  readonly certPem: string;
  readonly keyPem: string;
  /** ask for (and require) a client certificate signed by these CAs */
  readonly clientCaPem?: string;
}

export async function startFakeCertsrv(options: FakeOptions): Promise<FakeCertsrv> {
  const routes = new Map<string, Handler>();
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  let connectionCount = 0;
  const ids = new WeakMap<Socket, number>();

  const server: Server = createServer(
    {
      cert: options.certPem,
      key: options.keyPem,
      ...(options.clientCaPem
        ? { ca: options.clientCaPem, requestCert: true, rejectUnauthorized: false }
        : {}),
      keepAliveTimeout: 30_000,
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'https://localhost');
        const body = Buffer.concat(chunks).toString('utf8');
        const tlsSocket = req.socket as TLSSocket;
        const peer = options.clientCaPem && tlsSocket.authorized ? tlsSocket.getPeerCertificate() : undefined;
        const fake: FakeRequest = {
          method: req.method ?? 'GET',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          form: new URLSearchParams(body),
          body,
          peerCertificateSubject: peer?.subject?.CN as string | undefined,
          connectionId: ids.get(req.socket) ?? -1,
        };
        requests.push(fake);
        const handler = routes.get(`${fake.method} ${fake.path}`);
        if (!handler) {
          res.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>404</html>');
          return;
        }
        handler(fake, res);
      });
    },
  );
  server.on('secureConnection', (socket: TLSSocket) => {
    connectionCount++;
    ids.set(socket, connectionCount);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `https://localhost:${port}`;
  return {
    origin,
    baseUrl: `${origin}/certsrv/`,
    requests,
    connections: () => connectionCount,
    route(method, path, handler) {
      routes.set(`${method} ${path}`, handler);
    },
    async close() {
      for (const s of sockets) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function html(res: ServerResponse, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...extra }).end(body);
}

export function certificate(res: ServerResponse, der: Uint8Array): void {
  res.writeHead(200, { 'Content-Type': 'application/pkix-cert' }).end(Buffer.from(der));
}
