import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { HTTP_API_PREFIX, HTTP_DOWNLOAD_PREFIX, HTTP_EVENTS_PATH, TOKEN_HEADER } from '../../preload/contract.js';
import { decodeWire, encodeWire } from '../../preload/wire.js';
import { dispatch } from '../ipc/dispatch.js';
import type { EventSink } from '../services/app-services.js';
import type { Handlers, ServiceContext } from '../services/service-context.js';
import type { BrowserHost } from './browser-host.js';
import { SECURITY_HEADERS } from './security-headers.js';
import { mimeType, resolveStaticFile } from './static-files.js';

export interface HttpServerOptions {
  services: ServiceContext & { onEvent(sink: EventSink): () => void };
  host: BrowserHost;
  handlers: Handlers;
  /** The built renderer (out/renderer): nothing outside it is ever served. */
  staticRoot: string;
  port: number;
  token?: string;
  log?: (error: unknown) => void;
}

export interface RunningServer {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * Browser mode: the renderer and the contract over HTTP, on 127.0.0.1 only.
 * - Every API request needs the per-start token (header, or `?token=` where a browser cannot set headers: SSE, downloads): 401 otherwise.
 * - Host must be our own address and Origin, when sent, our own origin: 403 otherwise (stops DNS rebinding and cross-site requests).
 * - Static files come only from the build folder.
 */
export function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;
  const sseClients = new Set<ServerResponse>();

  const unsubscribe = options.services.onEvent((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${encodeWire(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });
  const heartbeat = setInterval(() => {
    for (const client of sseClients) client.write(': keep-alive\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      options.log?.(error);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error.');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isOwnHost(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: unexpected Host.');
    const origin = req.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: foreign Origin.');

    if (url.pathname.startsWith('/api/')) {
      res.setHeader('cache-control', 'no-store');
      const given = (req.headers[TOKEN_HEADER] as string | undefined) ?? url.searchParams.get('token') ?? '';
      if (!sameToken(given, token)) return send(res, 401, 'text/plain; charset=utf-8', 'Unauthorized: open the URL that `rundesk serve` printed.');
      if (url.pathname.startsWith(HTTP_API_PREFIX)) return invoke(req, res, decodeURIComponent(url.pathname.slice(HTTP_API_PREFIX.length)));
      if (url.pathname === HTTP_EVENTS_PATH) return events(req, res);
      if (url.pathname.startsWith(HTTP_DOWNLOAD_PREFIX)) return download(res, url.pathname.slice(HTTP_DOWNLOAD_PREFIX.length));
      return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    const file = resolveStaticFile(options.staticRoot, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found.');
    res.writeHead(200, { 'content-type': mimeType(file), 'content-length': statSync(file).size, 'cache-control': 'no-cache' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'text/plain; charset=utf-8', 'Expected JSON.');
    const body = await readBody(req);
    if (body === null) return send(res, 413, 'text/plain; charset=utf-8', 'Request too large.');
    let arg: unknown;
    try {
      arg = body.length === 0 ? undefined : decodeWire(body);
    } catch {
      return send(res, 400, 'application/json; charset=utf-8', encodeWire({ ok: false, error: { code: 'BAD_REQUEST', message: 'The request is not valid JSON.' } }));
    }
    const result = await dispatch(options.handlers, options.services, channel, arg === null ? undefined : arg, options.log);
    send(res, 200, 'application/json; charset=utf-8', encodeWire(result));
  }

  function events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    req.on('close', () => sseClients.delete(res));
  }

  function download(res: ServerResponse, id: string): void {
    const entry = options.host.downloads.get(id);
    if (!entry) return send(res, 404, 'text/plain; charset=utf-8', 'That download has expired.');
    const size = statSync(entry.filePath).size;
    res.writeHead(200, {
      'content-type': mimeType(entry.fileName) === 'application/octet-stream' ? 'text/csv; charset=utf-8' : mimeType(entry.fileName),
      'content-length': size,
      'content-disposition': `attachment; filename="${entry.fileName.replace(/["\\\r\n]/g, '_')}"`,
    });
    createReadStream(entry.filePath).pipe(res);
  }

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolvePromise({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            clearInterval(heartbeat);
            for (const client of sseClients) client.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolveBody(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function isOwnOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
