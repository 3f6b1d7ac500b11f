import type { Database } from 'better-sqlite3';

/**
 * Indexes for run search at 100,000 runs (measured by `npm run bench:search`; asserted by
 * `main/query/query-plans.test.ts`):
 * - runs_by_stage_start serves the default order (start_time DESC, run_id) of a view across all
 *   experiments, so the first page stops after 100 rows, and counts a view without the table;
 * - runs_by_exp_stage_start does the same within the selected experiments;
 * - runs_by_stage_status counts and finds runs by status (FAILED, RUNNING) without the table;
 * - runs_by_name serves `attributes.run_name = …` and prefix LIKE patterns (`'resnet%'`).
 */
export function up(db: Database): void {
  db.exec(`
    CREATE INDEX runs_by_stage_start ON runs (lifecycle_stage, start_time DESC, run_id);
    CREATE INDEX runs_by_exp_stage_start ON runs (exp_key, lifecycle_stage, start_time DESC, run_id);
    CREATE INDEX runs_by_stage_status ON runs (lifecycle_stage, status);
    CREATE INDEX runs_by_name ON runs (run_name);
  `);
}
