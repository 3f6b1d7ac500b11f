import { describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from './wire';
import { eventListenerName } from './contract';

describe('wire encoding', () => {
  it('keeps NaN and infinities, which plain JSON turns into null', () => {
    const value = { metrics: { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 0.5 }, list: [Number.NaN, 1] };
    const back = decodeWire(encodeWire(value)) as typeof value;
    expect(back.metrics.a).toBeNaN();
    expect(back.metrics.b).toBe(Number.POSITIVE_INFINITY);
    expect(back.metrics.c).toBe(Number.NEGATIVE_INFINITY);
    expect(back.metrics.d).toBe(0.5);
    expect(back.list[0]).toBeNaN();
  });
});

describe('event listener names', () => {
  it('derives onXxx names from channels', () => {
    expect(eventListenerName('index:progress')).toBe('onIndexProgress');
    expect(eventListenerName('menu:command')).toBe('onMenuCommand');
  });
});
