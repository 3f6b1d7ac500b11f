import { describe, expect, it } from 'vitest';
import { parseDelimited } from './csv-table.js';

describe('parseDelimited', () => {
  it('handles quotes, doubled quotes, delimiters and line breaks inside quotes, CRLF and a BOM', () => {
    const text = '\ufeffname,comment,value\r\n"Smith, J","said ""hi""\nthen left",1\r\nplain,,2\n';
    expect(parseDelimited(text, ',', 10, true)).toEqual({
      rows: [
        ['name', 'comment', 'value'],
        ['Smith, J', 'said "hi"\nthen left', '1'],
        ['plain', '', '2'],
      ],
      more: false,
    });
  });

  it('keeps a last line without a newline only when the text is the whole file', () => {
    expect(parseDelimited('a\tb\n1\t2', '\t', 10, true).rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseDelimited('a,b\n1,2\n3,', ',', 10, false)).toEqual({
      rows: [
        ['a', 'b'],
        ['1', '2'],
      ],
      more: true,
    });
  });

  it('stops after maxRows and says there is more', () => {
    const text = Array.from({ length: 1000 }, (_, i) => `${i},x`).join('\n');
    const { rows, more } = parseDelimited(text, ',', 201, true);
    expect(rows).toHaveLength(201);
    expect(rows.at(-1)).toEqual(['200', 'x']);
    expect(more).toBe(true);
  });
});
