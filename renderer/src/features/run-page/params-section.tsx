import { useMemo, useState, type ReactNode } from 'react';
import { naturalCompare } from '../charts/format.js';
import { KeyValueTable } from './key-value-table.js';

/** "Parameters": every param, filterable by name or value. */
export function ParamsSection({ params }: { params: Record<string, string> }): ReactNode {
  const [filter, setFilter] = useState('');
  const entries = useMemo(() => Object.entries(params).sort(([a], [b]) => naturalCompare(a, b)), [params]);
  const f = filter.trim().toLowerCase();
  const shown = f ? entries.filter(([k, v]) => k.toLowerCase().includes(f) || v.toLowerCase().includes(f)) : entries;
  return (
    <section className="rp-section" aria-labelledby="rp-params-heading">
      <div className="rp-section-head">
        <h2 id="rp-params-heading">Parameters</h2>
        <span className="rp-count">{f ? `${shown.length} of ${entries.length}` : entries.length}</span>
        {entries.length > 0 ? (
          <input
            className="rp-filter"
            type="search"
            placeholder="Filter parameters"
            aria-label="Filter parameters"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
        ) : null}
      </div>
      {entries.length === 0 ? (
        <p className="rp-muted">No parameters were logged.</p>
      ) : (
        <KeyValueTable entries={shown} emptyRow={<>No parameter matches “{filter}”.</>} />
      )}
    </section>
  );
}
