import { describe, expect, it } from 'vitest';
import { pythonFloatRepr } from './python-float.js';

// Expected strings were printed by CPython 3.11's repr(float), the spelling pandas writes for a
// float64 column and MLflow writes into metric files.
const CASES: [number, string][] = [
  [0.1, '0.1'],
  [0.30000000000000004, '0.30000000000000004'],
  [0.3333333333333333, '0.3333333333333333'],
  [1e-05, '1e-05'],
  [0.0001, '0.0001'],
  [0.0001234, '0.0001234'],
  [1000000000000000.0, '1000000000000000.0'],
  [1e+16, '1e+16'],
  [9999999999999998.0, '9999999999999998.0'],
  [1.2345678901234568e+17, '1.2345678901234568e+17'],
  [1.5e+300, '1.5e+300'],
  [-2.5e-300, '-2.5e-300'],
  [5e-324, '5e-324'],
  [1.7976931348623157e+308, '1.7976931348623157e+308'],
  [-1.0, '-1.0'],
  [100.0, '100.0'],
  [9007199254740992.0, '9007199254740992.0'],
  [0.5, '0.5'],
  [12345.678, '12345.678'],
  [-0.0001, '-0.0001'],
  [1e+21, '1e+21'],
  [1e+22, '1e+22'],
  [1.23e-05, '1.23e-05'],
  [-1.989032661366619e+244, '-1.989032661366619e+244'],
  [6.294675241195386e-44, '6.294675241195386e-44'],
  [6.387016158513563e-12, '6.387016158513563e-12'],
  [0.6390613982965708, '0.6390613982965708'],
  [1.1805916207174113e+21, '1.1805916207174113e+21'],
  [1234567.0, '1234567.0'],
  [0.00030000000000000003, '0.00030000000000000003'],
  [-95240.89298036275, '-95240.89298036275'],
  [119544.7721609918, '119544.7721609918'],
  [848421.1680474586, '848421.1680474586'],
  [-68699.8598004533, '-68699.8598004533'],
  [15682.546124542248, '15682.546124542248'],
  [174769.6576997938, '174769.6576997938'],
  [18466034.38548766, '18466034.38548766'],
  [47576323620.88763, '47576323620.88763'],
  [7.929768725199527e-06, '7.929768725199527e-06'],
  [4.465931527569984e-05, '4.465931527569984e-05'],
];

describe('pythonFloatRepr', () => {
  it.each(CASES)('prints %s as Python does', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });

  it('spells the special values as Python', () => {
    expect(pythonFloatRepr(Number.NaN)).toBe('nan');
    expect(pythonFloatRepr(Infinity)).toBe('inf');
    expect(pythonFloatRepr(-Infinity)).toBe('-inf');
    expect(pythonFloatRepr(0)).toBe('0.0');
    expect(pythonFloatRepr(-0)).toBe('-0.0');
  });

  it('switches to exponent form exactly where Python does', () => {
    expect(pythonFloatRepr(0.0001)).toBe('0.0001');
    expect(pythonFloatRepr(0.00009)).toBe('9e-05');
    expect(pythonFloatRepr(9999999999999998)).toBe('9999999999999998.0');
    expect(pythonFloatRepr(1e16)).toBe('1e+16');
  });

  it('round-trips random doubles', () => {
    const view = new DataView(new ArrayBuffer(8));
    let seed = 12345;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      view.setUint32(0, seed);
      seed = (seed * 1103515245 + 12345) >>> 0;
      view.setUint32(4, seed);
      const x = view.getFloat64(0);
      if (!Number.isFinite(x)) continue;
      expect(Number(pythonFloatRepr(x))).toBe(x);
    }
  });
});
