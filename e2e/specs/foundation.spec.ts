import { request as httpRequest } from 'node:http';
import { test, expect } from '../fixtures';

/** A raw request, so the test controls Host and Origin exactly as an attacker's page or a rebinding DNS name would. */
function rawRequest(port: number, path: string, headers: Record<string, string>, method = 'GET', body?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test.describe('browser mode security', () => {
  test('the API refuses a request without the token (401) and one with a foreign Host or Origin (403)', async ({ served }) => {
    const own = `127.0.0.1:${served.port}`;
    const json = { 'content-type': 'application/json' };
    const noToken = await rawRequest(served.port, '/api/invoke/app:info', { host: own, ...json }, 'POST', 'null');
    expect(noToken.status).toBe(401);
    const badToken = await rawRequest(served.port, '/api/invoke/app:info', { host: own, 'x-rundesk-token': 'nope', ...json }, 'POST', 'null');
    expect(badToken.status).toBe(401);
    const foreignHost = await rawRequest(served.port, '/api/invoke/app:info', { host: 'evil.example:80', 'x-rundesk-token': served.token, ...json }, 'POST', 'null');
    expect(foreignHost.status).toBe(403);
    const foreignOrigin = await rawRequest(
      served.port,
      '/api/invoke/app:info',
      { host: own, origin: 'http://evil.example', 'x-rundesk-token': served.token, ...json },
      'POST',
      'null',
    );
    expect(foreignOrigin.status).toBe(403);
    const ok = await rawRequest(served.port, '/api/invoke/app:info', { host: own, 'x-rundesk-token': served.token, ...json }, 'POST', 'null');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { name: 'RunDesk', mode: 'browser' } });
  });

  test('every served page and asset carries the CSP, and nothing outside the build folder is served', async ({ served }) => {
    const own = { host: `127.0.0.1:${served.port}` };
    const index = await rawRequest(served.port, '/', own);
    expect(index.status).toBe(200);
    const scripts = [...index.body.matchAll(/(?:src|href)="\.?(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of ['/', '/index.html', ...scripts]) {
      const res = await rawRequest(served.port, path, own);
      expect(res.status, path).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain('unsafe-eval');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json', '/%00index.html']) {
      const res = await rawRequest(served.port, path, own);
      expect(res.status, path).toBe(404);
    }
  });

  test('the token is taken out of the address bar once the page has it', async ({ app }) => {
    expect(app.url()).not.toContain('token=');
    // The page has no preload bridge in browser mode: it talks HTTP through its own bundle only.
    expect(await app.evaluate(() => typeof (globalThis as { rundesk?: unknown }).rundesk)).toBe('undefined');
  });
});

test.describe('first look', () => {
  test('opening the demo project shows its experiments and runs', async ({ app }) => {
    const experiments = app.getByRole('list', { name: 'Experiments' }).or(app.getByRole('listbox', { name: 'Experiments' }));
    await expect(experiments).toBeVisible();
    await expect(experiments.getByText('Default', { exact: false }).first()).toBeVisible();
    const grid = app.getByRole('grid', { name: 'Runs' });
    await expect(grid).toBeVisible();
    await expect(grid.getByRole('row').nth(1)).toBeVisible();
  });
});
