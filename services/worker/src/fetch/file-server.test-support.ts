import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ServedRequest {
  path: string;
  range: string | undefined;
}

export interface FileServer {
  origin: string;
  /** Every request, in order. */
  requests: ServedRequest[];
  /** The next `count` requests for `path` send only the first `bytes` bytes of their body, then drop the connection. */
  cutAfter(path: string, bytes: number, count?: number): void;
  close(): Promise<void>;
}

/**
 * A local HTTP server for download tests: serves `files` by path with Range support (206 with Content-Range, 416
 * past the end), answers `/redirect/<path>` with a 302 to `/<path>` (as GitHub answers for LFS files), and can
 * drop a connection mid-body.
 */
export async function startFileServer(files: Record<string, Uint8Array>): Promise<FileServer> {
  const requests: ServedRequest[] = [];
  const cuts = new Map<string, { bytes: number; count: number }>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push({ path: url.pathname, range: req.headers.range });
    if (url.pathname.startsWith('/redirect/')) {
      res.writeHead(302, { location: url.pathname.slice('/redirect'.length) }).end();
      return;
    }
    const body = files[url.pathname];
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let start = 0;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      start = Number(range[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'accept-ranges': 'bytes' });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    const cut = cuts.get(url.pathname);
    if (cut && cut.count > 0) {
      cut.count--;
      res.write(body.subarray(start, start + cut.bytes), () => setTimeout(() => req.socket.destroy(), 20));
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
    cutAfter: (path, bytes, count = 1) => void cuts.set(path, { bytes, count }),
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RecordingProxy {
  url: string;
  /** `CONNECT host:port` targets and absolute-form request URLs seen, in order. */
  seen: string[];
  close(): Promise<void>;
}

/** A tiny forward proxy (CONNECT tunnels and plain absolute-form requests) that records what it was asked for. */
export async function startRecordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = connect(Number(target.port) || 80, target.hostname, () => {
      upstream.write(`${req.method} ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: close\r\n${req.headers.range ? `range: ${req.headers.range}\r\n` : ''}\r\n`);
      upstream.pipe(res.socket!);
    });
    upstream.on('error', () => res.writeHead(502).end());
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
    sockets.add(client).add(upstream);
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
