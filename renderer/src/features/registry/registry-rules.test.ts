import { describe, expect, it } from 'vitest';
import type { ModelVersionInfo } from '../../../../preload/contract.js';
import { aliasProblem, needsConfirmation, stageRequest, tagKeyProblem } from './registry-rules.js';

const version = (n: number, stage: ModelVersionInfo['currentStage']): ModelVersionInfo => ({
  storeId: 1,
  name: 'm',
  version: n,
  currentStage: stage,
  description: '',
  creationTimestamp: null,
  lastUpdatedTimestamp: null,
  userId: '',
  source: '',
  runId: null,
  runKey: null,
  runLink: '',
  status: 'READY',
  statusMessage: '',
  aliases: [],
  tags: {},
});

describe('stage change rules', () => {
  const versions = [version(1, 'Production'), version(2, 'Staging'), version(3, 'None'), version(4, 'Production')];

  it('lists the other versions in the target stage', () => {
    expect(stageRequest(versions, versions[2]!, 'Production')).toMatchObject({ version: 3, from: 'None', to: 'Production', others: [1, 4] });
    expect(stageRequest(versions, versions[0]!, 'Production').others).toEqual([4]);
  });

  it('confirms Production and Archived always, Staging only when something could be archived, None never', () => {
    expect(needsConfirmation(stageRequest(versions, versions[2]!, 'Production'))).toBe(true);
    expect(needsConfirmation(stageRequest(versions, versions[2]!, 'Archived'))).toBe(true);
    expect(needsConfirmation(stageRequest(versions, versions[2]!, 'Staging'))).toBe(true);
    expect(needsConfirmation(stageRequest(versions, versions[1]!, 'Staging'))).toBe(false);
    expect(needsConfirmation(stageRequest(versions, versions[0]!, 'None'))).toBe(false);
  });
});

describe('name rules', () => {
  it('flags aliases MLflow rejects', () => {
    expect(aliasProblem('champion')).toBeNull();
    expect(aliasProblem('')).toBeNull();
    expect(aliasProblem('Latest')).toMatch(/reserved/);
    expect(aliasProblem('v2')).toMatch(/reserved/);
    expect(aliasProblem('a b')).toMatch(/letters/);
  });

  it('flags tag keys MLflow rejects', () => {
    expect(tagKeyProblem('team/owner')).toBeNull();
    expect(tagKeyProblem('../x')).toMatch(/path/);
    expect(tagKeyProblem('a*b')).toMatch(/letters/);
  });
});
