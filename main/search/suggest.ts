import type { SearchSuggestion } from '../../preload/contract.js';
import type { Field } from './ast.js';
import { CANONICAL_PREFIXES, DATASET_FIELDS, RUN_ATTRIBUTE_NAMES, prefixKind, resolveRunField } from './fields.js';
import { Lexer, isKeyword, type Token } from './lexer.js';

/**
 * Completions at the caret. Each suggestion replaces `filter.slice(from, caret)` with `insert`:
 * `from` is where the word being typed starts (the partial name, or the opening quote of a value).
 */
export interface Suggestion extends SearchSuggestion {
  from: number;
}

/** What the index can tell about the selected experiments; the handler backs it with SQL. */
export interface SuggestionSource {
  keys(kind: 'metric' | 'param' | 'tag'): string[];
  /** Most frequent values first. */
  values(field: Field): string[];
}

const MAX_SUGGESTIONS = 50;
const STATUS_VALUES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];
const BARE_KEY = /^[\p{L}\p{N}_]+(?:\.[\p{L}\p{N}_]+)*$/u;

/** `metrics.rmse`, or ``metrics.`f1 score` `` when the key needs quoting. */
export function formatIdentifier(prefix: string, key: string): string {
  if (BARE_KEY.test(key)) return `${prefix}${key}`;
  if (!key.includes('`')) return `${prefix}\`${key}\``;
  return `${prefix}"${key}"`;
}

/** `'value'`, or `"value"` when the value holds a single quote (MLflow has no escapes). */
export function formatValue(value: string): string {
  return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value}'`;
}

function tokensOf(text: string): Token[] | null {
  try {
    const lexer = new Lexer(text);
    const tokens: Token[] = [];
    for (let t = lexer.next(); t.kind !== 'end'; t = lexer.next()) tokens.push(t);
    return tokens;
  } catch {
    return null;
  }
}

function fieldOf(token: Token | undefined): Field | null {
  if (!token) return null;
  try {
    if (token.kind === 'ident') return resolveRunField({ parts: token.parts!, raw: token.raw, start: token.start }, 'filter');
    if (token.kind === 'string' && token.quote === '"') {
      return resolveRunField({ parts: [{ raw: token.raw, text: token.text!, quote: '"' }], raw: token.raw, start: token.start }, 'filter');
    }
  } catch {
    return null;
  }
  return null;
}

function operatorsFor(field: Field): string[] {
  if (field.kind === 'metric') return ['>', '<', '>=', '<=', '=', '!=', 'BETWEEN', 'IN', 'IS NULL'];
  if (field.valueType === 'number') return ['>', '<', '>=', '<=', '=', '!=', 'BETWEEN'];
  const ops = ['=', '!=', 'LIKE', 'ILIKE'];
  if (field.kind === 'param' || field.kind === 'tag') ops.push('IS NULL', 'IS NOT NULL');
  ops.push('IN', 'NOT IN');
  return ops;
}

export function suggest(filter: string, caret: number, source: SuggestionSource): Suggestion[] {
  const at = Math.max(0, Math.min(caret, filter.length));
  const before = filter.slice(0, at);

  // Inside an unclosed quote: complete the value.
  const openValue = /(['"])([^'"]*)$/.exec(before);
  if (openValue && quoteIsOpen(before, openValue.index)) {
    const tokens = tokensOf(before.slice(0, openValue.index)) ?? [];
    return valueSuggestions(tokens, openValue.index, openValue[2]!, source);
  }

  const word = /[\p{L}\p{N}_.`"]*$/u.exec(before)![0];
  const from = at - word.length;
  const tokens = tokensOf(before.slice(0, from));
  if (tokens === null) return [];
  const last = tokens.at(-1);

  // Expecting a name: at the start, after '(' or after AND / OR / NOT.
  if (!last || last.kind === 'lparen' || isKeyword(last, 'AND', 'OR', 'NOT')) {
    return identifierSuggestions(word, from, source, !last || last.kind === 'lparen');
  }
  // After a name: a comparator.
  const field = fieldOf(last);
  if (field && (last.kind === 'ident' || last.kind === 'string')) {
    const beforeName = tokens.at(-2);
    const isName = !beforeName || beforeName.kind === 'lparen' || isKeyword(beforeName, 'AND', 'OR', 'NOT');
    if (isName) return rank(operatorsFor(field).map((op) => ({ insert: op, label: op, kind: 'operator' as const, from })), word);
  }
  if (isKeyword(last, 'IS')) return rank(['NULL', 'NOT NULL'].map((k) => ({ insert: k, label: k, kind: 'keyword' as const, from })), word);
  // After a comparator: a value.
  if (last.kind === 'op' || isKeyword(last, 'LIKE', 'ILIKE')) return valueSuggestions(tokens, from, word, source);
  // After a complete condition: a connective.
  if (last.kind === 'string' || last.kind === 'number' || last.kind === 'rparen' || isKeyword(last, 'NULL')) {
    return rank(['AND', 'OR'].map((k) => ({ insert: k, label: k === 'OR' ? 'OR (RunDesk extension)' : k, kind: 'keyword' as const, from })), word);
  }
  return [];
}

/** True when the quote at `index` opens a string that the text before the caret does not close. */
function quoteIsOpen(before: string, index: number): boolean {
  const head = before.slice(0, index);
  return tokensOf(head) !== null && tokensOf(before) === null;
}

function identifierSuggestions(word: string, from: number, source: SuggestionSource, atStart: boolean): Suggestion[] {
  const dot = word.indexOf('.');
  if (dot > 0) {
    const prefix = word.slice(0, dot + 1);
    const partial = word.slice(dot + 1).replace(/^[`"]/, '');
    const kind = prefixKind(prefix.slice(0, -1).replace(/^`(.*)`$/, '$1'));
    if (!kind) return [];
    const keys =
      kind === 'attribute' ? RUN_ATTRIBUTE_NAMES : kind === 'dataset' ? DATASET_FIELDS : source.keys(kind);
    return rank(
      keys.map((key) => ({ insert: formatIdentifier(prefix, key), label: `${prefix}${key}`, kind: 'key' as const, from })),
      `${prefix}${partial}`,
    );
  }
  const items: Suggestion[] = [
    ...CANONICAL_PREFIXES.map((p) => ({ insert: p, label: p, kind: 'key' as const, from })),
    ...RUN_ATTRIBUTE_NAMES.map((name) => ({ insert: name, label: name, kind: 'key' as const, from })),
  ];
  if (atStart || word === '') items.push({ insert: 'NOT', label: 'NOT (RunDesk extension)', kind: 'keyword', from });
  return rank(items, word);
}


function valueSuggestions(tokens: Token[], from: number, partial: string, source: SuggestionSource): Suggestion[] {
  let i = tokens.length - 1;
  while (i >= 0 && (tokens[i]!.kind === 'op' || isKeyword(tokens[i]!, 'LIKE', 'ILIKE', 'NOT'))) i--;
  const field = fieldOf(tokens[i]);
  if (!field || field.valueType === 'number') return [];
  const values = field.kind === 'attribute' && field.key === 'status' ? STATUS_VALUES : source.values(field);
  const typed = partial.replace(/^['"]/, '');
  return rank(
    values.map((value) => ({ insert: formatValue(value), label: value, kind: 'value' as const, from })),
    typed,
  );
}

/** Prefix matches first (case-insensitive), then substring matches; at most MAX_SUGGESTIONS. */
function rank(items: Suggestion[], typed: string): Suggestion[] {
  const needle = typed.toLowerCase().replace(/[`"]/g, '');
  if (needle === '') return items.slice(0, MAX_SUGGESTIONS);
  const starts: Suggestion[] = [];
  const contains: Suggestion[] = [];
  for (const item of items) {
    const label = item.label.toLowerCase();
    if (label.startsWith(needle)) starts.push(item);
    else if (label.includes(needle)) contains.push(item);
  }
  return [...starts, ...contains].filter((s) => !(s.label.toLowerCase() === needle && s.insert === typed)).slice(0, MAX_SUGGESTIONS);
}

