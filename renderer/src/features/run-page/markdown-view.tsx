import { useMemo, type ReactNode } from 'react';
import { parseMarkdownLite, type Inline } from './markdown-lite.js';

/** A run description rendered from the markdown-lite tree: React elements only, no HTML strings. */
export function MarkdownView({ source }: { source: string }): ReactNode {
  const blocks = useMemo(() => parseMarkdownLite(source), [source]);
  return (
    <div className="rp-markdown">
      {blocks.map((b, i) => {
        switch (b.kind) {
          case 'heading': {
            // Description headings sit below the page's h2 sections.
            const Tag = (`h${Math.min(b.level + 2, 6)}`) as 'h3';
            return <Tag key={i}>{renderInline(b.children)}</Tag>;
          }
          case 'paragraph':
            return <p key={i}>{renderInline(b.children)}</p>;
          case 'code':
            return (
              <pre key={i} className="rp-mono">
                {b.text}
              </pre>
            );
          case 'list': {
            const List = b.ordered ? 'ol' : 'ul';
            return (
              <List key={i}>
                {b.items.map((item, j) => (
                  <li key={j}>{renderInline(item)}</li>
                ))}
              </List>
            );
          }
        }
      })}
    </div>
  );
}

function renderInline(spans: Inline[]): ReactNode[] {
  return spans.map((s, i) => {
    switch (s.kind) {
      case 'text':
        return s.text;
      case 'code':
        return <code key={i}>{s.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(s.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(s.children)}</em>;
      case 'link':
        return (
          <a key={i} href={s.href} target="_blank" rel="noreferrer noopener">
            {renderInline(s.children)}
          </a>
        );
    }
  });
}
