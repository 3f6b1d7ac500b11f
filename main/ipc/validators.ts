import type { InvokeArg, InvokeChannel } from '../../preload/contract.js';
import { MODEL_STAGES } from '../../preload/contract.js';
import { array, bool, int, literal, none, nullable, object, optional, str, union, type Schema } from './schema.js';

const key = int(0);
const keys = array(key, 100_000);
const view = literal('active', 'deleted', 'all');
const runQuery = object({
  experimentKeys: keys,
  filter: str(20_000),
  orderBy: array(str(1_000), 20),
  view,
  offset: int(0),
  limit: int(0, 100_000),
  runKeys: (v: unknown, p: string) => (v === undefined ? undefined : keys(v, p)),
});
const modelRef = object({ storeId: key, name: str(256) });
const versionRef = object({ storeId: key, name: str(256), version: int(1) });
const stage = literal(...MODEL_STAGES);
const artifactReq = object({ runKey: key, path: str(4_096) });

const registryEdit = union('kind', {
  transition: object({ kind: literal('transition'), model: versionRef, stage, archiveExisting: bool }),
  'set-alias': object({ kind: literal('set-alias'), model: modelRef, alias: str(255), version: int(1) }),
  'delete-alias': object({ kind: literal('delete-alias'), model: modelRef, alias: str(255) }),
  'set-tag': object({ kind: literal('set-tag'), model: modelRef, version: nullable(int(1)), key: str(250), value: str(100_000) }),
  'delete-tag': object({ kind: literal('delete-tag'), model: modelRef, version: nullable(int(1)), key: str(250) }),
  describe: object({ kind: literal('describe'), model: modelRef, version: nullable(int(1)), description: str(100_000) }),
});

const columnsSpec = union('mode', {
  all: object({ mode: literal('all') }),
  visible: object({
    mode: literal('visible'),
    params: array(str(250)),
    metrics: array(str(250)),
    tags: array(str(250)),
  }),
});

/**
 * One argument schema per channel. The mapped type makes a missing channel, or a schema whose
 * type drifts from the contract, a compile error.
 */
export const VALIDATORS: { [K in InvokeChannel]: Schema<InvokeArg<K>> } = {
  'app:info': none,
  'project:current': none,
  'project:open': none,
  'project:recent': none,
  'project:openRecent': str(64),
  'project:reindex': none,
  'index:progress': none,
  'problems:list': none,
  'experiments:list': view,
  'runs:columns': keys,
  'runs:list': runQuery,
  'runs:get': key,
  'runs:history': object({ runKeys: array(key, 1_000), keys: array(str(250), 1_000), maxPoints: int(0, 10_000_000) }),
  'search:check': str(20_000),
  'search:suggest': object({ experimentKeys: keys, filter: str(20_000), caret: int(0) }),
  'artifacts:list': artifactReq,
  'artifacts:preview': artifactReq,
  'registry:models': str(1_000),
  'registry:model': modelRef,
  'registry:version': versionRef,
  'registry:edit': registryEdit,
  'registry:undo': int(1),
  'export:csv': object({
    query: runQuery,
    format: literal('mlflow-ui', 'pandas', 'history'),
    columns: columnsSpec,
    metricKeys: array(str(250)),
    timeZone: optional(str(64)),
  }),
  'export:cancel': str(64),
};
