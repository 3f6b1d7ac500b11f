import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { Data, Layout } from 'plotly.js-strict-dist-min';
import type { RunRow } from '../../../../preload/contract.js';
import { Popover } from '../../components/popover.js';
import { pluralize } from '../../components/format-number.js';
import { baseLayout, useChartTheme } from '../charts/chart-theme.js';
import { naturalCompare } from '../charts/format.js';
import { LazyMount } from '../charts/lazy-mount.js';
import { PlotlyFigure } from '../charts/plotly-figure.js';
import { useCompareStore } from './compare-store.js';
import { allMetricKeys } from './metric-keys.js';
import { buildParcoords, defaultParcoordsParams } from './parallel-coordinates.js';

/** Params against a chosen metric, one line per run coloured by the metric. */
export function ParallelSection({ rows }: { rows: readonly RunRow[] }): ReactNode {
  const pickedMetric = useCompareStore((s) => s.parallelMetric);
  const pickedParams = useCompareStore((s) => s.parallelParams);
  const set = useCompareStore((s) => s.set);
  const theme = useChartTheme();
  const metrics = useMemo(() => allMetricKeys(rows), [rows]);
  const allParams = useMemo(() => [...new Set(rows.flatMap((r) => Object.keys(r.params)))].sort(naturalCompare), [rows]);
  const metric = pickedMetric !== null && metrics.includes(pickedMetric) ? pickedMetric : (metrics[0] ?? null);
  const params = useMemo(() => {
    const kept = pickedParams?.filter((p) => allParams.includes(p));
    return kept && kept.length > 0 ? kept : defaultParcoordsParams(rows);
  }, [pickedParams, allParams, rows]);

  const model = useMemo(() => (metric === null ? null : buildParcoords(rows, params, metric)), [rows, params, metric]);

  const data = useMemo((): Data[] => {
    if (!model || model.runs.length === 0) return [];
    return [
      {
        type: 'parcoords',
        dimensions: model.dimensions,
        line: {
          color: model.colorValues,
          colorscale: 'Viridis',
          showscale: true,
          colorbar: { thickness: 10, tickfont: { color: theme.muted, size: theme.fontSize }, outlinewidth: 0 },
        },
        labelfont: { color: theme.fg, size: theme.fontSize },
        tickfont: { color: theme.muted, size: 10 },
        rangefont: { color: theme.muted, size: 9 },
        labelangle: -12,
      } as unknown as Data,
    ];
  }, [model, theme]);

  const layout = useMemo((): Partial<Layout> => ({ ...baseLayout(theme), margin: { l: 60, r: 40, t: 54, b: 20 } }), [theme]);

  return (
    <section className="cmp-section" aria-labelledby="cmp-parallel-heading">
      <div className="cmp-section-head">
        <h2 id="cmp-parallel-heading">Parallel coordinates</h2>
        <div className="cmp-toolbar">
          <ParamPicker all={allParams} selected={params} onChange={(next) => set('parallelParams', next)} />
          <label className="cmp-select">
            Metric
            <select value={metric ?? ''} onChange={(e) => set('parallelMetric', e.target.value)} disabled={metrics.length === 0}>
              {metrics.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {metric === null ? (
        <p className="cmp-muted">These runs logged no metrics.</p>
      ) : allParams.length === 0 ? (
        <p className="cmp-muted">These runs logged no parameters.</p>
      ) : (
        <LazyMount minHeight={370}>
          <PlotlyFigure
            label="Parallel coordinates plot"
            title={`${params.length} parameters against ${metric}`}
            data={data}
            layout={layout}
            uirevision={`parcoords|${metric}|${params.join('\u0000')}`}
            height={340}
            downloadName={`parallel-coordinates-${metric}`}
            caption={
              model && model.withoutMetric > 0
                ? `${pluralize(model.withoutMetric, 'run')} without a finite value of ${metric} ${model.withoutMetric === 1 ? 'is' : 'are'} not shown.`
                : undefined
            }
          />
        </LazyMount>
      )}
    </section>
  );
}

function ParamPicker({ all, selected, onChange }: { all: readonly string[]; selected: readonly string[]; onChange: (next: string[]) => void }): ReactNode {
  const [open, setOpen] = useState(false);
  const anchor = useRef<HTMLButtonElement>(null);
  const chosen = new Set(selected);
  const toggle = (key: string) => onChange(all.filter((k) => (k === key ? !chosen.has(k) : chosen.has(k))));
  return (
    <>
      <button ref={anchor} type="button" className="cmp-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Parameters ({selected.length} of {all.length}) ▾
      </button>
      <Popover open={open} anchor={anchor} onClose={() => setOpen(false)} label="Parameters to plot" className="cmp-picker">
        <ul className="cmp-picker-list">
          {all.map((key) => (
            <li key={key}>
              <label>
                <input type="checkbox" checked={chosen.has(key)} onChange={() => toggle(key)} />
                <span>{key}</span>
              </label>
            </li>
          ))}
        </ul>
      </Popover>
    </>
  );
}
