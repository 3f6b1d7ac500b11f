import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RecentProject } from '../../preload/contract.js';

interface Entry extends RecentProject {
  folder: string;
}

const MAX_RECENT = 12;

/**
 * File > Open Recent: a small JSON file in the app's data folder. The renderer only ever sees
 * project ids; the folder paths stay in main.
 */
export class RecentProjectsFile {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'recent-projects.json');
  }

  list(): RecentProject[] {
    return this.read().map(({ folder: _folder, ...entry }) => entry);
  }

  folderOf(projectId: string): string | null {
    return this.read().find((e) => e.projectId === projectId)?.folder ?? null;
  }

  remember(entry: Entry): void {
    const next = [entry, ...this.read().filter((e) => e.projectId !== entry.projectId)].slice(0, MAX_RECENT);
    mkdirSync(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(next, null, 2));
    renameSync(temp, this.path);
  }

  private read(): Entry[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
    } catch {
      return []; // missing or damaged: start a fresh list rather than failing the menu
    }
  }
}

function isEntry(v: unknown): v is Entry {
  const e = v as Partial<Entry>;
  return typeof e?.projectId === 'string' && typeof e.folder === 'string' && typeof e.name === 'string' && typeof e.openedAt === 'number';
}
