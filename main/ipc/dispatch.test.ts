import { describe, expect, it, vi } from 'vitest';
import type { Handlers, ServiceContext } from '../services/service-context.js';
import { AppError } from '../services/app-error.js';
import { dispatch } from './dispatch.js';
import { INVOKE_CHANNELS } from '../../preload/contract.js';
import { VALIDATORS } from './validators.js';

const ctx = {} as ServiceContext;

function handlers(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? (() => 'default'),
  });
}

const query = { experimentKeys: [1], filter: '', orderBy: [], view: 'active', offset: 0, limit: 50 };

describe('dispatch', () => {
  it('validates the argument against the contract before calling the handler', async () => {
    const runsList = vi.fn(() => ({ rows: [], total: 0 }));
    const h = handlers({ 'runs:list': runsList });
    expect(await dispatch(h, ctx, 'runs:list', query)).toEqual({ ok: true, value: { rows: [], total: 0 } });
    for (const bad of [null, { ...query, limit: -1 }, { ...query, view: 'everything' }, { ...query, extra: 1 }, { ...query, experimentKeys: ['1'] }]) {
      const result = await dispatch(h, ctx, 'runs:list', bad);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_REQUEST');
    }
    expect(runsList).toHaveBeenCalledTimes(1);
  });

  it('rejects channels that are not in the contract', async () => {
    const result = await dispatch(handlers({}), ctx, 'fs:readFile', '/etc/passwd');
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('returns expected failures as values and hides internal errors', async () => {
    const log = vi.fn();
    const h = handlers({
      'runs:get': () => {
        throw new AppError('NOT_FOUND', 'That run no longer exists.');
      },
      'runs:columns': () => {
        throw new Error('SQLITE_BUSY at /home/me/secret/path');
      },
    });
    expect(await dispatch(h, ctx, 'runs:get', 3, log)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'That run no longer exists.' } });
    const internal = await dispatch(h, ctx, 'runs:columns', [1], log);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(log).toHaveBeenCalledTimes(1);
  });

  it('has a validator for every channel', () => {
    expect(Object.keys(VALIDATORS).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('validates registry edits by kind', async () => {
    const h = handlers({ 'registry:edit': (_c, edit) => edit as never });
    const good = { kind: 'transition', model: { storeId: 1, name: 'm', version: 2 }, stage: 'Production', archiveExisting: true };
    expect(await dispatch(h, ctx, 'registry:edit', good)).toEqual({ ok: true, value: good });
    const badStage = await dispatch(h, ctx, 'registry:edit', { ...good, stage: 'production' });
    expect(badStage).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const badKind = await dispatch(h, ctx, 'registry:edit', { ...good, kind: 'delete-model' });
    expect(badKind).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
