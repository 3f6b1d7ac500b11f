/**
 * Splits CSV text into records of raw fields: each field exactly as written, quotes and doubled
 * quotes included, so two CSV files can be compared byte for byte after reordering columns.
 * Records end at `\n` outside quotes (pandas leaves a lone `\r` unquoted, so `\r` is field text).
 */
export function splitRawCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ',') {
      fields.push(text.slice(start, i));
      start = i + 1;
    } else if (!quoted && c === '\n') {
      fields.push(text.slice(start, i));
      records.push(fields);
      fields = [];
      start = i + 1;
    }
  }
  if (start < text.length || fields.length > 0) {
    fields.push(text.slice(start));
    records.push(fields);
  }
  return records;
}

/** Records back to text, one `\n` after each. */
export function joinRawCsv(records: readonly (readonly string[])[]): string {
  return records.map((fields) => `${fields.join(',')}\n`).join('');
}

/** The header cell's text: unquoted and with doubled quotes undone. */
export function unquote(field: string): string {
  return field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}
