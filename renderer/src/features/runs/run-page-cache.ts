import type { RunPage, RunRow } from '../../../../preload/contract.js';

export type PageFetcher = (offset: number, limit: number) => Promise<RunPage>;

export interface RunPageCacheOptions {
  /** Rows per request. */
  pageSize?: number;
  /** Pages kept in memory; the ones farthest from the viewport are dropped first. */
  maxPages?: number;
  /** Requests in flight at once; when the user scrolls past pages, they are never requested. */
  maxInFlight?: number;
}

/**
 * The rows of one query (experiments + filter + order), fetched from the index in pages by
 * offset as the table scrolls, and cached. The table tells the cache which rows are on screen
 * (`want`); the cache requests only those pages, nearest first, a couple at a time, so a fast
 * scroll through 100,000 rows fetches the pages where the user stops, not every page passed.
 */
export class RunPageCache {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  private readonly pages = new Map<number, RunRow[]>();
  private readonly failed = new Set<number>();
  private inflight = new Map<number, Promise<void>>();
  private wanted = { start: 0, end: 0 };
  private readonly listeners = new Set<() => void>();
  private generation = 0;
  private disposed = false;

  /** Runs matching the query; null until the first page answers. */
  total: number | null = null;
  /** The last failure, shown in place of the rows; cleared by the next success. */
  error: unknown = null;
  /** Bumped on every change, for `useSyncExternalStore`. */
  version = 0;

  constructor(
    private readonly fetchPage: PageFetcher,
    options: RunPageCacheOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = options.maxPages ?? 100;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  row(index: number): RunRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Whether the first page has answered (rows or an error). */
  get settled(): boolean {
    return this.total !== null || this.error !== null;
  }

  /** Rows [start, end) are on screen (with overscan): fetch whatever of them is missing. */
  want(start: number, end: number): void {
    this.wanted = { start: Math.max(0, start), end: Math.max(start, end) };
    this.pump();
  }

  /** Every row held, in index order: what "only columns that differ" looks at. */
  loadedRows(): RunRow[] {
    const rows: RunRow[] = [];
    for (const page of [...this.pages.keys()].sort((a, b) => a - b)) rows.push(...(this.pages.get(page) ?? []));
    return rows;
  }

  /** Loads the pages holding these indices (a Shift+click range over rows not yet seen). */
  async ensure(indices: readonly number[]): Promise<void> {
    const pages = new Set(indices.map((i) => Math.floor(i / this.pageSize)));
    await Promise.all([...pages].filter((p) => !this.pages.has(p)).map((p) => this.load(p, this.generation)));
  }

  /**
   * The runs changed on disk: re-read the pages on screen (rows stay visible meanwhile, no
   * flicker) and forget the others, so they are re-read when scrolled to.
   */
  refresh(): void {
    this.generation += 1;
    this.inflight = new Map();
    this.failed.clear();
    const keep = new Set(this.pagesIn(this.wanted.start, this.wanted.end));
    for (const page of [...this.pages.keys()]) if (!keep.has(page)) this.pages.delete(page);
    const generation = this.generation;
    const toReload = [...keep];
    if (toReload.length === 0) toReload.push(0);
    for (const page of toReload) void this.load(page, generation);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }

  private pagesIn(start: number, end: number): number[] {
    if (end <= start) return [];
    const first = Math.floor(start / this.pageSize);
    const last = Math.floor((end - 1) / this.pageSize);
    const pages: number[] = [];
    for (let p = first; p <= last; p++) pages.push(p);
    return pages;
  }

  private pump(): void {
    if (this.disposed) return;
    const { start, end } = this.wanted;
    const limit = this.total === null ? Math.max(end, 1) : Math.min(end, this.total);
    // Until the first answer we do not know the total: ask for page 0 (or what is on screen) only.
    const candidates = this.pagesIn(start, Math.max(limit, start + 1)).filter(
      (p) => !this.pages.has(p) && !this.inflight.has(p) && !this.failed.has(p),
    );
    const centre = Math.floor((start + end) / 2 / this.pageSize);
    candidates.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre));
    for (const page of candidates) {
      if (this.inflight.size >= this.maxInFlight) break;
      void this.load(page, this.generation);
    }
  }

  private load(page: number, generation: number): Promise<void> {
    const running = this.inflight.get(page);
    if (running) return running;
    // Started on the next microtask so the in-flight entry exists before the request can settle.
    const promise = Promise.resolve().then(() => this.request(page, generation));
    this.inflight.set(page, promise);
    return promise;
  }

  private async request(page: number, generation: number): Promise<void> {
    try {
      const result = await this.fetchPage(page * this.pageSize, this.pageSize);
      if (this.disposed || generation !== this.generation) return;
      this.pages.set(page, result.rows);
      this.total = result.total;
      this.error = null;
      this.evict();
    } catch (error) {
      if (this.disposed || generation !== this.generation) return;
      this.failed.add(page);
      this.error = error;
    } finally {
      if (generation === this.generation) this.inflight.delete(page);
    }
    this.version += 1;
    for (const listener of this.listeners) listener();
    this.pump();
  }

  private evict(): void {
    if (this.pages.size <= this.maxPages) return;
    const centre = Math.floor((this.wanted.start + this.wanted.end) / 2 / this.pageSize);
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const page of byDistance) {
      if (this.pages.size <= this.maxPages) break;
      this.pages.delete(page);
    }
  }
}
