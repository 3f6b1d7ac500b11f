/**
 * Cell formats of the MLflow UI's runs-table CSV (`Utils.formatTimestamp`, `Utils.getDuration`
 * and `Utils.formatDuration` in `mlflow/server/js/src/common/utils/Utils.tsx`).
 */

/**
 * `formatDuration`: below 500 ms as `Nms`, then seconds, minutes, hours and days with one decimal
 * (`toFixed(1)`, so 59 999 ms is `60.0s`, exactly as the UI prints it).
 */
export function formatDuration(durationMs: number): string {
  if (durationMs < 500) return `${durationMs}ms`;
  if (durationMs < 1000 * 60) return `${(durationMs / 1000).toFixed(1)}s`;
  if (durationMs < 1000 * 60 * 60) return `${(durationMs / 1000 / 60).toFixed(1)}min`;
  if (durationMs < 1000 * 60 * 60 * 24) return `${(durationMs / 1000 / 60 / 60).toFixed(1)}h`;
  return `${(durationMs / 1000 / 60 / 60 / 24).toFixed(1)}d`;
}

/** `getDuration(start, end) || ''`: empty unless both times are set and non-zero (the UI tests truthiness). */
export function runDuration(startTime: number | null, endTime: number | null): string {
  return startTime && endTime ? formatDuration(endTime - startTime) : '';
}

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:mm:ss` (the UI's dateformat mask
 * `yyyy-mm-dd HH:MM:ss`) in a time zone: the process's local zone by default, as the browser
 * uses its own, or an IANA zone such as `Europe/Paris` or `UTC`.
 */
export type StartTimeFormatter = (ms: number | null) => string;

/**
 * Asking the time-zone database for each run costs microseconds (an ICU call for the local zone,
 * more through Intl), so the zone's offset is looked up once per quarter hour of the timeline:
 * when it is the same at both ends of the quarter, it holds for the whole quarter (no zone changes
 * its offset twice within fifteen minutes); when it differs, that run is looked up on its own.
 */
const OFFSET_BUCKET_MS = 15 * 60 * 1000;
const OFFSET_CACHE_LIMIT = 200_000;

export function startTimeFormatter(timeZone?: string): StartTimeFormatter {
  const offsetAt = timeZone ? intlOffset(timeZone) : localOffset;
  const offsets = new Map<number, number>();
  return (ms) => {
    // A run without a start time reaches the UI as `undefined`, which formatTimestamp prints as '(unknown)'.
    if (ms === null) return '(unknown)';
    const bucket = Math.floor(ms / OFFSET_BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      if (offsets.size >= OFFSET_CACHE_LIMIT) offsets.clear();
      const first = offsetAt(bucket * OFFSET_BUCKET_MS);
      offset = first === offsetAt((bucket + 1) * OFFSET_BUCKET_MS - 1) ? first : Number.NaN;
      offsets.set(bucket, offset);
    }
    return wallClock(ms + (Number.isNaN(offset) ? offsetAt(ms) : offset));
  };
}

/** Throws a RangeError with the zone's name when `timeZone` is not a zone this runtime knows. */
export function checkTimeZone(timeZone: string): void {
  new Intl.DateTimeFormat('en-US', { timeZone });
}

/** Milliseconds to add to UTC to get the process's local wall clock at `ms`. */
function localOffset(ms: number): number {
  return -new Date(ms).getTimezoneOffset() * 60_000;
}

/** The same for an IANA zone, read from what Intl prints for that instant. */
function intlOffset(timeZone: string): (ms: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  return (ms) => {
    const p: Record<string, string> = {};
    for (const part of format.formatToParts(new Date(ms))) p[part.type] = part.value;
    const year = p.era === 'BC' ? 1 - Number(p.year) : Number(p.year);
    const wall = Date.UTC(year, Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    // Date.UTC maps years 0–99 to 1900–1999; put them back.
    const fixed = year >= 0 && year < 100 ? new Date(wall).setUTCFullYear(year) : wall;
    return fixed - Math.floor(ms / 1000) * 1000;
  };
}

/** `YYYY-MM-DD HH:mm:ss` of a wall-clock time expressed as UTC milliseconds. */
function wallClock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
