import { describe, it, expect } from 'vitest';
import { parseInline, parseMarkdownLite } from './markdown-lite.js';

describe('parseMarkdownLite', () => {
  it('reads headings, paragraphs and lists', () => {
    const blocks = parseMarkdownLite('# Baseline\n\nTrained on\nthe full set.\n\n- lr 0.1\n- depth 3\n\n1. one\n2. two');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Baseline' }] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'Trained on\nthe full set.' }] });
    expect(blocks[2]).toMatchObject({ kind: 'list', ordered: false, items: [[{ text: 'lr 0.1' }], [{ text: 'depth 3' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', ordered: true });
  });

  it('keeps fenced code verbatim', () => {
    expect(parseMarkdownLite('```python\nx = **1**\n```')).toEqual([{ kind: 'code', text: 'x = **1**' }]);
  });

  it('treats an unclosed fence as code to the end', () => {
    expect(parseMarkdownLite('```\na\nb')).toEqual([{ kind: 'code', text: 'a\nb' }]);
  });

  it('never produces markup from HTML in the text', () => {
    expect(parseMarkdownLite('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'paragraph', children: [{ kind: 'text', text: '<img src=x onerror=alert(1)>' }] },
    ]);
  });
});

describe('parseInline', () => {
  it('reads code, bold, italic and links', () => {
    expect(parseInline('use `lr=0.1`, **not** *that* [docs](https://mlflow.org)')).toEqual([
      { kind: 'text', text: 'use ' },
      { kind: 'code', text: 'lr=0.1' },
      { kind: 'text', text: ', ' },
      { kind: 'strong', children: [{ kind: 'text', text: 'not' }] },
      { kind: 'text', text: ' ' },
      { kind: 'em', children: [{ kind: 'text', text: 'that' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: 'https://mlflow.org', children: [{ kind: 'text', text: 'docs' }] },
    ]);
  });

  it('refuses links that are not http(s)', () => {
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ kind: 'text', text: '[x](javascript:alert(1))' }]);
  });

  it('leaves snake_case names alone', () => {
    expect(parseInline('learning_rate and max_depth')).toEqual([{ kind: 'text', text: 'learning_rate and max_depth' }]);
  });
});
