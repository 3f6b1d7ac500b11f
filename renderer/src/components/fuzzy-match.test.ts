import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch, highlightSegments } from './fuzzy-match.js';

describe('fuzzyMatch', () => {
  it('matches characters in order, reporting their positions', () => {
    expect(fuzzyMatch('wq', '/wine-quality')?.positions).toEqual([1, 6]);
    expect(fuzzyMatch('qw', '/wine-quality')).toBeNull();
  });

  it('ignores case and matches everything on an empty query', () => {
    expect(fuzzyMatch('MLP', 'MLPVanilla')).not.toBeNull();
    expect(fuzzyMatch('', 'anything')).toEqual({ score: 0, positions: [] });
  });

  it('ranks substrings and word starts first', () => {
    const ranked = fuzzyFilter(['val_acc_mean', 'accuracy', 'a_c_c'], 'acc', (s) => s).map((r) => r.item);
    expect(ranked[0]).toBe('accuracy');
    expect(ranked).toContain('a_c_c');
  });

  it('keeps the original order when the query is empty', () => {
    expect(fuzzyFilter(['b', 'a', 'c'], '', (s) => s).map((r) => r.item)).toEqual(['b', 'a', 'c']);
  });
});

describe('highlightSegments', () => {
  it('splits text into marked and plain runs', () => {
    expect(highlightSegments('wine', [0, 1])).toEqual([
      { text: 'wi', match: true },
      { text: 'ne', match: false },
    ]);
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', match: false }]);
  });
});
