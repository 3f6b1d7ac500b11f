import { describe, expect, it } from 'vitest';
import type { RegistryEdit } from '../../preload/contract.js';
import { checkExpectations, inverseEdits, planChanges, summarize, type ModelState } from './edit-model.js';

const state = (): ModelState => ({
  name: 'm',
  description: null,
  tags: new Map([['team', 'a']]),
  aliases: new Map([['champion', 1]]),
  versions: new Map([
    [1, { stage: 'Production', description: null, tags: new Map() }],
    [2, { stage: 'Staging', description: 'two', tags: new Map([['k', 'v']]) }],
    [3, { stage: 'Deleted_Internal', description: null, tags: new Map() }],
  ]),
});
const model = { storeId: 1, name: 'm' };

describe('planChanges', () => {
  it('archives the others first, then moves the target (MLflow order)', () => {
    const edit: RegistryEdit = { kind: 'transition', model: { ...model, version: 2 }, stage: 'Production', archiveExisting: true };
    const changes = planChanges(state(), edit, 5000);
    expect(changes).toEqual([
      { facet: { kind: 'stage', version: 1 }, before: 'Production', after: 'Archived' },
      { facet: { kind: 'stage', version: 2 }, before: 'Staging', after: 'Production' },
    ]);
    expect(summarize(edit, changes)).toBe('Version 2: Staging → Production; archived version 1');
    expect(inverseEdits(edit, changes)).toEqual([
      { kind: 'transition', model: { ...model, version: 1 }, stage: 'Production', archiveExisting: false },
      { kind: 'transition', model: { ...model, version: 2 }, stage: 'Staging', archiveExisting: false },
    ]);
  });

  it('refuses deleted versions, archiving into Archived, and missing aliases or tags', () => {
    expect(() => planChanges(state(), { kind: 'set-alias', model, alias: 'x', version: 3 }, 5000)).toThrow(/no version 3/);
    expect(() => planChanges(state(), { kind: 'transition', model: { ...model, version: 2 }, stage: 'Archived', archiveExisting: true }, 5000)).toThrow(/Staging and Production/);
    expect(() => planChanges(state(), { kind: 'delete-alias', model, alias: 'nope' }, 5000)).toThrow(/no alias 'nope'/);
    expect(() => planChanges(state(), { kind: 'delete-tag', model, version: 2, key: 'nope' }, 5000)).toThrow(/has no tag 'nope'/);
    expect(() => planChanges(state(), { kind: 'set-tag', model, version: null, key: 'k', value: 'x'.repeat(5001) }, 5000)).toThrow(/at most 5000/);
  });

  it('inverts alias moves and tag sets to what was there before', () => {
    const move: RegistryEdit = { kind: 'set-alias', model, alias: 'champion', version: 2 };
    expect(inverseEdits(move, planChanges(state(), move, 5000))).toEqual([{ kind: 'set-alias', model, alias: 'champion', version: 1 }]);
    const fresh: RegistryEdit = { kind: 'set-tag', model, version: 2, key: 'new', value: 'x' };
    expect(inverseEdits(fresh, planChanges(state(), fresh, 5000))).toEqual([{ kind: 'delete-tag', model, version: 2, key: 'new' }]);
  });
});

describe('checkExpectations', () => {
  it('passes when the store still holds what the edit set, and explains the difference otherwise', () => {
    expect(() => checkExpectations(state(), [{ facet: { kind: 'alias', alias: 'champion' }, before: null, after: 1 }])).not.toThrow();
    expect(() => checkExpectations(state(), [{ facet: { kind: 'stage', version: 2 }, before: 'None', after: 'Production' }])).toThrow(
      "The stage of version 2 of 'm' changed since that edit (it is now 'Staging', not 'Production'), so it cannot be undone.",
    );
    // A description MLflow stored as null reads the same as an empty one.
    expect(() => checkExpectations(state(), [{ facet: { kind: 'description', version: null }, before: 'x', after: '' }])).not.toThrow();
  });
});
