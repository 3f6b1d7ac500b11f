import type { HistoryQuery, MetricSeries } from '../../../../preload/contract.js';

/**
 * Metric histories already fetched for one density, keyed by (run, metric). It decides which
 * `runs:history` requests are still needed when the user picks another metric or a run logs new
 * points, so a chart never refetches what it has, and keeps the old points on screen until the
 * new ones arrive (a live refresh must not blank the chart).
 */
export class HistoryCache {
  private readonly series = new Map<string, MetricSeries>();
  /** Pairs requested (and not invalidated since), with the number of the newest request for each. */
  private readonly requested = new Map<string, number>();
  /** Pairs answered at least once (with a series or with "no such metric"). */
  private readonly answered = new Set<string>();
  private nextRequest = 1;

  constructor(readonly maxPoints: number) {}

  /**
   * The requests that fetch every (run, key) pair not yet asked for, grouped so that runs missing
   * the same keys share one request (a new metric: one request for all runs; a new run: one
   * request for all metrics). Marks them as asked, and numbers them for `store`.
   */
  plan(runKeys: readonly number[], keys: readonly string[]): { id: number; query: HistoryQuery }[] {
    const groups = new Map<string, { runKeys: number[]; keys: string[] }>();
    for (const runKey of runKeys) {
      const missing = keys.filter((key) => !this.requested.has(pairId(runKey, key)));
      if (missing.length === 0) continue;
      const signature = JSON.stringify(missing);
      const group = groups.get(signature) ?? { runKeys: [], keys: missing };
      group.runKeys.push(runKey);
      groups.set(signature, group);
    }
    const requests: { id: number; query: HistoryQuery }[] = [];
    for (const group of groups.values()) {
      const id = this.nextRequest++;
      for (const runKey of group.runKeys) for (const key of group.keys) this.requested.set(pairId(runKey, key), id);
      requests.push({ id, query: { runKeys: group.runKeys, keys: group.keys, maxPoints: this.maxPoints } });
    }
    return requests;
  }

  /** Takes a request's answer; pairs asked again since (a newer request) keep waiting for that one. */
  store(request: { id: number; query: HistoryQuery }, result: readonly MetricSeries[]): void {
    const byPair = new Map(result.map((s) => [pairId(s.runKey, s.key), s]));
    for (const runKey of request.query.runKeys) {
      for (const key of request.query.keys) {
        const id = pairId(runKey, key);
        if (this.requested.get(id) !== request.id) continue;
        this.answered.add(id);
        const s = byPair.get(id);
        if (s) this.series.set(id, s);
        else this.series.delete(id);
      }
    }
  }

  /** A request failed: forget that it was asked, so the next plan asks again. */
  forget(request: { id: number; query: HistoryQuery }): void {
    for (const runKey of request.query.runKeys) {
      for (const key of request.query.keys) {
        const id = pairId(runKey, key);
        if (this.requested.get(id) === request.id) this.requested.delete(id);
      }
    }
  }

  /** These runs changed on disk: fetch them again on the next plan, keeping their points until then. */
  invalidateRuns(runKeys: Iterable<number>): void {
    const stale = new Set(runKeys);
    for (const id of [...this.requested.keys()]) if (stale.has(runOf(id))) this.requested.delete(id);
  }

  /** The cached series of these runs and keys, in run order then key order. */
  select(runKeys: readonly number[], keys: readonly string[]): MetricSeries[] {
    const out: MetricSeries[] = [];
    for (const runKey of runKeys) {
      for (const key of keys) {
        const s = this.series.get(pairId(runKey, key));
        if (s) out.push(s);
      }
    }
    return out;
  }

  /**
   * Whether `key` has been answered for every run at least once: its chart can be drawn. Stays
   * true during live refreshes, so a chart is never replaced by a placeholder once drawn.
   */
  isAnswered(runKeys: readonly number[], key: string): boolean {
    return runKeys.every((runKey) => this.answered.has(pairId(runKey, key)));
  }
}

const pairId = (runKey: number, key: string) => `${runKey}\u0000${key}`;
const runOf = (id: string) => Number(id.slice(0, id.indexOf('\u0000')));
