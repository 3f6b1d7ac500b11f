import type { AppInfo, ExportProgress, IndexProgress, Problem, ProjectInfo, RecentProject } from '../../../preload/contract.js';

/** The open project, the indexer's progress and what it could not read. */
export interface ProjectSlice {
  appInfo: AppInfo | null;
  project: ProjectInfo | null;
  /** `project:current` has answered (null project included): the frame knows what to show. */
  projectChecked: boolean;
  progress: IndexProgress | null;
  /** The problems list, loaded when the user opens it; null until then. */
  problems: Problem[] | null;
  problemsError: string | null;
  recentProjects: RecentProject[];
  /** The bridge itself failed (e.g. `rundesk serve` stopped): shown as a banner. */
  connectionError: string | null;
  /** Last `registry:changed` event, numbered so registry pages can re-read on each one. */
  registryChange: { seq: number; storeId: number; names: string[] } | null;
  /** Last `export:progress` event (the export dialog shows it). */
  exportProgress: ExportProgress | null;
}

export const initialProjectState: ProjectSlice = {
  appInfo: null,
  project: null,
  projectChecked: false,
  progress: null,
  problems: null,
  problemsError: null,
  recentProjects: [],
  connectionError: null,
  registryChange: null,
  exportProgress: null,
};

