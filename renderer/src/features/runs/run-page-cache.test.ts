import { describe, expect, it } from 'vitest';
import type { RunPage } from '../../../../preload/contract.js';
import { RunPageCache } from './run-page-cache.js';
import { testRun } from '../../testing/test-run.js';

/** A fake index of `total` runs that records requests and answers when told to. */
function fakeIndex(total: number) {
  const requests: { offset: number; limit: number; resolve: () => void; reject: (e: Error) => void }[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<RunPage>((resolve, reject) => {
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => testRun(offset + i));
      requests.push({ offset, limit, resolve: () => resolve({ rows, total }), reject });
    });
  return { fetch, requests };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('RunPageCache', () => {
  it('fetches the first page, then knows the total', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    cache.want(0, 30);
    await tick();
    expect(index.requests.map((r) => r.offset)).toEqual([0]);
    index.requests[0]!.resolve();
    await tick();
    expect(cache.total).toBe(1000);
    expect(cache.settled).toBe(true);
    expect(cache.row(5)?.runKey).toBe(5);
    expect(cache.row(150)).toBeUndefined();
  });

  it('asks only for the pages on screen, nearest first, a few at a time', async () => {
    const index = fakeIndex(100_000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100, maxInFlight: 2 });
    cache.want(0, 10);
    await tick();
    index.requests[0]!.resolve();
    await tick();
    // Jump far down: pages 500..502 are on screen; page 501 is the centre.
    cache.want(50_050, 50_250);
    await tick();
    expect(index.requests.slice(1).map((r) => r.offset / 100)).toEqual([501, 500]);
    index.requests[1]!.resolve();
    await tick();
    await tick();
    expect(index.requests.slice(1).map((r) => r.offset / 100)).toEqual([501, 500, 502]);
  });

  it('never requests a page twice while it is in flight, and notifies listeners', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    let notified = 0;
    cache.subscribe(() => notified++);
    cache.want(0, 50);
    cache.want(0, 60);
    await tick();
    expect(index.requests).toHaveLength(1);
    index.requests[0]!.resolve();
    await tick();
    expect(notified).toBe(1);
    expect(cache.version).toBe(1);
  });

  it('keeps the error of a failed page and does not retry it in a loop', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    cache.want(0, 50);
    await tick();
    index.requests[0]!.reject(new Error('Not built yet'));
    await tick();
    expect((cache.error as Error).message).toBe('Not built yet');
    expect(cache.settled).toBe(true);
    cache.want(0, 50);
    await tick();
    expect(index.requests).toHaveLength(1);
  });

  it('re-reads the pages on screen on refresh, keeping rows visible meanwhile', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    cache.want(0, 50);
    await tick();
    index.requests[0]!.resolve();
    await tick();
    cache.refresh();
    await tick();
    expect(cache.row(3)?.runKey).toBe(3);
    expect(index.requests.map((r) => r.offset)).toEqual([0, 0]);
  });

  it('ignores answers that arrive after a refresh started', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    cache.want(0, 50);
    await tick();
    cache.refresh();
    await tick();
    index.requests[0]!.resolve();
    await tick();
    expect(cache.total).toBeNull();
    index.requests[1]!.resolve();
    await tick();
    expect(cache.total).toBe(1000);
  });

  it('drops the pages farthest from the screen beyond its budget', async () => {
    const index = fakeIndex(10_000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100, maxPages: 2, maxInFlight: 5 });
    for (const start of [0, 1000, 2000]) {
      cache.want(start, start + 10);
      await tick();
      index.requests.at(-1)!.resolve();
      await tick();
    }
    expect(cache.row(2005)).toBeDefined();
    expect(cache.row(5)).toBeUndefined();
    expect(cache.loadedRows()).toHaveLength(200);
  });

  it('loads the pages a Shift+click range needs', async () => {
    const index = fakeIndex(1000);
    const cache = new RunPageCache(index.fetch, { pageSize: 100 });
    const done = cache.ensure([150, 420]);
    await tick();
    expect(index.requests.map((r) => r.offset).sort()).toEqual([100, 400]);
    for (const r of index.requests) r.resolve();
    await done;
    expect(cache.row(420)?.runKey).toBe(420);
  });
});
