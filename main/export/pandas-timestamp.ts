/**
 * How pandas prints an element of the `start_time` / `end_time` columns of `mlflow.search_runs()`
 * (built with `pd.to_datetime(ms, unit="ms", utc=True)`) in `to_csv`. The two major versions differ:
 *
 * - pandas 2 prints each value as `str(Timestamp)`: `2025-12-06 15:22:54.785000+00:00`, and a whole
 *   second without fraction (`2025-12-06 15:22:54+00:00`), value by value.
 * - pandas 3 picks one precision for the whole column: no fraction when every value is a whole
 *   second, otherwise milliseconds on every value (`…:54.785+00:00`, `…:54.000+00:00`).
 *
 * MLflow 3.x environments install pandas 3; MLflow 2.x ones pandas 2.
 */
export type PandasVersion = 2 | 3;

/** `fraction`: for pandas 3, whether the column has any value with milliseconds. Ignored for pandas 2. */
export function pandasUtcTimestamp(ms: number, version: PandasVersion = 2, fraction = true): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '';
  const year = d.getUTCFullYear();
  const yyyy = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  const date = `${yyyy}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const time = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  const millis = String(d.getUTCMilliseconds()).padStart(3, '0');
  if (version === 3) return `${date} ${time}${fraction ? `.${millis}` : ''}+00:00`;
  return `${date} ${time}${millis === '000' ? '' : `.${millis}000`}+00:00`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
