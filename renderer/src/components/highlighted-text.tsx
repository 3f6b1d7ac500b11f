import { highlightSegments } from './fuzzy-match.js';

/** Text with the fuzzy-matched characters marked. */
export function HighlightedText({ text, positions }: { text: string; positions: readonly number[] }) {
  return (
    <>
      {highlightSegments(text, positions).map((segment, i) =>
        segment.match ? <mark key={i}>{segment.text}</mark> : <span key={i}>{segment.text}</span>,
      )}
    </>
  );
}
