import type { RunRow } from '../../../preload/contract.js';

/** A run row for tests: only what a test sets differs from a plain finished run. */
export function testRun(runKey: number, overrides: Partial<RunRow> = {}): RunRow {
  return {
    runKey,
    runId: `run${String(runKey).padStart(6, '0')}`,
    storeId: 1,
    experimentKey: 1,
    experimentId: '1',
    runName: `run-${runKey}`,
    status: 'FINISHED',
    lifecycleStage: 'active',
    startTime: 1_700_000_000_000 + runKey * 1000,
    endTime: 1_700_000_000_000 + runKey * 1000 + 500,
    userId: 'ana',
    sourceType: 'LOCAL',
    sourceName: 'train.py',
    gitCommit: '',
    parentRunId: null,
    childCount: 0,
    color: '#1f77b4',
    params: {},
    metrics: {},
    tags: {},
    ...overrides,
  };
}
