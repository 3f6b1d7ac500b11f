import { AppError } from '../services/app-error.js';

/**
 * Splits a filter into tokens the way MLflow's `sqlparse`-based parser sees them, closely enough
 * that filters written for MLflow lex the same:
 * - strings are `'…'` or `"…"`; a doubled quote or a backslash-quote stays inside the string and,
 *   as in MLflow, nothing is unescaped (the value is the raw text between the quotes);
 * - an identifier is a dotted chain of words, backticked names or (after a dot) quoted names,
 *   with no spaces around the dots: `metrics.rmse`, ``tags.`mlflow.note` ``, `params."a b"`;
 * - numbers are `-1`, `0.5`, `.5`, `5.`, `1e-3` (no `+`, no `1e+3`, as in MLflow);
 * - comparison operators are any run of `< > = ! ~`, validated later so `<>` gets a clear message.
 */

export type TokenKind = 'ident' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'end';

export interface IdentPart {
  /** Raw text of the part, quotes included. */
  raw: string;
  /** Text inside the quotes (raw when unquoted). */
  text: string;
  quote: '' | '`' | '"' | "'";
}

export interface Token {
  kind: TokenKind;
  /** Source text of the token. */
  raw: string;
  start: number;
  end: number;
  /** ident: the dotted parts. */
  parts?: IdentPart[];
  /** string: the raw text between the quotes, and which quote. */
  text?: string;
  quote?: '"' | "'";
  /** number: the value. */
  value?: number;
}

const WHITESPACE = /\s+/y;
const NUMBER = /-?(?:(?:\d+\.\d+|\.\d+|\d+)(?:[eE]-?\d+)?|\d+\.)(?![\p{L}\p{N}_.])/uy;
const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;
const SEGMENT = /[\p{L}\p{N}_]+/uy;
// The alternatives and their order are sqlparse's, so the same text ends a string in both.
const SINGLE_QUOTED = /'(?:''|\\'|[^'])*'/y;
const DOUBLE_QUOTED = /"(?:""|\\"|[^"])*"/y;
const BACKTICKED = /`(?:``|[^`])*`/y;
const OPERATOR = /[<>=~!]+/y;

function matchAt(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

export function parseError(message: string, position: number): AppError {
  return new AppError('PARSE_ERROR', `${message} (at position ${position}).`, position);
}

/** Describes a token for an error message: `'OR'`, `end of filter`. */
export function describeToken(token: Token): string {
  if (token.kind === 'end') return 'the end of the filter';
  const raw = token.raw.length > 40 ? `${token.raw.slice(0, 37)}...` : token.raw;
  return `'${raw}'`;
}

export class Lexer {
  private pos = 0;
  private peeked: Token | null = null;

  constructor(readonly text: string) {}

  peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  next(): Token {
    const token = this.peek();
    this.peeked = null;
    return token;
  }

  /** Where the next token starts (after whitespace). */
  offset(): number {
    return this.peek().start;
  }

  /** Moves the cursor to `position` (used after reading a Python-literal list by hand). */
  seek(position: number): void {
    this.pos = position;
    this.peeked = null;
  }

  private lex(): Token {
    const { text } = this;
    const ws = matchAt(WHITESPACE, text, this.pos);
    if (ws) this.pos += ws.length;
    const start = this.pos;
    if (start >= text.length) return { kind: 'end', raw: '', start, end: start };
    const ch = text[start]!;
    const single = (kind: TokenKind): Token => {
      this.pos = start + 1;
      return { kind, raw: ch, start, end: start + 1 };
    };
    if (ch === '(') return single('lparen');
    if (ch === ')') return single('rparen');
    if (ch === ',') return single('comma');

    const number = matchAt(NUMBER, text, start);
    if (number) {
      this.pos = start + number.length;
      return { kind: 'number', raw: number, start, end: this.pos, value: Number(number) };
    }
    if (/[-.\d]/.test(ch)) {
      const bad = /^[-.\w]+/u.exec(text.slice(start))?.[0] ?? ch;
      throw parseError(`'${bad}' is not a number MLflow understands (write 0.5, -1, .5 or 1e-3)`, start);
    }
    const op = matchAt(OPERATOR, text, start);
    if (op) {
      this.pos = start + op.length;
      return { kind: 'op', raw: op, start, end: this.pos };
    }
    if (ch === "'" || ch === '"') {
      const quoted = matchAt(ch === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED, text, start);
      if (!quoted) throw parseError(`This ${ch === "'" ? 'single' : 'double'}-quoted string has no closing ${ch}`, start);
      // A double-quoted name followed by a dot is an identifier ("metrics".x); MLflow rejects it
      // later as an unknown prefix, and so do we.
      if (ch === '"' && text[start + quoted.length] === '.') return this.identifier(start);
      this.pos = start + quoted.length;
      return { kind: 'string', raw: quoted, start, end: this.pos, text: quoted.slice(1, -1), quote: ch };
    }
    if (ch === '`' || matchAt(WORD, text, start)) return this.identifier(start);
    throw parseError(`Unexpected character '${ch}'`, start);
  }

  /** A dotted chain: first part a word, a backticked or double-quoted name; then `.part` with no spaces. */
  private identifier(start: number): Token {
    const { text } = this;
    const parts: IdentPart[] = [];
    let at = start;
    const readPart = (first: boolean): boolean => {
      const ch = text[at];
      let raw: string | null = null;
      let quote: IdentPart['quote'] = '';
      if (ch === '`') {
        raw = matchAt(BACKTICKED, text, at);
        if (!raw) throw parseError('This backticked name has no closing `', at);
        quote = '`';
      } else if (ch === '"' || (ch === "'" && !first)) {
        raw = matchAt(ch === '"' ? DOUBLE_QUOTED : SINGLE_QUOTED, text, at);
        if (!raw) throw parseError(`This quoted name has no closing ${ch}`, at);
        quote = ch;
      } else {
        raw = matchAt(first ? WORD : SEGMENT, text, at);
      }
      if (!raw) return false;
      parts.push({ raw, text: quote ? raw.slice(1, -1) : raw, quote });
      at += raw.length;
      return true;
    };
    readPart(true);
    while (text[at] === '.') {
      const dot = at;
      at += 1;
      if (!readPart(false)) {
        const what = parts.map((p) => p.raw).join('.');
        throw parseError(`Expected a name right after '${what}.' (quote names with spaces or symbols in backticks)`, dot + 1);
      }
    }
    const glued = /^[^\s()=<>!~,'"`]+/u.exec(text.slice(at))?.[0];
    if (glued) {
      // params.my-key: the key has a character that ends a bare name; say how to quote it.
      const prefix = parts.length > 1 ? `${parts[0]!.raw}.` : '';
      const name = (parts.length > 1 ? parts.slice(1) : parts).map((p) => p.raw).join('.') + glued;
      throw parseError(`Put names that contain '${glued[0]}' in backticks, e.g. ${prefix}\`${name}\``, at);
    }
    this.pos = at;
    return { kind: 'ident', raw: text.slice(start, at), start, end: at, parts };
  }
}

/** True when the token is the bare (unquoted, undotted) word `word`, case-insensitively. */
export function isKeyword(token: Token, ...words: string[]): boolean {
  if (token.kind !== 'ident' || token.parts?.length !== 1 || token.parts[0]!.quote !== '') return false;
  const upper = token.raw.toUpperCase();
  return words.includes(upper);
}
