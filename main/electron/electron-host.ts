import { dialog, type BrowserWindow } from 'electron';
import type { Host } from '../services/service-context.js';
import { RecentProjectsFile } from '../services/recent-projects.js';

/** The desktop app's side of `Host`: native dialogs and the recent-projects file. */
export class ElectronHost implements Host {
  readonly mode = 'electron' as const;
  private readonly recent: RecentProjectsFile;

  constructor(
    dataDir: string,
    private readonly window: () => BrowserWindow | null,
    private readonly onRecentChanged: () => void,
  ) {
    this.recent = new RecentProjectsFile(dataDir);
  }

  async chooseProjectFolder(): Promise<string | null> {
    const options = { title: 'Open Project', properties: ['openDirectory' as const], buttonLabel: 'Open' };
    const parent = this.window();
    const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  }

  async chooseSaveFile(defaultName: string): Promise<string | null> {
    const options = { title: 'Export CSV', defaultPath: defaultName, filters: [{ name: 'CSV', extensions: ['csv'] }] };
    const parent = this.window();
    const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return result.canceled ? null : (result.filePath ?? null);
  }

  recentProjects() {
    return this.recent.list();
  }

  rememberProject(project: Parameters<Host['rememberProject']>[0]): void {
    this.recent.remember(project);
    this.onRecentChanged();
  }

  folderOfRecent(projectId: string): string | null {
    return this.recent.folderOf(projectId);
  }
}
