import { createHash } from 'node:crypto';
import { sep } from 'node:path';
import { listExperimentDirsSync, listRunDirNamesSync, META_FILE, type ExperimentDir } from '../stores/file-store/layout.js';
import { fileSig } from '../stores/file-store/run-reader.js';

/** An experiment folder as a pass sees it before reading anything: its run folders and their meta.yaml signatures. */
export interface ListedExperiment extends ExperimentDir {
  runNames: string[];
  /** fileSig of each run folder's meta.yaml, in the order of runNames (null: no meta.yaml). */
  metaSigs: (string | null)[];
  /** Listing problems (an unreadable folder, a name that is not UTF-8), reported by the pass. */
  problems: [string, string][];
  /** runsDigest of the above: equal to experiments.runs_digest when no run folder changed. */
  digest: string;
}

/** Stats between two yields of the listing: ~20,000 stats are ~0.1 s. */
const STATS_PER_YIELD = 20_000;

/**
 * Lists the experiments of a store root and stats each run's meta.yaml, yielding now and then so a
 * worker stays responsive (~0.5 s for 100,000 runs). Root-level problems go to `reportRoot`.
 */
export function* listExperiments(
  root: string,
  inScope: (dir: string) => boolean,
  reportRoot: (path: string, reason: string) => void,
): Generator<void, ListedExperiment[], void> {
  const listed: ListedExperiment[] = [];
  let stats = 0;
  for (const exp of listExperimentDirsSync(root, reportRoot)) {
    if (!inScope(exp.dir)) continue;
    const problems: [string, string][] = [];
    const runNames = listRunDirNamesSync(exp.dir, (path, reason) => problems.push([path, reason]));
    const metaSigs = new Array<string | null>(runNames.length);
    // Plain concatenation: names come from readdir (no separators, no dots to normalise), and
    // path.join was measurable over 100,000 runs.
    const prefix = exp.dir + sep;
    const suffix = sep + META_FILE;
    for (let i = 0; i < runNames.length; i++) metaSigs[i] = fileSig(prefix + runNames[i] + suffix);
    listed.push({ ...exp, runNames, metaSigs, problems, digest: runsDigest(exp.dir, runNames, metaSigs) });
    stats += runNames.length;
    if (stats >= STATS_PER_YIELD) {
      stats = 0;
      yield;
    }
  }
  return listed;
}

/**
 * A hash of an experiment folder's path, run folder names and meta.yaml signatures. The path is in
 * it because run rows remember their folder: an experiment moved into .trash must be re-read even
 * though nothing in it changed. readdir's order is part of it too; a file system that reorders an
 * unchanged folder only costs a full comparison.
 */
export function runsDigest(dir: string, names: readonly string[], sigs: readonly (string | null)[]): string {
  const parts = new Array<string>(names.length * 2 + 1);
  // Version first: a change to what goes in makes every stored digest differ.
  parts[0] = `v1\n${dir}\n`;
  for (let i = 0; i < names.length; i++) {
    parts[2 * i + 1] = names[i]!;
    parts[2 * i + 2] = `\t${sigs[i] ?? '-'}\n`;
  }
  return createHash('sha1').update(parts.join('')).digest('base64');
}
