import { formatExactTime, formatRelativeTime } from './format-time.js';
import { useNow } from './use-now.js';

/** "5 min ago", with the exact local time on hover and for screen readers (`<time dateTime>`). */
export function RelativeTime({ timestamp, className }: { timestamp: number | null | undefined; className?: string }) {
  const now = useNow();
  return <RelativeTimeAt timestamp={timestamp} now={now} className={className} />;
}

/**
 * The same, for lists that already hold the current time (the runs table passes one `now` to all
 * its cells instead of subscribing each cell to the clock).
 */
export function RelativeTimeAt({ timestamp, now, className }: { timestamp: number | null | undefined; now: number; className?: string }) {
  if (timestamp === null || timestamp === undefined || !Number.isFinite(timestamp)) return null;
  // The exact time is formatted when the pointer arrives, not for every row scrolled past.
  return (
    <time
      className={className}
      dateTime={new Date(timestamp).toISOString()}
      onPointerEnter={(event) => {
        event.currentTarget.title = formatExactTime(timestamp);
      }}
    >
      {formatRelativeTime(timestamp, now)}
    </time>
  );
}
