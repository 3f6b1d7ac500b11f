import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BrowserHost } from '../serve/browser-host.js';
import { SHARED_FIXTURES } from '../testing/test-paths.js';
import { AppServices } from './app-services.js';

const work = mkdtempSync(join(tmpdir(), 'rundesk-services-'));
const folder = join(work, 'project');
cpSync(join(SHARED_FIXTURES, 'mlruns-real', 'AbinavRavi__MlFlow-intro'), folder, { recursive: true });
const services = new AppServices({ host: new BrowserHost(folder, join(work, 'data')), dataDir: join(work, 'data'), watch: false });
afterAll(async () => {
  await services.close();
  rmSync(work, { recursive: true, force: true });
});

describe('AppServices.openProject', () => {
  it('re-opening the open project, by any spelling of its path, keeps the same session', async () => {
    const first = await services.openProject(folder);
    const again = await services.openProject(relative(process.cwd(), folder));
    expect(again).toBe(first);
    expect(first.info.stores.map((s) => s.kind)).toEqual(['file']);
  });
});
