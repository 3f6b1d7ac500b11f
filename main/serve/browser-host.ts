import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type { Host } from '../services/service-context.js';
import { RecentProjectsFile } from '../services/recent-projects.js';

export interface Download {
  filePath: string;
  fileName: string;
}

/**
 * Browser mode serves one folder: "Open Project" answers with it, and files the user saves
 * (CSV exports) are offered as downloads instead of going through a native save dialog.
 */
export class BrowserHost implements Host {
  readonly mode = 'browser' as const;
  readonly downloads = new Map<string, Download>();
  private readonly recent: RecentProjectsFile;

  constructor(
    private readonly folder: string,
    dataDir: string,
  ) {
    this.recent = new RecentProjectsFile(dataDir);
  }

  chooseProjectFolder(): Promise<string | null> {
    return Promise.resolve(this.folder);
  }

  chooseSaveFile(): Promise<string | null> {
    return Promise.resolve(null);
  }

  offerDownload(filePath: string, fileName: string): string {
    const id = randomBytes(12).toString('hex');
    this.downloads.set(id, { filePath, fileName: basename(fileName) });
    return `/api/download/${id}`;
  }

  recentProjects() {
    return this.recent.list();
  }

  rememberProject(project: Parameters<Host['rememberProject']>[0]): void {
    this.recent.remember(project);
  }

  folderOfRecent(projectId: string): string | null {
    // Browser mode shows only the folder it was started on; other recent projects open in the desktop app.
    const folder = this.recent.folderOf(projectId);
    return folder === this.folder ? folder : null;
  }
}
