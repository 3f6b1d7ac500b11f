import { describe, expect, it } from 'vitest';
import { applySuggestion, wordStart } from './apply-suggestion.js';

describe('applySuggestion', () => {
  it('replaces what was typed of the word when the suggestion repeats it', () => {
    expect(applySuggestion('metrics.ac', 10, 'metrics.accuracy')).toEqual({ text: 'metrics.accuracy', caret: 16 });
  });

  it('continues the word when the suggestion is only the rest of the key', () => {
    expect(applySuggestion('metrics.ac', 10, 'accuracy')).toEqual({ text: 'metrics.accuracy', caret: 16 });
  });

  it('inserts at the caret after a space or operator', () => {
    expect(applySuggestion('metrics.acc ', 12, '>')).toEqual({ text: 'metrics.acc >', caret: 13 });
    expect(applySuggestion("params.lr = ", 12, "'0.01'")).toEqual({ text: "params.lr = '0.01'", caret: 18 });
  });

  it('replaces a partly typed quoted value', () => {
    expect(applySuggestion("params.opt = 'ad", 16, "'adam'")).toEqual({ text: "params.opt = 'adam'", caret: 19 });
  });

  it('keeps text after the caret', () => {
    expect(applySuggestion('metrics.ac AND params.lr = 1', 10, 'metrics.acc')).toEqual({
      text: 'metrics.acc AND params.lr = 1',
      caret: 11,
    });
  });

  it('is case-insensitive for keywords', () => {
    expect(applySuggestion('metrics.a > 1 an', 16, 'AND')).toEqual({ text: 'metrics.a > 1 AND', caret: 17 });
  });

  it('finds the start of backtick-quoted keys with spaces', () => {
    const filter = 'metrics.`val lo';
    expect(wordStart(filter, filter.length)).toBe(0);
    expect(applySuggestion(filter, filter.length, 'metrics.`val loss`').text).toBe('metrics.`val loss`');
  });
});
