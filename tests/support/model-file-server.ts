import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ModelFileServer {
  origin: string;
  /** Every request: path and Range header. */
  requests: Array<{ path: string; range: string | undefined }>;
  /** The next request for `path` sends only `bytes` bytes of its body, then drops the connection. */
  cutOnce(path: string, bytes: number): void;
  close(): Promise<void>;
}

/**
 * Serves model files over HTTP on 127.0.0.1 the way a model zoo does: Range requests answered with 206, and
 * `/redirect/<path>` answered with a 302 to `/<path>` (GitHub's answer for an LFS file).
 */
export async function startModelFileServer(files: Record<string, Uint8Array>): Promise<ModelFileServer> {
  const requests: ModelFileServer['requests'] = [];
  const cuts = new Map<string, number>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, range: req.headers.range });
    if (path.startsWith('/redirect/')) return void res.writeHead(302, { location: path.slice('/redirect'.length) }).end();
    const body = files[path];
    if (!body) return void res.writeHead(404).end('not found');
    const start = Number(/^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1] ?? 0);
    if (start >= body.length && start > 0) return void res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    const headers = { 'content-length': body.length - start, 'accept-ranges': 'bytes' };
    if (start > 0) res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    else res.writeHead(200, headers);
    const cut = cuts.get(path);
    if (cut !== undefined) {
      cuts.delete(path);
      res.write(body.subarray(start, start + cut), () => setTimeout(() => req.socket.destroy(), 20));
      return;
    }
    res.end(body.subarray(start));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    cutOnce: (path, bytes) => void cuts.set(path, bytes),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
