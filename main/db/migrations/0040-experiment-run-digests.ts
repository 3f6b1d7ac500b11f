import type { Database } from 'better-sqlite3';

/**
 * Lets a reopen skip the run rows of experiments whose folders did not change.
 *
 * Why: reopening an unchanged store of 100,000 runs loaded every run row to compare its meta.yaml
 * signature, ~25% of the reopen. `experiments.runs_digest` is a hash of what a pass saw in the
 * experiment's folder (its path, each run folder's name and meta.yaml signature), stored only when
 * the index then held exactly that (main/indexer/experiment-listing.ts). A later pass that sees the
 * same digest knows every run row is current without reading them.
 *
 * The triggers clear the digest whenever a run row of the experiment is added, removed or changes
 * what the digest vouches for, whoever writes it (a live update, a cascade delete), so a stale
 * digest can only cost a full comparison, never hide a change. RUNNING runs are re-read on every
 * pass (their metric files grow without meta.yaml changing): `runs_running` finds them without a scan.
 */
export function up(db: Database): void {
  db.exec(`
    ALTER TABLE experiments ADD COLUMN runs_digest TEXT;

    CREATE INDEX runs_running ON runs (exp_key) WHERE status = 'RUNNING';

    CREATE TRIGGER runs_digest_after_insert AFTER INSERT ON runs BEGIN
      UPDATE experiments SET runs_digest = NULL WHERE exp_key = NEW.exp_key AND runs_digest IS NOT NULL;
    END;
    CREATE TRIGGER runs_digest_after_delete AFTER DELETE ON runs BEGIN
      UPDATE experiments SET runs_digest = NULL WHERE exp_key = OLD.exp_key AND runs_digest IS NOT NULL;
    END;
    CREATE TRIGGER runs_digest_after_update AFTER UPDATE OF exp_key, dir_path, meta_sig, status ON runs BEGIN
      UPDATE experiments SET runs_digest = NULL WHERE exp_key IN (OLD.exp_key, NEW.exp_key) AND runs_digest IS NOT NULL;
    END;
  `);
}
