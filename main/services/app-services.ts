import type { EventChannel, Events } from '../../preload/contract.js';
import { openProjectSession } from './project-session.js';
import type { Host, ProjectSession, ServiceContext } from './service-context.js';
import { requireSession } from './service-context.js';
import { basename, resolve } from 'node:path';

export type EventSink = <K extends EventChannel>(channel: K, payload: Events[K]) => void;

export interface AppServicesOptions {
  host: Host;
  dataDir: string;
  /** Command line `--index`: one index file for the served folder. */
  indexPath?: string;
  watch?: boolean;
}

/**
 * The ServiceContext behind every handler, shared by the desktop app and browser mode: holds the
 * open project session and fans events out to whoever listens (IPC to windows, SSE to pages).
 */
export class AppServices implements ServiceContext {
  readonly host: Host;
  private current: ProjectSession | null = null;
  private opening: Promise<ProjectSession> | null = null;
  private readonly sinks = new Set<EventSink>();

  constructor(private readonly options: AppServicesOptions) {
    this.host = options.host;
  }

  onEvent(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<K extends EventChannel>(channel: K, payload: Events[K]): void {
    for (const sink of this.sinks) sink(channel, payload);
  }

  session(): ProjectSession {
    return requireSession(this);
  }

  currentSession(): ProjectSession | null {
    return this.current;
  }

  async openProject(folder: string): Promise<ProjectSession> {
    // Opening twice at once (a double click, a menu and a drop) must not start two indexers.
    while (this.opening) await this.opening.catch(() => undefined);
    // Sessions hold the resolved path; compare like with like so re-opening the open project is a no-op.
    if (this.current?.folder === resolve(folder)) return this.current;
    this.opening = (async () => {
      const previous = this.current;
      this.current = null;
      await previous?.close();
      const session = await openProjectSession({
        folder,
        dataDir: this.options.dataDir,
        indexPath: this.options.indexPath,
        watch: this.options.watch ?? true,
        emit: (channel, payload) => this.emit(channel, payload),
      });
      this.current = session;
      this.host.rememberProject({ projectId: session.projectId, name: basename(folder) || folder, displayPath: folder, openedAt: Date.now(), folder });
      this.emit('project:changed', session.info);
      return session;
    })();
    try {
      return await this.opening;
    } finally {
      this.opening = null;
    }
  }

  async close(): Promise<void> {
    const session = this.current;
    this.current = null;
    await session?.close();
  }
}
