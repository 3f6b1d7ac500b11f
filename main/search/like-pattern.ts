/**
 * LIKE patterns as MLflow's SQL store evaluates them on SQLite (`PRAGMA case_sensitive_like = true`),
 * without touching the connection: `%`/`_` become GLOB's `*`/`?`, and GLOB's own metacharacters
 * are bracketed so they match themselves. GLOB is case-sensitive and, like LIKE, `*` spans newlines.
 */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '%') out += '*';
    else if (ch === '_') out += '?';
    else if (ch === '*' || ch === '?' || ch === '[') out += `[${ch}]`;
    else out += ch;
  }
  return out;
}

/**
 * SQLite's lower(): ASCII letters only. MLflow's ILIKE on SQLite is `lower(col) LIKE lower(pattern)`,
 * so `É` and `é` stay different there, and here.
 */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
