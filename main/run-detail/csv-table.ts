/**
 * Parses the start of a CSV/TSV file (RFC 4180: quoted fields, doubled quotes, line breaks inside
 * quotes, CRLF or LF) into rows. `complete` says whether `text` is the whole file: when it is not,
 * the last row may have been cut and is dropped.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t', maxRows: number, complete: boolean): { rows: string[][]; more: boolean } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      if (rows.length > maxRows) return { rows: rows.slice(0, maxRows), more: true };
    } else {
      field += c;
    }
  }
  // The last line: kept only when the text is the whole file (otherwise it may be cut short).
  if (complete && (field !== '' || row.length > 0 || quoted)) endRow();
  return { rows: rows.slice(0, maxRows), more: rows.length > maxRows || !complete };
}
