import type { IndexDb } from '../db/open-index.js';
import type { Field } from '../search/ast.js';
import type { SuggestionSource } from '../search/suggest.js';
import { prepared } from './prepared.js';
import { listRunColumns } from './run-columns.js';

const TOP_VALUES = 20;

/** Keys and frequent values of the selected experiments (all when empty), for `search:suggest`. */
export function indexSuggestionSource(db: IndexDb, experimentKeys: readonly number[]): SuggestionSource {
  const scope = experimentKeys.length > 0 ? 'AND run_key IN (SELECT run_key FROM runs WHERE exp_key IN (SELECT value FROM json_each(?)))' : '';
  const scopeParams = experimentKeys.length > 0 ? [JSON.stringify(experimentKeys)] : [];
  return {
    keys(kind) {
      const columns = listRunColumns(db, experimentKeys);
      return kind === 'metric' ? columns.metrics : kind === 'param' ? columns.params : columns.tags;
    },
    values(field: Field) {
      if (field.kind === 'param' || field.kind === 'tag') {
        const table = field.kind === 'param' ? 'params' : 'tags';
        return prepared(db, `SELECT value FROM ${table} WHERE key = ? ${scope} GROUP BY value ORDER BY count(*) DESC, value LIMIT ${TOP_VALUES}`)
          .pluck()
          .all(field.key, ...scopeParams) as string[];
      }
      if (field.kind === 'dataset') {
        const column = field.key === 'digest' ? 'digest' : field.key === 'context' ? 'context' : 'name';
        return prepared(
          db,
          `SELECT ${column} FROM dataset_inputs WHERE ${column} IS NOT NULL ${scope} GROUP BY ${column} ORDER BY count(*) DESC, ${column} LIMIT ${TOP_VALUES}`,
        )
          .pluck()
          .all(...scopeParams) as string[];
      }
      if (field.kind === 'attribute' && field.key === 'user_id') {
        return prepared(db, `SELECT user_id FROM runs WHERE user_id != '' ${scope} GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT ${TOP_VALUES}`)
          .pluck()
          .all(...scopeParams) as string[];
      }
      return [];
    },
  };
}
