/**
 * Times and durations as people read them. Relative times for recency ("5 min ago"), the exact
 * local time for tooltips; both in the user's locale. Pure functions: `now` is a parameter so
 * the tests do not depend on the clock.
 */

const SECOND = 1000;

// Intl formatters are costly to build and a table formats thousands of cells: build each once.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string | undefined, style: 'short' | 'long'): Intl.RelativeTimeFormat {
  const key = `${locale ?? ''}|${style}`;
  let format = relativeFormats.get(key);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style });
    relativeFormats.set(key, format);
  }
  return format;
}

function dateFormat(locale: string | undefined, kind: 'day' | 'day-year' | 'exact'): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${kind}`;
  let format = dateFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'day'
        ? { month: 'short', day: 'numeric' }
        : kind === 'day-year'
          ? { year: 'numeric', month: 'short', day: 'numeric' }
          : { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' };
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "5 min. ago", "3 hr. ago", "yesterday", "6 days ago"; older ones as a short date. */
export function formatRelativeTime(timestamp: number | null | undefined, now: number, locale?: string): string {
  if (timestamp === null || timestamp === undefined || !Number.isFinite(timestamp)) return '';
  const diff = timestamp - now;
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return diff <= 0 ? justNow(locale) : inAMoment(locale);
  const rtf = relativeFormat(locale, 'short');
  if (abs < 45 * MINUTE) return rtf.format(Math.round(diff / MINUTE), 'minute');
  if (abs < 22 * HOUR) return rtf.format(Math.round(diff / HOUR), 'hour');
  if (abs < 7 * DAY) return rtf.format(Math.round(diff / DAY), 'day');
  return formatDate(timestamp, now, locale);
}

/** A short date: "Mar 4" this year, "Mar 4, 2021" otherwise. */
export function formatDate(timestamp: number, now: number, locale?: string): string {
  const sameYear = new Date(timestamp).getFullYear() === new Date(now).getFullYear();
  return dateFormat(locale, sameYear ? 'day' : 'day-year').format(timestamp);
}

/** The exact local date and time, with seconds: for tooltips and detail pages. */
export function formatExactTime(timestamp: number | null | undefined, locale?: string): string {
  if (timestamp === null || timestamp === undefined || !Number.isFinite(timestamp)) return '';
  return dateFormat(locale, 'exact').format(timestamp);
}

/** `850ms`, `12.3s`, `4m 05s`, `2h 13m`, `3d 4h`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  if (ms < MINUTE) return `${(ms / SECOND).toFixed(ms < 10 * SECOND ? 1 : 0)}s`;
  if (ms < HOUR) {
    const m = Math.floor(ms / MINUTE);
    const s = Math.floor((ms % MINUTE) / SECOND);
    return `${m}m ${String(s).padStart(2, '0')}s`;
  }
  if (ms < DAY) {
    const h = Math.floor(ms / HOUR);
    const m = Math.floor((ms % HOUR) / MINUTE);
    return `${h}h ${String(m).padStart(2, '0')}m`;
  }
  const d = Math.floor(ms / DAY);
  const h = Math.floor((ms % DAY) / HOUR);
  return `${d}d ${h}h`;
}

/**
 * How long a run took. A run still RUNNING has no end time: it has been running until now.
 * Other runs without an end time (crashed without telling MLflow) have no duration.
 */
export function runDuration(startTime: number | null, endTime: number | null, running: boolean, now: number): number | null {
  if (startTime === null) return null;
  if (endTime !== null) return endTime >= startTime ? endTime - startTime : null;
  return running ? Math.max(0, now - startTime) : null;
}

/** "about 2 min left" for progress ETAs. */
export function formatEta(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 5 * SECOND) return 'a few seconds left';
  if (ms < MINUTE) return `about ${Math.round(ms / SECOND)} s left`;
  if (ms < HOUR) return `about ${Math.round(ms / MINUTE)} min left`;
  return `about ${(ms / HOUR).toFixed(1)} h left`;
}

function justNow(locale?: string): string {
  return relativeFormat(locale, 'long').format(0, 'second');
}

function inAMoment(locale?: string): string {
  return relativeFormat(locale, 'long').format(1, 'minute');
}
