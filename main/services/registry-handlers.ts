import type { Handlers, ProjectSession, ServiceContext } from './service-context.js';
import { requireSession } from './service-context.js';
import { RegistryService } from '../registry/registry-service.js';

/**
 * The model registry: views come from the index; edits and undo go straight to the user's store
 * (re-read from disk first, written atomically, recorded in the project's registry history), and
 * then the index is refreshed so every view shows the change.
 */
const service = (session: ProjectSession): RegistryService => new RegistryService(session.db, session.dataDir);

async function afterEdit(ctx: ServiceContext, session: ProjectSession, storeId: number, name: string): Promise<void> {
  try {
    await session.refresh();
  } catch (error) {
    // The edit is written and recorded; a failed re-index must not report it as failed.
    // The watcher (or the next refresh) picks the change up.
    console.error('registry: refreshing the index after an edit failed', error);
  }
  ctx.emit('registry:changed', { storeId, names: [name] });
}

export const registryHandlers: Pick<Handlers, 'registry:models' | 'registry:model' | 'registry:version' | 'registry:edit' | 'registry:undo'> = {
  'registry:models': (ctx, filter) => service(requireSession(ctx)).models(filter),
  'registry:model': (ctx, ref) => service(requireSession(ctx)).model(ref),
  'registry:version': (ctx, ref) => service(requireSession(ctx)).version(ref),
  'registry:edit': async (ctx, edit) => {
    const session = requireSession(ctx);
    const change = service(session).edit(edit);
    await afterEdit(ctx, session, change.storeId, change.modelName);
    return change;
  },
  'registry:undo': async (ctx, changeId) => {
    const session = requireSession(ctx);
    const change = service(session).undo(changeId);
    await afterEdit(ctx, session, change.storeId, change.modelName);
    return change;
  },
};
