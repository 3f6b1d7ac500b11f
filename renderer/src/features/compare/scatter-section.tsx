import { useMemo, type ReactNode } from 'react';
import type { Data, Layout } from 'plotly.js-strict-dist-min';
import type { RunRow } from '../../../../preload/contract.js';
import { pluralize } from '../../components/format-number.js';
import { baseLayout, useChartTheme } from '../charts/chart-theme.js';
import { naturalCompare } from '../charts/format.js';
import { LazyMount } from '../charts/lazy-mount.js';
import { PlotlyFigure } from '../charts/plotly-figure.js';
import { columnId, columnLabel, parseColumnId, type ColumnRef } from './column-values.js';
import { useCompareStore } from './compare-store.js';
import { allMetricKeys } from './metric-keys.js';
import { displayName } from '../charts/run-looks.js';
import { buildScatter, categoryOrder } from './scatter.js';
import { defaultParcoordsParams } from './parallel-coordinates.js';

/** Any two columns (params or metrics) against each other, one point per run. */
export function ScatterSection({ rows }: { rows: readonly RunRow[] }): ReactNode {
  const pickedX = useCompareStore((s) => s.scatterX);
  const pickedY = useCompareStore((s) => s.scatterY);
  const set = useCompareStore((s) => s.set);
  const theme = useChartTheme();

  const columns = useMemo((): ColumnRef[] => {
    const params = [...new Set(rows.flatMap((r) => Object.keys(r.params)))].sort(naturalCompare);
    return [...params.map((key) => ({ kind: 'param' as const, key })), ...allMetricKeys(rows).map((key) => ({ kind: 'metric' as const, key }))];
  }, [rows]);
  const ids = useMemo(() => new Set(columns.map(columnId)), [columns]);

  const fallbackX = useMemo((): ColumnRef | null => {
    const varying = defaultParcoordsParams(rows, 1)[0];
    if (varying !== undefined) return { kind: 'param', key: varying };
    return columns[0] ?? null;
  }, [rows, columns]);
  const fallbackY = useMemo((): ColumnRef | null => columns.find((c) => c.kind === 'metric') ?? columns[1] ?? null, [columns]);
  const x = pickedX !== null && ids.has(pickedX) ? parseColumnId(pickedX) : fallbackX;
  const y = pickedY !== null && ids.has(pickedY) ? parseColumnId(pickedY) : fallbackY;

  const model = useMemo(() => (x && y ? buildScatter(rows, x, y, displayName) : null), [rows, x?.kind, x?.key, y?.kind, y?.key]); // eslint-disable-line react-hooks/exhaustive-deps

  const data = useMemo((): Data[] => {
    if (!model || !x || !y) return [];
    return [
      {
        type: 'scatter',
        mode: 'markers',
        x: model.x,
        y: model.y,
        text: model.names,
        marker: { color: model.colors, size: 9, line: { color: theme.panel, width: 1 } },
        hovertemplate: `%{text}<br>${escape(columnLabel(x))} %{x}<br>${escape(columnLabel(y))} %{y}<extra></extra>`,
      },
    ];
  }, [model, x, y, theme]);

  const layout = useMemo((): Partial<Layout> => {
    const base = baseLayout(theme);
    const axis = (ref: ColumnRef | null, type: 'linear' | 'category' | undefined, baseAxis: Partial<Layout['xaxis']> | undefined) => {
      const order = ref && type === 'category' ? categoryOrder(rows, ref) : null;
      return {
        ...baseAxis,
        type,
        title: { ...(baseAxis?.title as object), text: ref ? columnLabel(ref) : '' },
        ...(order ? { categoryorder: 'array', categoryarray: order } : {}),
      };
    };
    return { ...base, xaxis: axis(x, model?.xType, base.xaxis), yaxis: axis(y, model?.yType, base.yaxis) } as Partial<Layout>;
  }, [theme, rows, x, y, model]);

  const picker = (label: string, value: ColumnRef | null, onChange: (id: string) => void) => (
    <label className="cmp-select">
      {label}
      <select value={value ? columnId(value) : ''} onChange={(e) => onChange(e.target.value)}>
        <optgroup label="Parameters">
          {columns
            .filter((c) => c.kind === 'param')
            .map((c) => (
              <option key={columnId(c)} value={columnId(c)}>
                {c.key}
              </option>
            ))}
        </optgroup>
        <optgroup label="Metrics">
          {columns
            .filter((c) => c.kind === 'metric')
            .map((c) => (
              <option key={columnId(c)} value={columnId(c)}>
                {c.key}
              </option>
            ))}
        </optgroup>
      </select>
    </label>
  );

  return (
    <section className="cmp-section" aria-labelledby="cmp-scatter-heading">
      <div className="cmp-section-head">
        <h2 id="cmp-scatter-heading">Scatter plot</h2>
        <div className="cmp-toolbar">
          {picker('X', x, (id) => set('scatterX', id))}
          {picker('Y', y, (id) => set('scatterY', id))}
        </div>
      </div>
      {columns.length === 0 || !x || !y ? (
        <p className="cmp-muted">These runs have no parameters or metrics to plot.</p>
      ) : (
        <LazyMount minHeight={350}>
          <PlotlyFigure
            label="Scatter plot"
            title={`${columnLabel(y)} against ${columnLabel(x)}`}
            data={data}
            layout={layout}
            uirevision={`scatter|${columnId(x)}|${columnId(y)}`}
            height={320}
            downloadName={`scatter-${x.key}-${y.key}`}
            caption={model && model.missing > 0 ? `${pluralize(model.missing, 'run')} without both values ${model.missing === 1 ? 'is' : 'are'} not shown.` : undefined}
          />
        </LazyMount>
      )}
    </section>
  );
}

function escape(text: string): string {
  return text.replace(/%/g, '%%').replace(/</g, '&lt;');
}
