import type { RunRow } from '../../../../preload/contract.js';

/** A RunRow for unit tests, with only the parts a test cares about filled in. */
export function testRow(runKey: number, data: Partial<RunRow> = {}): RunRow {
  return {
    runKey,
    runId: `run${runKey}`.padEnd(32, '0'),
    storeId: 1,
    experimentKey: 1,
    experimentId: '0',
    runName: `run ${runKey}`,
    status: 'FINISHED',
    lifecycleStage: 'active',
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_060_000,
    userId: 'ann',
    sourceType: 'LOCAL',
    sourceName: 'train.py',
    gitCommit: '',
    parentRunId: null,
    childCount: 0,
    color: '#1f77b4',
    params: {},
    metrics: {},
    tags: {},
    ...data,
  };
}
