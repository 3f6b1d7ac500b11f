/**
 * Run colours as MLflow's UI picks them, so a run has the same colour in RunDesk and in `mlflow ui`.
 *
 * Palette and hash are MLflow's `RUNS_COLOR_PALETTE` (mlflow/server/js/src/common/color-palette.ts)
 * and `getStableColorForRun` (…/experiment-tracking/utils/RunNameUtils.ts) with its default feature
 * flag (`shouldEnableLargerColorSelection() === false`): a Fletcher-style checksum of the run id.
 * A colour the user picked in MLflow's UI is stored in the run tag `mlflow.runColor` and wins.
 */
export const RUNS_COLOR_PALETTE: readonly string[] = [
  // Secondary colours: brown, coral, pink, purple, indigo, turquoise, teal, lime, lemon.
  '#a6630c', '#c83243', '#b45091', '#8a63bf', '#434a93', '#137dae', '#04867d', '#308613', '#facb66',
  // Grey 700–400.
  '#1f272d', '#445461', '#5f7281', '#8396a5',
  // Yellow 700–400.
  '#93320b', '#be501e', '#de7921', '#f2be88',
  // Green 700–400.
  '#115026', '#277c43', '#3caa60', '#8ddda8',
  // Red 700–400.
  '#9e102c', '#c82d4c', '#e65b77', '#f792a6',
  // Blue 700–400.
  '#0e538b', '#2272b4', '#4299e0', '#8acaff',
];

export const RUN_COLOR_TAG = 'mlflow.runColor';

/** The colour MLflow's UI derives from a run id. */
export function stableColorForRun(runId: string): string {
  let a = 0;
  let b = 0;
  for (let i = 0; i < runId.length; i++) {
    a = (a + runId.charCodeAt(i)) % 255;
    b = (b + a) % 255;
  }
  return RUNS_COLOR_PALETTE[(a | (b << 8)) % RUNS_COLOR_PALETTE.length]!;
}

/** CSS colours only: the tag is user data and ends up in a style attribute. */
const CSS_COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/deg]+\))$/;

/** `mlflow.runColor` when it holds a colour, otherwise MLflow's stable colour for the id. */
export function runColor(runId: string, colorTag: string | undefined): string {
  const tag = colorTag?.trim();
  return tag && CSS_COLOR.test(tag) ? tag : stableColorForRun(runId);
}
