/**
 * Inserting a search suggestion at the caret. The suggestion's text may repeat what the user has
 * already typed of the current word (`metrics.ac` → `metrics.accuracy`) or continue it
 * (`metrics.ac` → `accuracy`): the longest tail of the current word that the suggestion starts
 * with is replaced, so both read right and nothing is doubled.
 */

const WORD_BREAK = /[\s(),=<>!]/;

export interface Edit {
  text: string;
  caret: number;
}

/** Start of the word being typed at `caret`: inside an open quote or backtick, from that quote. */
export function wordStart(filter: string, caret: number): number {
  const before = filter.slice(0, caret);
  let openQuote = -1;
  let quoteChar = '';
  for (let i = 0; i < before.length; i++) {
    const ch = before[i] as string;
    if (openQuote >= 0) {
      if (ch === quoteChar) openQuote = -1;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      openQuote = i;
      quoteChar = ch;
    }
  }
  let start = caret;
  while (start > 0 && !WORD_BREAK.test(before[start - 1] as string)) start--;
  // A word that contains an open quote (`metrics.\`val lo`) starts before that quote's key prefix.
  if (openQuote >= 0 && openQuote < start) {
    start = openQuote;
    while (start > 0 && !WORD_BREAK.test(before[start - 1] as string)) start--;
  }
  return start;
}

export function applySuggestion(filter: string, caret: number, insert: string): Edit {
  const start = wordStart(filter, caret);
  const word = filter.slice(start, caret).toLowerCase();
  const lowerInsert = insert.toLowerCase();
  let replaceFrom = caret;
  for (let i = 0; i < word.length; i++) {
    if (lowerInsert.startsWith(word.slice(i))) {
      replaceFrom = start + i;
      break;
    }
  }
  // Keep what follows the caret, but not a partial word right after it that the suggestion completes.
  let after = caret;
  while (after < filter.length && !WORD_BREAK.test(filter[after] as string)) after++;
  const tail = filter.slice(caret, after).toLowerCase();
  const replaceTo = tail !== '' && lowerInsert.endsWith(tail) ? after : caret;
  const text = filter.slice(0, replaceFrom) + insert + filter.slice(replaceTo);
  return { text, caret: replaceFrom + insert.length };
}
