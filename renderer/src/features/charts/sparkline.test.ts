import { describe, it, expect } from 'vitest';
import { sparklinePath } from './sparkline.js';

describe('sparklinePath', () => {
  it('is empty without finite points', () => {
    expect(sparklinePath([0, 1], [Number.NaN, Number.NaN], 100, 20, 0)).toEqual({ kind: 'empty' });
  });
  it('draws a single point as a centred dot', () => {
    expect(sparklinePath([3], [0.5], 100, 20, 0)).toEqual({ kind: 'dot', x: 50, y: 10 });
  });
  it('draws points that share one step as a dot', () => {
    expect(sparklinePath([0, 0], [0.2, 0.4], 100, 20, 0)).toEqual({ kind: 'dot', x: 50, y: 0 });
  });
  it('scales steps across the width and puts high values at the top', () => {
    expect(sparklinePath([0, 10], [0, 1], 100, 20, 0)).toEqual({ kind: 'line', d: 'M0.0,20.0L100.0,0.0' });
  });
  it('lifts the pen over NaN', () => {
    const path = sparklinePath([0, 1, 2, 3], [0, Number.NaN, 1, 0], 30, 10, 0);
    expect(path).toEqual({ kind: 'line', d: 'M0.0,10.0M20.0,0.0L30.0,10.0' });
  });
});
