/**
 * Small pieces of MLflow filter text the app writes itself (the user writes the rest). Values
 * are quoted so that names with quotes or spaces cannot change the meaning of the filter.
 */

/** A string literal: single quotes, or double quotes when the value holds a single quote. */
export function quoteValue(value: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  // MLflow's grammar has no escape for a value holding both quote kinds; drop the rarer one.
  return `'${value.replace(/'/g, '')}'`;
}

/** Children of a run: MLflow links them with the `mlflow.parentRunId` tag. */
export function childrenFilter(parentRunId: string): string {
  return `tags.\`mlflow.parentRunId\` = ${quoteValue(parentRunId)}`;
}

/**
 * Runs whose name contains the words in this order, ignoring case (the palette's "jump to run"):
 * "rf d4" finds "rf-d4-n200". LIKE's own wildcards typed by the user are matched literally enough
 * for a finder (they only widen the match).
 */
export function nameContainsFilter(text: string): string {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return `attributes.run_name ILIKE ${quoteValue(`%${words.join('%')}%`)}`;
}

/** Runs whose id starts with the text (ids are lowercase hex). */
export function runIdPrefixFilter(prefix: string): string {
  return `attributes.run_id LIKE ${quoteValue(`${prefix.toLowerCase()}%`)}`;
}

/** Whether text looks like (the start of) an MLflow run id. */
export function looksLikeRunId(text: string): boolean {
  return /^[0-9a-f]{6,32}$/i.test(text.trim());
}
