/**
 * Fuzzy matching for finders (experiments sidebar, command palette, column picker): the query's
 * characters must appear in order; consecutive runs, word starts and an early first match score
 * higher, so "wq" finds "/wine-quality" and "acc" ranks "accuracy" above "val_acc_mean".
 */

export interface FuzzyResult {
  score: number;
  /** Indices of the matched characters in the text, for highlighting. */
  positions: number[];
}

const WORD_BREAK = /[\s_\-./:\\()[\]]/;

export function fuzzyMatch(query: string, text: string): FuzzyResult | null {
  const q = query.trim().toLowerCase();
  if (q === '') return { score: 0, positions: [] };
  const t = text.toLowerCase();

  // A plain substring is the strongest signal: prefer it over scattered matches.
  const substring = t.indexOf(q);
  if (substring >= 0) {
    const positions = Array.from({ length: q.length }, (_, i) => substring + i);
    const atWordStart = substring === 0 || WORD_BREAK.test(t[substring - 1] ?? '');
    return { score: 1000 - substring + (atWordStart ? 200 : 0) + (t.length === q.length ? 500 : 0), positions };
  }

  const positions: number[] = [];
  let score = 0;
  let ti = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === ' ') continue;
    const found = t.indexOf(ch, ti);
    if (found < 0) return null;
    const atWordStart = found === 0 || WORD_BREAK.test(t[found - 1] ?? '');
    score += found === previous + 1 ? 15 : 1;
    if (atWordStart) score += 10;
    score -= Math.min(found - ti, 10) * 0.5;
    positions.push(found);
    previous = found;
    ti = found + 1;
  }
  return { score, positions };
}

/** Items matching the query, best first; ties keep their original order. */
export function fuzzyFilter<T>(items: readonly T[], query: string, textOf: (item: T) => string): { item: T; match: FuzzyResult }[] {
  const results: { item: T; match: FuzzyResult; index: number }[] = [];
  items.forEach((item, index) => {
    const match = fuzzyMatch(query, textOf(item));
    if (match) results.push({ item, match, index });
  });
  if (query.trim() !== '') results.sort((a, b) => b.match.score - a.match.score || a.index - b.index);
  return results.map(({ item, match }) => ({ item, match }));
}

/** Splits text into plain and matched segments for rendering `<mark>`s. */
export function highlightSegments(text: string, positions: readonly number[]): { text: string; match: boolean }[] {
  if (positions.length === 0) return [{ text, match: false }];
  const marked = new Set(positions);
  const segments: { text: string; match: boolean }[] = [];
  for (let i = 0; i < text.length; i++) {
    const match = marked.has(i);
    const last = segments[segments.length - 1];
    if (last && last.match === match) last.text += text[i];
    else segments.push({ text: text[i] ?? '', match });
  }
  return segments;
}
