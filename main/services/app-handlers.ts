import type { IndexProgress, Problem } from '../../preload/contract.js';
import { APP_VERSION } from '../app-version.js';
import { AppError } from './app-error.js';
import { projectRelative } from './project-session.js';
import { requireSession, type Handlers } from './service-context.js';

const IDLE: IndexProgress = { phase: 'ready', filesSeen: 0, runsIndexed: 0, runsTotal: 0, etaMs: 0, problemCount: 0 };

export const appHandlers: Pick<
  Handlers,
  'app:info' | 'project:current' | 'project:open' | 'project:recent' | 'project:openRecent' | 'project:reindex' | 'index:progress' | 'problems:list'
> = {
  'app:info': (ctx) => ({ name: 'RunDesk', version: APP_VERSION, mode: ctx.host.mode, platform: process.platform }),

  'project:current': (ctx) => ctx.currentSession()?.info ?? null,

  'project:open': async (ctx) => {
    const folder = await ctx.host.chooseProjectFolder();
    if (folder === null) return ctx.currentSession()?.info ?? null;
    return (await ctx.openProject(folder)).info;
  },

  'project:recent': (ctx) => ctx.host.recentProjects(),

  'project:openRecent': async (ctx, projectId) => {
    const folder = ctx.host.folderOfRecent(projectId);
    if (folder === null) throw new AppError('NOT_FOUND', 'That project is no longer in the recent list.');
    return (await ctx.openProject(folder)).info;
  },

  'project:reindex': async (ctx) => {
    await requireSession(ctx).refresh({ full: true });
  },

  'index:progress': (ctx) => ctx.currentSession()?.progress() ?? IDLE,

  'problems:list': (ctx) => {
    const session = requireSession(ctx);
    const rows = session.db
      .prepare<[], { problem_id: number; store_id: number | null; path: string; reason: string }>(
        'SELECT problem_id, store_id, path, reason FROM problems ORDER BY path, problem_id',
      )
      .all();
    return rows.map(
      (r): Problem => ({ problemId: r.problem_id, storeId: r.store_id, path: projectRelative(session.folder, r.path), reason: r.reason }),
    );
  },
};
