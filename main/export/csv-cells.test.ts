import { describe, expect, it } from 'vitest';
import { mlflowUiCell, pandasCell } from './csv-cells.js';

describe('pandasCell (Python csv, QUOTE_MINIMAL, lineterminator "\\n")', () => {
  it('leaves plain values alone', () => {
    expect(pandasCell('abc')).toBe('abc');
    expect(pandasCell('')).toBe('');
    expect(pandasCell(' lead and trail ')).toBe(' lead and trail ');
    expect(pandasCell('tab\there')).toBe('tab\there');
  });

  it('quotes commas, quotes and newlines, doubling quotes', () => {
    expect(pandasCell('a,b')).toBe('"a,b"');
    expect(pandasCell('say "hi"')).toBe('"say ""hi"""');
    expect(pandasCell('"')).toBe('""""');
    expect(pandasCell('line\nbreak')).toBe('"line\nbreak"');
  });

  it('does not quote a lone carriage return, as Python 3.11 does not', () => {
    expect(pandasCell('x\ry')).toBe('x\ry');
  });
});

describe('mlflowUiCell (CsvUtils.ts csvEscape)', () => {
  it('quotes every cell and doubles quotes', () => {
    expect(mlflowUiCell('abc')).toBe('"abc"');
    expect(mlflowUiCell('')).toBe('""');
    expect(mlflowUiCell('a "b", c')).toBe('"a ""b"", c"');
  });

  it('prefixes a quote to cells a spreadsheet would run as a formula', () => {
    expect(mlflowUiCell('=SUM(A1)')).toBe(`"'=SUM(A1)"`);
    expect(mlflowUiCell('+1')).toBe(`"'+1"`);
    expect(mlflowUiCell('-0.5')).toBe(`"'-0.5"`);
    expect(mlflowUiCell('@cmd')).toBe(`"'@cmd"`);
    expect(mlflowUiCell('\tx')).toBe(`"'\tx"`);
    expect(mlflowUiCell('\rx')).toBe(`"'\rx"`);
    expect(mlflowUiCell('a=b')).toBe('"a=b"');
  });

  it('writes null and undefined as an empty unquoted cell', () => {
    expect(mlflowUiCell(undefined)).toBe('');
    expect(mlflowUiCell(null)).toBe('');
  });
});
