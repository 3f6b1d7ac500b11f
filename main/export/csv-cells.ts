/**
 * The two CSV quoting conventions RunDesk writes.
 *
 * pandas (`DataFrame.to_csv`) hands rows to Python's `csv` module with QUOTE_MINIMAL and the line
 * terminator `\n`: a field is quoted only when it holds the delimiter, the quote character or a
 * character of the line terminator, and quotes inside are doubled. A lone `\r` is NOT quoted
 * (Python 3.11, the interpreter of the reference MLflow environments), which the conformance test
 * checks against the real thing.
 *
 * The MLflow UI's "Download CSV" (`csvEscape` in `CsvUtils.ts`, since MLflow ≈2.20) quotes every
 * cell, doubles quotes, and defuses spreadsheet formulas by prefixing `'` to cells that start with
 * `=`, `+`, `-`, `@`, tab or carriage return. `null`/`undefined` become an empty, unquoted cell.
 */

const NEEDS_PANDAS_QUOTES = /[",\n]/;
const QUOTES = /"/g;

export function pandasCell(value: string): string {
  if (!NEEDS_PANDAS_QUOTES.test(value)) return value;
  return `"${value.includes('"') ? value.replace(QUOTES, '""') : value}"`;
}

export function mlflowUiCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const sanitized = value.includes('"') ? value.replace(QUOTES, '""') : value;
  return isFormulaStart(sanitized.charCodeAt(0)) ? `"'${sanitized}"` : `"${sanitized}"`;
}

/** `=`, `+`, `-`, `@`, carriage return, tab: the UI's `/^[=+\-@\r\t]/`. */
function isFormulaStart(c: number): boolean {
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 13 || c === 9;
}
