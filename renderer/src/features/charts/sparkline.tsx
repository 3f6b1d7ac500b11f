import type { ReactNode } from 'react';

export interface SparklineProps {
  /** Accessible name: the metric key. */
  label: string;
  steps: readonly number[];
  values: readonly number[];
  color: string;
  width?: number;
  height?: number;
}

/**
 * A metric's history as a small inline SVG line. A run page may list hundreds of metrics, and a
 * Plotly instance per row would cost far more than the line it draws. Non-finite values are gaps.
 */
export function Sparkline({ label, steps, values, color, width = 120, height = 26 }: SparklineProps): ReactNode {
  const path = sparklinePath(steps, values, width, height, 2);
  return (
    <svg className="sparkline" role="figure" aria-label={label} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
      {path.kind === 'dot' ? <circle cx={path.x} cy={path.y} r={2} fill={color} /> : null}
      {path.kind === 'line' ? <path d={path.d} fill="none" stroke={color} strokeWidth={1.25} strokeLinejoin="round" /> : null}
    </svg>
  );
}

export type SparkPath = { kind: 'empty' } | { kind: 'dot'; x: number; y: number } | { kind: 'line'; d: string };

/** SVG path data for the points scaled into the box; breaks the line at NaN/±Infinity. */
export function sparklinePath(steps: readonly number[], values: readonly number[], width: number, height: number, pad: number): SparkPath {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && Number.isFinite(steps[i])) idx.push(i);
  if (idx.length === 0) return { kind: 'empty' };
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const i of idx) {
    const x = steps[i]!, y = values[i]!;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const sx = (x: number) => (maxX === minX ? width / 2 : pad + ((x - minX) / (maxX - minX)) * (width - 2 * pad));
  const sy = (y: number) => (maxY === minY ? height / 2 : height - pad - ((y - minY) / (maxY - minY)) * (height - 2 * pad));
  // One point, or several at the same step (nothing to draw a line along): a dot for the last.
  if (idx.length === 1 || minX === maxX) {
    const last = idx[idx.length - 1]!;
    return { kind: 'dot', x: sx(steps[last]!), y: sy(values[last]!) };
  }
  let d = '';
  let penDown = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!, s = steps[i]!;
    if (!Number.isFinite(v) || !Number.isFinite(s)) {
      penDown = false;
      continue;
    }
    d += `${penDown ? 'L' : 'M'}${sx(s).toFixed(1)},${sy(v).toFixed(1)}`;
    penDown = true;
  }
  return { kind: 'line', d };
}
