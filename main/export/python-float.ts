/**
 * Python's `repr(float)` in JavaScript, which is what pandas writes for a float64 column
 * (`to_csv` without `float_format` prints each value's shortest round-trip repr) and what MLflow
 * writes into metric files.
 *
 * Both languages print the shortest digit string that reads back to the same double; they differ
 * only in layout. Python switches to exponent form when the decimal exponent is below -4 or at
 * least 16 (`1e-05`, `1e+16`) and always shows a fractional part in fixed form (`1.0`), while
 * JavaScript uses other thresholds (`0.00001`, `10000000000000000`) and drops `.0`.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';

  // Fast path: between 1e-4 and 1e16 both languages print fixed notation with the same digits,
  // and only Python insists on a fractional part.
  const magnitude = x < 0 ? -x : x;
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }

  // toExponential() without an argument gives the shortest round-trip digits: "-1.2345e-7".
  const exp = x.toExponential();
  const sign = exp.startsWith('-') ? '-' : '';
  const eAt = exp.indexOf('e');
  const digits = exp.slice(sign.length, eAt).replace('.', '');
  const exponent = Number(exp.slice(eAt + 1));

  if (exponent < -4 || exponent >= 16) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${mantissa}e${expSign}${expDigits}`;
  }
  // Fixed notation: the decimal point sits after (exponent + 1) digits.
  const pointAt = exponent + 1;
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`;
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}.0`;
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
}
