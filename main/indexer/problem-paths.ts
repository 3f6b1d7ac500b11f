import { sep } from 'node:path';

/** Which problems a pass keeps when it clears a folder's (IndexWriter.clearProblemsUnder). */
export type KeepProblem = (problemPath: string) => boolean;

/** Keeps the problems at or below any of `dirs`. */
export function underAnyOf(dirs: ReadonlySet<string>): KeepProblem {
  return (path) => {
    // Walk up the path's parents; each lookup is O(1).
    let cut = path.length;
    while (cut > 0) {
      if (dirs.has(path.slice(0, cut))) return true;
      cut = path.lastIndexOf(sep, cut - 1);
    }
    return false;
  };
}

/**
 * Keeps the problems at or below the children of `parent` named in `names`: the runs of an
 * experiment folder a pass did not read again, without building a path per run.
 */
export function underChildrenOf(parent: string, names: ReadonlySet<string>): KeepProblem {
  const prefix = parent + sep;
  return (path) => {
    if (!path.startsWith(prefix)) return false;
    const end = path.indexOf(sep, prefix.length);
    return names.has(path.slice(prefix.length, end === -1 ? undefined : end));
  };
}
