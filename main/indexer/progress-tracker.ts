import type { IndexProgress } from '../../preload/contract.js';

/** Counts what a pass has done and turns it into the contract's IndexProgress (with an ETA). */
export class ProgressTracker {
  phase: IndexProgress['phase'] = 'discovering';
  filesSeen = 0;
  runsIndexed = 0;
  runsTotal: number | null = null;
  problemCount = 0;
  message: string | undefined;
  private readonly startedAt: number;
  /** Runs already in the index and unchanged: they count as done but say nothing about speed. */
  private runsSkipped = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.startedAt = now();
  }

  skipRun(): void {
    this.runsIndexed++;
    this.runsSkipped++;
  }

  snapshot(): IndexProgress {
    const p: IndexProgress = {
      phase: this.phase,
      filesSeen: this.filesSeen,
      runsIndexed: this.runsIndexed,
      runsTotal: this.runsTotal,
      etaMs: this.eta(),
      problemCount: this.problemCount,
    };
    if (this.message !== undefined) p.message = this.message;
    return p;
  }

  private eta(): number | null {
    if (this.phase !== 'indexing' || this.runsTotal === null) return this.phase === 'indexing' ? null : 0;
    const read = this.runsIndexed - this.runsSkipped;
    const left = Math.max(0, this.runsTotal - this.runsIndexed);
    if (left === 0) return 0;
    if (read < 20) return null; // too early to say
    const elapsed = this.now() - this.startedAt;
    return Math.round((elapsed / read) * left);
  }
}
