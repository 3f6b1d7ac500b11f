import { useEffect, useRef, type ReactNode } from 'react';
import Plotly, { type Config, type Data, type Layout } from 'plotly.js-strict-dist-min';
import './charts.css';

export interface PlotlyFigureProps {
  /** Accessible name of the figure (the metric key for history charts). */
  label: string;
  /** Visible title; defaults to the label. */
  title?: ReactNode;
  data: Data[];
  layout: Partial<Layout>;
  /**
   * The chart's identity. Plotly keeps the user's zoom and pan across updates while it stays the
   * same, so appended points (live runs) do not reset the view.
   */
  uirevision: string;
  height?: number;
  /** File name (without extension) for "Save as PNG/SVG". */
  downloadName: string;
  /** Controls shown at the right of the title bar, before the save buttons. */
  actions?: ReactNode;
  /** A line under the chart (e.g. the density note). */
  caption?: ReactNode;
  className?: string;
}

const CONFIG: Partial<Config> = {
  displaylogo: false,
  responsive: true,
  displayModeBar: 'hover',
  modeBarButtonsToRemove: ['toImage', 'lasso2d', 'select2d', 'sendDataToCloud'],
};

/**
 * One Plotly chart as a named figure. Plotly.react redraws in place (no remount), and after each
 * draw the element records what it drew (`data-traces`, `data-points`, `data-drawn-at`) so tests
 * and the UI benchmark can wait for a real draw instead of sleeping.
 */
export function PlotlyFigure(props: PlotlyFigureProps): ReactNode {
  const { label, title, data, layout, uirevision, height = 260, downloadName, actions, caption, className } = props;
  const plotRef = useRef<HTMLDivElement>(null);
  const figureRef = useRef<HTMLElement>(null);
  const drawnRevision = useRef<string | null>(null);

  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    let cancelled = false;
    const traces = data.length;
    const points = data.reduce((n, t) => n + (Array.isArray((t as { x?: unknown[] }).x) ? (t as { x: unknown[] }).x.length : 0), 0);
    // Fresh axis objects: Plotly writes the user's zoom into the layout it is given, and the
    // callers' memoised layouts must not carry one chart state into the next.
    const next: Partial<Layout> = { ...layout, xaxis: { ...layout.xaxis }, yaxis: { ...layout.yaxis }, uirevision, height, autosize: true };
    if (drawnRevision.current === uirevision) keepUserZoom(el, next);
    drawnRevision.current = uirevision;
    void Plotly.react(el, data, next, CONFIG)
      .then(() => {
        const fig = figureRef.current;
        if (cancelled || !fig) return;
        fig.dataset.traces = String(traces);
        fig.dataset.points = String(points);
        fig.dataset.drawnAt = String(performance.now());
      })
      .catch((e: unknown) => {
        if (!cancelled) console.error(`Chart "${label}" could not be drawn`, e);
      });
    return () => {
      cancelled = true;
    };
  }, [data, layout, uirevision, height, label]);

  // Plotly listens to window resizes only; panels and grids change width on their own.
  useEffect(() => {
    const el = plotRef.current;
    if (!el) return;
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (el.isConnected && (el as unknown as { _fullLayout?: unknown })._fullLayout) Plotly.Plots.resize(el);
      });
    });
    observer.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      Plotly.purge(el);
    };
  }, []);

  const save = (format: 'png' | 'svg') => {
    const el = plotRef.current;
    if (!el) return;
    void Plotly.downloadImage(el, { format, filename: safeFileName(downloadName), width: el.clientWidth || 800, height });
  };

  return (
    <figure ref={figureRef} className={`chart ${className ?? ''}`} role="figure" aria-label={label}>
      <div className="chart-head">
        <span className="chart-title" title={typeof title === 'string' ? title : label}>
          {title ?? label}
        </span>
        <span className="chart-actions">
          {actions}
          <button type="button" className="chart-save" onClick={() => save('png')} aria-label={`Save ${label} as PNG`} title="Save as a PNG image">
            PNG
          </button>
          <button type="button" className="chart-save" onClick={() => save('svg')} aria-label={`Save ${label} as SVG`} title="Save as an SVG image">
            SVG
          </button>
        </span>
      </div>
      <div ref={plotRef} className="chart-plot" style={{ height }} />
      {caption ? <figcaption className="chart-caption">{caption}</figcaption> : null}
    </figure>
  );
}

/**
 * Carries the user's zoom into the next layout while the chart keeps its identity. Plotly's
 * `uirevision` is meant to do this, but with layouts rebuilt on every update it let appended
 * points reset a zoomed axis to autorange; copying the range over is explicit and reliable.
 */
function keepUserZoom(el: HTMLElement, next: Partial<Layout>): void {
  const current = (el as unknown as { layout?: Partial<Layout> }).layout;
  if (!current) return;
  for (const name of ['xaxis', 'yaxis'] as const) {
    const axis = current[name];
    if (axis && axis.autorange === false && Array.isArray(axis.range)) {
      next[name] = { ...next[name], range: [...axis.range] as [number, number], autorange: false };
    }
  }
}

function safeFileName(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart';
}
