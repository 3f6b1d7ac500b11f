import type { Comparator, ComparisonNode, Field, FilterNode, Operand, ParsedFilter, Scalar } from './ast.js';
import { EXPERIMENT_ATTRIBUTES, RUN_ATTRIBUTES, type FieldResolver, resolveExperimentField, resolveRunField } from './fields.js';
import { Lexer, describeToken, isKeyword, parseError, type Token } from './lexer.js';
import { readPythonList } from './python-list.js';
import { AppError } from '../services/app-error.js';

/**
 * Recursive-descent parser for MLflow's search language plus RunDesk's extensions.
 *
 *   filter     := AND* [or] AND*                 (stray ANDs are ignored, as MLflow ignores them)
 *   or         := and (OR and)*                  OR: extension
 *   and        := unary ((AND+ | ε) unary)*      juxtaposition means AND, as in MLflow
 *   unary      := NOT unary | '(' or ')' | comparison      NOT, parentheses: extensions
 *   comparison := ident comparator operand
 *
 * When a filter does not parse and has no operator, quote, parenthesis or `prefix.`, it is taken as
 * plain text searching names (extension), like the MLflow UI's search box.
 */

const MAX_DEPTH = 64;
/** Each condition is a subquery; past this many a filter is a mistake, not a search. */
const MAX_CONDITIONS = 1000;

export const EXT = {
  or: 'OR',
  parens: 'parentheses',
  not: 'NOT',
  between: 'BETWEEN',
  notLike: 'NOT LIKE / NOT ILIKE',
  text: 'plain-text name search',
  in: (label: string) => `IN on ${label}`,
  isNull: (label: string) => `IS NULL on ${label}`,
} as const;

const COMPARATOR_HINT = '=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL or IS NOT NULL';

class Parser {
  private readonly lexer: Lexer;
  private readonly extensions = new Set<string>();
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly resolve: FieldResolver,
  ) {
    this.lexer = new Lexer(text);
  }

  parse(): ParsedFilter {
    this.skipAnds();
    if (this.lexer.peek().kind === 'end') return { root: null, extensions: [] };
    const root = this.parseOr();
    this.skipAnds();
    const token = this.lexer.peek();
    if (token.kind === 'rparen') throw parseError("Unexpected ')' without a matching '('", token.start);
    if (token.kind !== 'end') throw parseError(`Expected AND or OR before ${describeToken(token)}`, token.start);
    return { root, extensions: [...this.extensions] };
  }

  private skipAnds(): void {
    while (isKeyword(this.lexer.peek(), 'AND')) this.lexer.next();
  }

  private parseOr(): FilterNode {
    const items = [this.parseAnd()];
    while (isKeyword(this.lexer.peek(), 'OR')) {
      this.lexer.next();
      this.extensions.add(EXT.or);
      items.push(this.parseAnd());
    }
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private parseAnd(): FilterNode {
    const items = [this.parseUnary()];
    for (;;) {
      const token = this.lexer.peek();
      if (isKeyword(token, 'AND')) {
        this.skipAnds();
        // A trailing AND at the very end is ignored (MLflow does the same).
        if (this.lexer.peek().kind === 'end') break;
        items.push(this.parseUnary());
      } else if (this.startsTerm(token)) {
        items.push(this.parseUnary());
      } else {
        break;
      }
    }
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private startsTerm(token: Token): boolean {
    if (token.kind === 'lparen') return true;
    if (token.kind === 'string') return token.quote === '"';
    if (token.kind !== 'ident') return false;
    return !isKeyword(token, 'AND', 'OR');
  }

  private parseUnary(): FilterNode {
    if (++this.depth > MAX_DEPTH) throw parseError('This filter nests too deeply', this.lexer.offset());
    try {
      const token = this.lexer.peek();
      if (isKeyword(token, 'NOT')) {
        this.lexer.next();
        this.extensions.add(EXT.not);
        return { type: 'not', item: this.parseUnary() };
      }
      if (token.kind === 'lparen') {
        this.lexer.next();
        this.extensions.add(EXT.parens);
        const inner = this.parseOr();
        const close = this.lexer.peek();
        if (close.kind !== 'rparen') throw parseError(`Expected ')' to close the '(' at position ${token.start}, found ${describeToken(close)}`, close.start);
        this.lexer.next();
        return inner;
      }
      return this.parseComparison();
    } finally {
      this.depth--;
    }
  }

  private conditions = 0;

  private parseComparison(): ComparisonNode {
    const identToken = this.lexer.next();
    if (++this.conditions > MAX_CONDITIONS) throw parseError(`This filter has more than ${MAX_CONDITIONS} conditions`, identToken.start);
    let field: Field;
    if (identToken.kind === 'ident') {
      if (isKeyword(identToken, 'AND', 'OR')) throw parseError(`Expected a condition before ${describeToken(identToken)}`, identToken.start);
      field = this.resolve({ parts: identToken.parts!, raw: identToken.raw, start: identToken.start }, 'filter');
    } else if (identToken.kind === 'string' && identToken.quote === '"') {
      // "run name" = 'x': a double-quoted name is an identifier here, as in MLflow.
      field = this.resolve({ parts: [{ raw: identToken.raw, text: identToken.text!, quote: '"' }], raw: identToken.raw, start: identToken.start }, 'filter');
    } else {
      throw parseError(
        `Expected a name such as metrics.rmse, params.lr, tags.team or status, found ${describeToken(identToken)}`,
        identToken.start,
      );
    }
    const { comparator, at } = this.parseComparator(field, identToken);
    this.check(field, comparator, at);
    const operand = this.parseOperand(field, comparator);
    return { type: 'comparison', field, comparator, operand, start: identToken.start, end: this.lastEnd };
  }

  private lastEnd = 0;

  private parseComparator(field: Field, identToken: Token): { comparator: Comparator; at: number } {
    const token = this.lexer.next();
    const at = token.start;
    if (token.kind === 'op') {
      const ops: Record<string, Comparator> = { '=': '=', '!=': '!=', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };
      const op = ops[token.raw];
      if (op) return { comparator: op, at };
      const hint = token.raw === '<>' ? " (write '!=' for not equal)" : token.raw === '==' ? " (write '=' for equal)" : '';
      throw parseError(`'${token.raw}' is not a comparator${hint}; use ${COMPARATOR_HINT}`, at);
    }
    if (isKeyword(token, 'LIKE', 'ILIKE', 'IN', 'BETWEEN')) return { comparator: token.raw.toUpperCase() as Comparator, at };
    if (isKeyword(token, 'NOT')) {
      const second = this.lexer.next();
      if (isKeyword(second, 'IN', 'LIKE', 'ILIKE', 'BETWEEN')) return { comparator: `NOT ${second.raw.toUpperCase()}` as Comparator, at };
      throw parseError(`Expected IN, LIKE, ILIKE or BETWEEN after NOT, found ${describeToken(second)}`, second.start);
    }
    if (isKeyword(token, 'IS')) {
      let next = this.lexer.next();
      let not = false;
      if (isKeyword(next, 'NOT')) {
        not = true;
        next = this.lexer.next();
      }
      if (!isKeyword(next, 'NULL')) throw parseError(`Expected NULL after IS${not ? ' NOT' : ''}, found ${describeToken(next)}`, next.start);
      this.lastEnd = next.end;
      return { comparator: not ? 'IS NOT NULL' : 'IS NULL', at };
    }
    if (isKeyword(token, 'RLIKE', 'REGEXP')) {
      throw parseError(`${token.raw.toUpperCase()} is not supported in run search (MLflow rejects it too); use LIKE or ILIKE`, at);
    }
    const after = identToken.raw;
    throw parseError(`Expected a comparator (${COMPARATOR_HINT}) after '${after}', found ${describeToken(token)}`, at);
  }

  private parseOperand(field: Field, comparator: Comparator): Operand {
    if (comparator === 'IS NULL' || comparator === 'IS NOT NULL') return { kind: 'none' };
    if (comparator === 'IN' || comparator === 'NOT IN') {
      const open = this.lexer.peek();
      if (open.kind !== 'lparen') throw parseError(`Expected a list such as ('a', 'b') after ${comparator}, found ${describeToken(open)}`, open.start);
      const list = readPythonList(this.text, open.start);
      this.lexer.seek(list.end);
      this.lastEnd = list.end;
      for (const value of list.values) this.checkType(field, value, open.start, comparator);
      return { kind: 'list', values: list.values };
    }
    if (comparator === 'BETWEEN' || comparator === 'NOT BETWEEN') {
      const low = this.parseScalar(field, comparator);
      const and = this.lexer.next();
      if (!isKeyword(and, 'AND')) throw parseError(`Expected AND between the two bounds of BETWEEN, found ${describeToken(and)}`, and.start);
      const high = this.parseScalar(field, comparator);
      return { kind: 'range', low, high };
    }
    return { kind: 'scalar', value: this.parseScalar(field, comparator) };
  }

  private parseScalar(field: Field, comparator: Comparator): Scalar {
    const token = this.lexer.next();
    this.lastEnd = token.end;
    if (token.kind === 'string') {
      this.checkType(field, token.text!, token.start, comparator);
      return token.text!;
    }
    if (token.kind === 'number') {
      this.checkType(field, token.value!, token.start, comparator);
      return token.value!;
    }
    if (field.valueType === 'number') {
      throw parseError(`${field.label} compares numbers: expected a number such as 0.5 after ${comparator}, found ${describeToken(token)}`, token.start);
    }
    const hint =
      token.kind === 'ident' && token.parts?.[0]?.quote === '`'
        ? ' (backticks are for names; quote values with \' or ")'
        : isKeyword(token, 'NULL')
          ? ` (write ${field.label} IS NULL or IS NOT NULL)`
          : '';
    throw parseError(`Expected a quoted string such as 'value' after ${comparator}, found ${describeToken(token)}${hint}`, token.start);
  }

  private checkType(field: Field, value: Scalar, position: number, comparator: Comparator): void {
    if (field.valueType === 'number' && typeof value !== 'number') {
      throw parseError(`${field.label} compares numbers: write the value without quotes, e.g. ${field.label} ${comparator.replace('NOT ', '')} 0.5`, position);
    }
    if (field.valueType === 'string' && typeof value !== 'string') {
      throw parseError(`${field.label} compares strings: quote the value, e.g. ${field.label} = '${value}'`, position);
    }
  }

  /** Comparator allowed for the field? Outside MLflow's set it is either an extension or an error. */
  private check(field: Field, comparator: Comparator, at: number): void {
    if (field.mlflowComparators.includes(comparator)) return;
    switch (comparator) {
      case 'IN':
      case 'NOT IN':
        this.extensions.add(EXT.in(field.label));
        return;
      case 'BETWEEN':
      case 'NOT BETWEEN':
        this.extensions.add(EXT.between);
        return;
      case 'NOT LIKE':
      case 'NOT ILIKE':
        if (field.valueType === 'string') {
          this.extensions.add(EXT.notLike);
          return;
        }
        break;
      case 'IS NULL':
      case 'IS NOT NULL':
        if (field.kind === 'metric') {
          this.extensions.add(EXT.isNull(field.label));
          return;
        }
        throw parseError(`${comparator} works on params, tags and metrics, not on ${field.label}`, at);
      default:
        break;
    }
    const allowed = field.mlflowComparators.join(', ');
    const what = field.valueType === 'number' ? 'a number' : 'a string';
    throw parseError(`${field.label} is ${what}: '${comparator}' does not apply; use ${allowed}`, at);
  }
}

const STRUCTURE = /[=<>!()'"`]|(?:^|[^\p{L}\p{N}_])(?:metrics?|params?|parameters?|tags?|attributes?|attr|run|datasets?)\./iu;

/**
 * Plain text becomes a name search when it has no operator, quote, parenthesis or `prefix.`, and
 * does not start with an attribute name or NOT (then it is a filter being typed, and the parse
 * error is more useful than a name search).
 */
export function isPlainText(filter: string, attributeNames: readonly string[]): boolean {
  const text = filter.trim();
  if (text === '' || STRUCTURE.test(text)) return false;
  const first = /^[\p{L}\p{N}_]+/u.exec(text)?.[0] ?? '';
  return !attributeNames.includes(first) && first.toUpperCase() !== 'NOT';
}

function parseWith(filter: string, resolve: FieldResolver, attributeNames: readonly string[]): ParsedFilter {
  try {
    return new Parser(filter, resolve).parse();
  } catch (error) {
    if (error instanceof AppError && isPlainText(filter, attributeNames)) {
      const start = filter.length - filter.trimStart().length;
      const text = filter.trim();
      return { root: { type: 'text', text, start, end: start + text.length }, extensions: [EXT.text] };
    }
    throw error;
  }
}

/** Parses a `search_runs` filter. Throws AppError('PARSE_ERROR', sentence, position). */
export function parseRunFilter(filter: string): ParsedFilter {
  return parseWith(filter, resolveRunField, Object.keys(RUN_ATTRIBUTES));
}

/** Parses a `search_experiments` filter (names, ids, times, experiment tags). */
export function parseExperimentFilter(filter: string): ParsedFilter {
  return parseWith(filter, resolveExperimentField, Object.keys(EXPERIMENT_ATTRIBUTES));
}
