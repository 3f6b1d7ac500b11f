import { readdirSync, readFileSync, statfsSync, watch, type Dirent, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { META_FILE, REGISTRY_FOLDER, RESERVED_EXPERIMENT_FOLDERS, TRASH_FOLDER } from '../../stores/file-store/layout.js';

/**
 * How a tree is followed:
 * - 'native': one recursive fs.watch per root (FSEvents on macOS, ReadDirectoryChangesW on Windows).
 * - 'inotify': Linux. Node 20's recursive fs.watch is a JS fallback that watches every file and
 *   blocks ~0.5 s per 10k files, so we watch only the folders that matter (a folder watch reports
 *   writes to the files in it), within a budget of inotify watches.
 * - 'polling': nothing is watched (network file system, or no watch could be set); the live
 *   updater's poller re-scans instead.
 */
export type WatchMode = 'native' | 'inotify' | 'polling';

export interface TreeWatcherOptions {
  /** Called with absolute paths that changed (a file, or a folder when the name is unknown). */
  onPaths(paths: string[]): void;
  /** Most inotify watches this watcher may hold (Linux). */
  budget: number;
  /** Force a mode (tests); otherwise chosen per platform and file system. */
  mode?: WatchMode;
}

/** statfs magic numbers of network and FUSE file systems, where inotify sees only local writes. */
const REMOTE_FS_TYPES = new Set([
  0x6969, // NFS
  0x517b, // SMB
  0xff534d42, // CIFS
  0xfe534d42, // SMB2
  0x01021997, // 9P (WSL2 /mnt/c, VM shares)
  0x65735546, // FUSE (sshfs, …)
  0x5346414f, // AFS
  0x73757245, // CODA
  0x47504653, // GPFS
  0x0bd00bd0, // Lustre
]);

/** Whether changes under `path` can be watched by the OS (false on network/FUSE file systems). */
export function isWatchableFileSystem(path: string): boolean {
  if (process.platform === 'win32') return !path.startsWith('\\\\'); // UNC path: a network share
  if (process.platform !== 'linux') return true;
  try {
    return !REMOTE_FS_TYPES.has(Number(statfsSync(path).type) >>> 0);
  } catch {
    return true;
  }
}

/** A share of the per-user inotify limit: other programs (and other RunDesk windows) need some too. */
export function defaultWatchBudget(): number {
  try {
    const max = Number(readFileSync('/proc/sys/fs/inotify/max_user_watches', 'utf8').trim());
    if (Number.isFinite(max) && max > 0) return Math.max(1000, Math.min(60_000, Math.floor(max * 0.3)));
  } catch {
    // not Linux, or /proc unavailable
  }
  return 60_000;
}

/**
 * Which folders of a file store are worth a watch: the store root, .trash, the registry, experiment
 * folders and their tags, run folders and their metrics/params/tags (nested keys included).
 * Never artifacts/, traces/, datasets/, logged models, inputs/outputs (the poller covers those).
 */
export function isWatchedStoreFolder(storeRoot: string, dir: string): boolean {
  if (dir === storeRoot) return true;
  const parts = relative(storeRoot, dir).split(sep);
  if (parts[0] === '..' || parts.length === 0) return false;
  if (parts[0] === REGISTRY_FOLDER) return parts.length <= 8;
  let rest = parts;
  if (parts[0] === TRASH_FOLDER) {
    if (parts.length === 1) return true;
    rest = parts.slice(1);
  }
  if (rest.length === 1) return true; // experiment folder
  const second = rest[1]!;
  if (second === 'tags') return rest.length <= 34;
  if (RESERVED_EXPERIMENT_FOLDERS.has(second) || second === META_FILE) return false;
  if (rest.length === 2) return true; // run folder
  const third = rest[2]!;
  return (third === 'metrics' || third === 'params' || third === 'tags') && rest.length <= 35;
}

export class TreeWatcher {
  readonly mode: WatchMode;
  private readonly watchers = new Map<string, FSWatcher>();
  /** Set once the budget or the OS limit is reached: some folders are left to the poller. */
  exhausted = false;
  limitReason: string | null = null;
  private closed = false;

  constructor(private readonly options: TreeWatcherOptions) {
    this.mode = options.mode ?? (process.platform === 'linux' ? 'inotify' : 'native');
  }

  get watchCount(): number {
    return this.watchers.size;
  }

  /** Native mode: one recursive watch per root. Returns false if the OS refused. */
  watchRecursive(root: string): boolean {
    if (this.closed || this.watchers.has(root)) return true;
    try {
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        this.options.onPaths([name ? join(root, name.toString()) : root]);
      });
      watcher.on('error', () => this.drop(root));
      this.watchers.set(root, watcher);
      return true;
    } catch (error) {
      this.noteLimit(error);
      return false;
    }
  }

  /**
   * inotify mode: watches `dir` (not its sub-folders). Returns false when the budget or the OS
   * limit is reached. `onNewFolder` is asked about folders created later inside it.
   */
  watchDir(dir: string, onNewFolder?: (path: string) => void): boolean {
    if (this.closed) return false;
    if (this.watchers.has(dir)) return true;
    if (this.watchers.size >= this.options.budget) {
      this.noteLimit(null);
      return false;
    }
    try {
      const watcher = watch(dir, { persistent: true }, (event, name) => {
        const path = name ? join(dir, name.toString()) : dir;
        if (event === 'rename' && name) {
          // A new sub-folder must be watched too; a removed one loses its watches.
          onNewFolder?.(path);
          this.dropMissing(path);
        }
        this.options.onPaths([path]);
      });
      watcher.on('error', () => this.drop(dir));
      this.watchers.set(dir, watcher);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return true; // gone already: nothing to watch
      this.noteLimit(error);
      return false;
    }
  }

  /**
   * Watches `dir` and, depth first, every sub-folder `include` accepts. Returns false when the
   * budget ran out part way (the rest is left to the poller).
   */
  watchTree(dir: string, include: (path: string) => boolean, onNewFolder?: (path: string) => void): boolean {
    if (!include(dir)) return true;
    if (!this.watchDir(dir, onNewFolder)) return false;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return true;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue; // symlinked folders are not followed: no loops
      if (!this.watchTree(join(dir, entry.name), include, onNewFolder)) return false;
    }
    return true;
  }

  /** Stops watching `path` and everything below it (it was deleted or moved). */
  unwatchUnder(path: string): void {
    for (const dir of [...this.watchers.keys()]) {
      if (dir === path || dir.startsWith(path + sep)) this.drop(dir);
    }
  }

  close(): void {
    this.closed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private dropMissing(path: string): void {
    if (!this.watchers.has(path)) return;
    try {
      readdirSync(path);
    } catch {
      this.unwatchUnder(path);
    }
  }

  private drop(dir: string): void {
    this.watchers.get(dir)?.close();
    this.watchers.delete(dir);
  }

  private noteLimit(error: unknown): void {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    this.exhausted = true;
    this.limitReason ??=
      code === 'ENOSPC'
        ? 'the system limit of file watches (fs.inotify.max_user_watches) was reached'
        : code === 'EMFILE' || code === 'ENFILE'
          ? 'too many open files to watch every folder'
          : error
            ? `a folder could not be watched (${code ?? (error as Error).message})`
            : `the project has more folders than RunDesk watches (${this.options.budget})`;
  }
}
