import { describe, expect, it } from 'vitest';
import { RUNS_COLOR_PALETTE, runColor, stableColorForRun } from './run-color.js';

/** Straight transcription of MLflow's getStableColorForRun, to check ours against it on many ids. */
function mlflowReference(runUuid: string): string {
  let a = 0;
  let b = 0;
  for (let i = 0; i < runUuid.length; i++) {
    a = (a + runUuid.charCodeAt(i)) % 255;
    b = (b + a) % 255;
  }
  return RUNS_COLOR_PALETTE[(a | (b << 8)) % RUNS_COLOR_PALETTE.length]!;
}

describe('run colours', () => {
  it('uses MLflow UI palette of 29 colours', () => {
    expect(RUNS_COLOR_PALETTE).toHaveLength(29);
    expect(RUNS_COLOR_PALETTE[0]).toBe('#a6630c');
    expect(RUNS_COLOR_PALETTE.at(-1)).toBe('#8acaff');
  });

  it('hashes like MLflow: worked examples', () => {
    // 'a' → a = 97, b = 97 → 97 | 97 << 8 = 24929 → 24929 % 29 = 18 → Green 600.
    expect(stableColorForRun('a')).toBe('#277c43');
    // '' → index 0.
    expect(stableColorForRun('')).toBe('#a6630c');
  });

  it('matches the reference on real run ids and is stable', () => {
    const ids = ['0336724dd10d4881b293548f7fd35fc1', '248da1edb50b4561bda0acd380fe4e94', 'f608bed0a01a4dfe96d0182c18e6093e'];
    for (const id of ids) {
      expect(stableColorForRun(id)).toBe(mlflowReference(id));
      expect(stableColorForRun(id)).toBe(stableColorForRun(id));
    }
  });

  it('spreads ids over the palette', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(stableColorForRun(i.toString(16).padStart(32, '0')));
    expect(seen.size).toBeGreaterThan(20);
  });

  it('prefers a valid mlflow.runColor tag and ignores anything that is not a colour', () => {
    expect(runColor('a', '#ff0000')).toBe('#ff0000');
    expect(runColor('a', ' rgb(1, 2, 3) ')).toBe('rgb(1, 2, 3)');
    expect(runColor('a', 'red;background:url(x)')).toBe('#277c43');
    expect(runColor('a', '')).toBe('#277c43');
    expect(runColor('a', undefined)).toBe('#277c43');
  });
});
