/**
 * JSON for browser mode that keeps what Electron's structured clone keeps and JSON drops:
 * NaN and ±Infinity (metric values). Environment-neutral, like the contract.
 */
const SPECIAL = '$rundesk:num';

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'number' && !Number.isFinite(v) ? { [SPECIAL]: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' } : v,
  );
}

export function decodeWire(text: string): unknown {
  // Most payloads hold no special number: skip the (costly) reviver for them.
  if (!text.includes(SPECIAL)) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && SPECIAL in v) {
      const s = (v as Record<string, string>)[SPECIAL];
      return s === 'NaN' ? Number.NaN : s === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    }
    return v;
  });
}
