import { parseError } from './lexer.js';
import type { Scalar } from './ast.js';

/**
 * Reads `( … )` after IN / NOT IN. MLflow hands this text to Python's `ast.literal_eval`, so the
 * items follow Python's rules, not the rest of the filter's: backslash escapes are decoded,
 * adjacent strings concatenate (`('a' 'b')` is `('ab',)`), a trailing comma is allowed and a
 * single string without a comma is a one-item list.
 */
export interface ListResult {
  values: Scalar[];
  end: number;
}

const PY_NUMBER = /[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

export function readPythonList(text: string, open: number): ListResult {
  let at = open + 1;
  const values: Scalar[] = [];
  const skip = () => {
    while (at < text.length && /\s/.test(text[at]!)) at++;
  };
  for (;;) {
    skip();
    if (text[at] === ')') {
      if (values.length === 0) throw parseError('Expected at least one value inside IN ( )', at);
      return { values, end: at + 1 };
    }
    const itemStart = at;
    const item = readItem();
    if (item === null) {
      if (at >= text.length) throw parseError("Expected ')' to close the IN list", open);
      throw parseError('Expected a quoted string or a number in the IN list', itemStart);
    }
    values.push(item);
    skip();
    if (text[at] === ',') {
      at++;
      continue;
    }
    if (text[at] === ')') continue;
    if (at >= text.length) throw parseError("Expected ')' to close the IN list", open);
    throw parseError("Expected ',' or ')' in the IN list", at);
  }

  function readItem(): Scalar | null {
    if (text[at] === "'" || text[at] === '"') {
      let value = '';
      // Adjacent string literals concatenate, as in Python.
      while (text[at] === "'" || text[at] === '"') {
        value += readString();
        const save = at;
        skip();
        if (text[at] !== "'" && text[at] !== '"') at = save;
      }
      return value;
    }
    PY_NUMBER.lastIndex = at;
    const m = PY_NUMBER.exec(text);
    if (!m) return null;
    at += m[0].length;
    return Number(m[0].replace(/_/g, ''));
  }

  function readString(): string {
    const quote = text[at]!;
    const start = at;
    at++;
    let out = '';
    while (at < text.length && text[at] !== quote) {
      const ch = text[at]!;
      if (ch === '\n') break;
      if (ch !== '\\') {
        out += ch;
        at++;
        continue;
      }
      const esc = text[at + 1];
      if (esc === undefined) break;
      if (esc in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[esc];
        at += 2;
      } else if (esc === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(at + 2, at + 4))) {
        out += String.fromCharCode(parseInt(text.slice(at + 2, at + 4), 16));
        at += 4;
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(at + 2, at + 6))) {
        out += String.fromCharCode(parseInt(text.slice(at + 2, at + 6), 16));
        at += 6;
      } else if (esc === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(at + 2, at + 10))) {
        const code = parseInt(text.slice(at + 2, at + 10), 16);
        if (code > 0x10ffff) throw parseError('Invalid \\U escape in the IN list', at);
        out += String.fromCodePoint(code);
        at += 10;
      } else if (/[0-7]/.test(esc)) {
        const digits = /^[0-7]{1,3}/.exec(text.slice(at + 1))![0];
        out += String.fromCharCode(parseInt(digits, 8));
        at += 1 + digits.length;
      } else {
        // Python keeps an unknown escape as written.
        out += ch + esc;
        at += 2;
      }
    }
    if (text[at] !== quote) throw parseError(`This string in the IN list has no closing ${quote}`, start);
    at++;
    return out;
  }
}
