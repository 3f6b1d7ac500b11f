import type { ReactNode } from 'react';

/** Where a chart will be, at its size, while its data loads (so the page does not jump). */
export function ChartPlaceholder({ title, height = 260, note = 'Loading…' }: { title: string; height?: number; note?: string }): ReactNode {
  return (
    <div className="chart chart--placeholder" aria-busy="true">
      <div className="chart-head">
        <span className="chart-title">{title}</span>
      </div>
      <div className="chart-plot chart-placeholder-body" style={{ height }}>
        {note}
      </div>
    </div>
  );
}
