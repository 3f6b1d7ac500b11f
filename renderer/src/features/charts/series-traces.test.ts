import { describe, it, expect } from 'vitest';
import type { MetricSeries } from '../../../../preload/contract.js';
import { buildMetricTraces, metricChartKind, WEBGL_THRESHOLD, type RunLook } from './series-traces.js';

const runs = new Map<number, RunLook>([
  [1, { name: 'alpha', color: '#ff0000' }],
  [2, { name: 'beta', color: '#0000ff' }],
]);

function series(runKey: number, values: number[], key = 'loss'): MetricSeries {
  return {
    runKey,
    key,
    steps: values.map((_, i) => i),
    timestamps: values.map((_, i) => 1000 + i),
    values,
    totalPoints: values.length,
  };
}

type Trace = { type: string; y: (number | null)[]; name: string; line: { color: string }; showlegend?: boolean; opacity?: number };
const asTraces = (d: unknown) => d as Trace[];

describe('buildMetricTraces', () => {
  it('draws one trace per run in the run colour and the requested order', () => {
    const traces = asTraces(buildMetricTraces([series(1, [3, 2]), series(2, [4, 1])], runs, [2, 1], { metricKey: 'loss', xAxis: 'step', smoothing: 0 }));
    expect(traces.map((t) => t.name)).toEqual(['beta', 'alpha']);
    expect(traces.map((t) => t.line.color)).toEqual(['#0000ff', '#ff0000']);
  });

  it('ignores other metrics and runs it does not know', () => {
    const traces = buildMetricTraces([series(1, [1], 'acc'), series(9, [1])], runs, [1, 9], { metricKey: 'loss', xAxis: 'step', smoothing: 0 });
    expect(traces).toHaveLength(0);
  });

  it('turns NaN and infinities into gaps', () => {
    const [t] = asTraces(buildMetricTraces([series(1, [1, Number.NaN, Number.POSITIVE_INFINITY, 2])], runs, [1], { metricKey: 'loss', xAxis: 'step', smoothing: 0 }));
    expect(t!.y).toEqual([1, null, null, 2]);
  });

  it('switches every trace of the chart to WebGL past the threshold', () => {
    const long = series(1, Array.from({ length: WEBGL_THRESHOLD + 1 }, (_, i) => i));
    const traces = asTraces(buildMetricTraces([long, series(2, [1, 2])], runs, [1, 2], { metricKey: 'loss', xAxis: 'step', smoothing: 0 }));
    expect(traces.map((t) => t.type)).toEqual(['scattergl', 'scattergl']);
    const short = asTraces(buildMetricTraces([series(2, [1, 2])], runs, [2], { metricKey: 'loss', xAxis: 'step', smoothing: 0 }));
    expect(short[0]!.type).toBe('scatter');
  });

  it('keeps a faint raw line under the smoothed one', () => {
    const traces = asTraces(buildMetricTraces([series(1, [0, 10, 0, 10])], runs, [1], { metricKey: 'loss', xAxis: 'step', smoothing: 0.6 }));
    expect(traces).toHaveLength(2);
    expect(traces[0]!.showlegend).toBe(false);
    expect(traces[0]!.opacity).toBeLessThan(1);
    expect(traces[0]!.y).toEqual([0, 10, 0, 10]);
    expect(traces[1]!.y[3]).toBeLessThan(10);
  });

  it('draws a metric every run logged at one step as one bar per run with its latest value', () => {
    const single = (runKey: number, values: number[]): MetricSeries => ({ ...series(runKey, values), steps: values.map(() => 0), timestamps: values.map(() => 5) });
    const all = [single(1, [0.8, 0.9]), single(2, [0.7])];
    expect(metricChartKind(all, 'loss')).toBe('bars');
    const traces = buildMetricTraces(all, runs, [1, 2], { metricKey: 'loss', xAxis: 'step', smoothing: 0.5 }) as unknown as { type: string; x: string[]; y: number[] }[];
    expect(traces.map((t) => [t.type, t.x[0], t.y[0]])).toEqual([
      ['bar', 'alpha', 0.9],
      ['bar', 'beta', 0.7],
    ]);
  });

  it('keeps lines as soon as any run has two steps', () => {
    expect(metricChartKind([series(1, [1]), series(2, [1, 2])], 'loss')).toBe('lines');
    expect(metricChartKind([], 'loss')).toBe('lines');
  });

  it('draws a history logged entirely at one step over time instead', () => {
    const stepZero = { ...series(1, [3, 2, 1]), steps: [0, 0, 0] };
    expect(metricChartKind([stepZero], 'loss')).toBe('lines-by-time');
  });
});
