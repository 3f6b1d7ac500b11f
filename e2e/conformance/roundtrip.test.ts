import { describe, expect, it } from 'vitest';

import { opCliArgs, projectRegistry, ROUNDTRIP_OPS } from './roundtrip.js';

describe('registry round-trip', () => {
  it('uses the CLI forms of the issue', () => {
    expect(opCliArgs('S', { op: 'transition', name: 'm', version: '2', stage: 'Production', archive_existing: true })).toEqual([
      'registry', 'S', 'transition', 'm', '2', 'Production', '--archive-existing', '--yes',
    ]);
    expect(opCliArgs('S', { op: 'alias_set', name: 'm', alias: 'a', version: '3' })).toEqual(['registry', 'S', 'alias', 'set', 'm', 'a', '3']);
    expect(opCliArgs('S', { op: 'alias_delete', name: 'm', alias: 'a' })).toEqual(['registry', 'S', 'alias', 'delete', 'm', 'a']);
    expect(opCliArgs('S', { op: 'tag_set', name: 'm', version: '1', key: 'k', value: 'v' })).toEqual([
      'registry', 'S', 'tag', 'set', 'm', '--version', '1', 'k', 'v',
    ]);
    expect(opCliArgs('S', { op: 'tag_delete', name: 'm', key: 'k' })).toEqual(['registry', 'S', 'tag', 'delete', 'm', 'k']);
    expect(opCliArgs('S', { op: 'describe', name: 'm', version: '4', text: 't' })).toEqual(['registry', 'S', 'describe', 'm', '--version', '4', 't']);
  });

  it('covers every kind of edit', () => {
    expect(new Set(ROUNDTRIP_OPS.map((o) => o.op))).toEqual(new Set(['transition', 'alias_set', 'alias_delete', 'tag_set', 'tag_delete', 'describe']));
  });

  it('projects the edited fields only', () => {
    const p = projectRegistry(
      [{ name: 'm', description: 'd', tags: [{ key: 'k', value: 'v' }], aliases: [{ alias: 'a', version: '1' }], last_updated_timestamp: 5 }],
      [{ name: 'm', version: '1', current_stage: 'Staging', aliases: ['a'], last_updated_timestamp: 6 }],
    );
    expect(p).toEqual({
      models: { m: { description: 'd', tags: { k: 'v' }, aliases: { a: '1' } } },
      versions: { 'm v1': { current_stage: 'Staging', description: '', tags: {}, aliases: ['a'] } },
    });
  });
});
