/**
 * One port on 127.0.0.1 that answers both HTTPS and plain HTTP (the first byte of a TLS
 * connection is 0x16): the same host and port under two schemes, as `https://host/` and
 * `http://host/` share npm's credential key (`//host/`). Certificate: test/fixtures/tls.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './cli.js';

const TLS = join(REPO_ROOT, 'test', 'fixtures', 'tls');

export interface SeenRequest {
  scheme: 'http' | 'https';
  path: string;
  authorization: string | undefined;
}

export interface DualProtocolServer {
  /** `//127.0.0.1:<port>/`: prefix it with `https:` or `http:`. */
  authority: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

export type DualHandler = (scheme: 'http' | 'https', request: http.IncomingMessage, response: http.ServerResponse) => void;

export async function startDualProtocolServer(handler: DualHandler): Promise<DualProtocolServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  const serve = (scheme: 'http' | 'https') => (request: http.IncomingMessage, response: http.ServerResponse) => {
    requests.push({ scheme, path: request.url ?? '', authorization: request.headers.authorization });
    handler(scheme, request, response);
  };
  const plain = http.createServer(serve('http'));
  const secure = https.createServer({ key: readFileSync(join(TLS, 'localhost-key.pem')), cert: readFileSync(join(TLS, 'localhost-cert.pem')) }, serve('https'));
  const front = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Peek at the first byte, put it back, and hand the socket to the server for its scheme.
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) return void socket.destroy();
      socket.unshift(first);
      (first[0] === 0x16 ? secure : plain).emit('connection', socket);
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as net.AddressInfo;
  return {
    authority: `//127.0.0.1:${port}/`,
    requests,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
