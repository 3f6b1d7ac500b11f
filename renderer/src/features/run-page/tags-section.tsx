import { useMemo, type ReactNode } from 'react';
import { naturalCompare } from '../charts/format.js';
import { isSystemTag } from '../compare/differences.js';
import { KeyValueTable } from './key-value-table.js';

/** "Tags": the user's tags, with MLflow's own `mlflow.*` tags collapsed below them. */
export function TagsSection({ tags }: { tags: Record<string, string> }): ReactNode {
  const [user, system] = useMemo(() => {
    const all = Object.entries(tags).sort(([a], [b]) => naturalCompare(a, b));
    return [all.filter(([k]) => !isSystemTag(k)), all.filter(([k]) => isSystemTag(k))];
  }, [tags]);
  return (
    <section className="rp-section" aria-labelledby="rp-tags-heading">
      <div className="rp-section-head">
        <h2 id="rp-tags-heading">Tags</h2>
        <span className="rp-count">{user.length}</span>
      </div>
      {user.length === 0 ? <p className="rp-muted">No tags besides MLflow’s own.</p> : <KeyValueTable entries={user} clamp />}
      {system.length > 0 ? (
        <details className="rp-details">
          <summary>System tags ({system.length})</summary>
          <KeyValueTable entries={system} clamp />
        </details>
      ) : null}
    </section>
  );
}
