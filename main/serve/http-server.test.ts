import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel, Events } from '../../preload/contract.js';
import { decodeWire } from '../../preload/wire.js';
import type { EventSink } from '../services/app-services.js';
import type { Handlers, ServiceContext } from '../services/service-context.js';
import { BrowserHost } from './browser-host.js';
import { startHttpServer, type RunningServer } from './http-server.js';

const work = mkdtempSync(join(tmpdir(), 'rundesk-http-'));
const staticRoot = join(work, 'renderer');
mkdirSync(join(staticRoot, 'assets'), { recursive: true });
writeFileSync(join(staticRoot, 'index.html'), '<!doctype html><script src="/assets/app.js"></script>');
writeFileSync(join(staticRoot, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(work, 'secret.txt'), 'do not serve');

const sinks = new Set<EventSink>();
const host = new BrowserHost(work, join(work, 'data'));
const services = {
  host,
  onEvent: (sink: EventSink) => (sinks.add(sink), () => sinks.delete(sink)),
  emit<K extends EventChannel>(channel: K, payload: Events[K]) {
    for (const s of sinks) s(channel, payload);
  },
  currentSession: () => null,
} as unknown as ServiceContext & { onEvent(sink: EventSink): () => void; emit: ServiceContext['emit'] };

const handlers = new Proxy({} as Handlers, {
  get: (_t, channel: string) => () => (channel === 'app:info' ? { name: 'RunDesk', version: 't', mode: 'browser', platform: 'linux' } : { nan: Number.NaN }),
});

let server: RunningServer;
beforeAll(async () => {
  server = await startHttpServer({ services, host, handlers, staticRoot, port: 0, token: 'secret-token' });
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

function req(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const r = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    r.on('error', reject);
    if (options.body) r.write(options.body);
    r.end();
  });
}

const invoke = (channel: string, headers: Record<string, string> = {}) =>
  req(`/api/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: 'null' });

describe('browser mode HTTP server', () => {
  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=secret-token`);
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('answers invokes with the token, keeping NaN', async () => {
    const res = await invoke('runs:get', { 'x-rundesk-token': 'secret-token' });
    expect(res.status).toBe(200);
    // runs:get wants a run key: the validator refuses null before any handler runs.
    expect(decodeWire(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const info = await invoke('app:info', { 'x-rundesk-token': 'secret-token' });
    expect(decodeWire(info.body)).toMatchObject({ ok: true, value: { name: 'RunDesk' } });
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await invoke('app:info')).status).toBe(401);
    expect((await invoke('app:info', { 'x-rundesk-token': 'secret-tokeN' })).status).toBe(401);
    expect((await req('/api/events')).status).toBe(401);
  });

  it('refuses a foreign Host or Origin with 403, even with the token', async () => {
    expect((await invoke('app:info', { 'x-rundesk-token': 'secret-token', host: 'attacker.example' })).status).toBe(403);
    expect((await invoke('app:info', { 'x-rundesk-token': 'secret-token', origin: 'http://attacker.example' })).status).toBe(403);
    expect((await req('/', { headers: { host: `evil.localhost:${server.port}` } })).status).toBe(403);
  });

  it('serves the build folder with the CSP on every response, and nothing outside it', async () => {
    for (const path of ['/', '/assets/app.js']) {
      const res = await req(path);
      expect(res.status).toBe(200);
      expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
      expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
    }
    expect((await req('/../secret.txt')).status).toBe(404);
    expect((await req('/%2e%2e/secret.txt')).status).toBe(404);
    expect(String((await req('/nope')).headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('streams events over SSE to token holders', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const r = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/api/events?token=secret-token', headers: { host: `127.0.0.1:${server.port}` } },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes(': connected')) services.emit('runs:changed', { runKeys: [7], structural: false });
            if (text.includes('event: runs:changed')) {
              r.destroy();
              resolve(text);
            }
          });
        },
      );
      r.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      r.end();
    });
    expect(received).toContain('data: {"runKeys":[7],"structural":false}');
  });

  it('serves registered downloads only', async () => {
    const file = join(work, 'export.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const url = host.offerDownload(file, 'runs.csv');
    const res = await req(`${url}?token=secret-token`);
    expect(res.status).toBe(200);
    expect(res.body).toBe('a,b\n1,2\n');
    expect(String(res.headers['content-disposition'])).toContain('runs.csv');
    expect((await req('/api/download/unknown?token=secret-token')).status).toBe(404);
  });
});
