import type { ViewType } from '../../../preload/contract.js';
import type { IndexDb } from '../../db/open-index.js';

/** One question put to both MLflow and RunDesk in the differential test. */
export interface DiffQuery {
  id: number;
  kind?: 'runs' | 'experiments';
  filter: string;
  orderBy?: string[];
  view?: ViewType;
  /** Where MLflow's two stores disagree with each other, compare with the one RunDesk follows. */
  only?: 'sql' | 'file';
}

type Spec = Omit<DiffQuery, 'id'>;

const HAND_WRITTEN: Spec[] = [
  { filter: '' },
  { filter: '', view: 'all' },
  { filter: '', view: 'deleted' },
  { filter: 'metrics.rmse < 0.5' },
  { filter: 'metrics.rmse <= 0.5' },
  { filter: 'metrics.rmse > 0.5' },
  { filter: 'metrics.rmse >= 0.37' },
  { filter: 'metrics.rmse = 0.37' },
  { filter: 'metrics.rmse != 0.37' },
  { filter: 'metrics.rmse > -1e400' },
  { filter: 'metrics.rmse < 1e308' },
  { filter: 'metric.acc > .5' },
  { filter: 'metrics.`f1 score` = 0.25' },
  { filter: 'metrics."f1 score" >= 0.5' },
  { filter: 'metrics.loss < 0.3' },
  { filter: 'metrics.missing_metric > 0' },
  { filter: 'metrics.rmse < 0.5 AND metrics.acc > 0.2' },
  { filter: "metrics.rmse < 0.5 and params.model = 'resnet50'" },
  { filter: "params.model = 'resnet50'" },
  { filter: 'params.model = "ResNet18"' },
  { filter: "params.model != 'resnet50'" },
  { filter: "params.model LIKE 'res%'" },
  { filter: "params.model LIKE 'Res%'" },
  { filter: "params.model ILIKE 'res%'" },
  { filter: "params.model LIKE 'vgg_16'" },
  { filter: "params.model LIKE 'vgg\\_16'" },
  { filter: "params.model LIKE '%\\%%'" },
  { filter: "params.model LIKE 'xgb%v2'" },
  { filter: "params.model LIKE '%'" },
  { filter: "params.model LIKE '_gg%'" },
  { filter: "params.optimizer = 'adam'" },
  { filter: "params.optimizer ILIKE 'ADAM'" },
  { filter: "params.lr = '0.01'" },
  { filter: "params.lr = 0.01" },
  { filter: "params.lr > '0.01'" },
  { filter: "params.`my key` = 'v0'" },
  { filter: "params.`my key` != 'v0'" },
  { filter: "param.`a.b` = 'dotted'" },
  { filter: "params.a.b = 'dotted'" },
  { filter: "parameters.layers = '3'" },
  { filter: 'params.lr IS NULL' },
  { filter: 'params.lr IS NOT NULL' },
  { filter: "params.lr is not null and params.model = 'vgg_16'" },
  { filter: "tags.team = 'vision'" },
  { filter: "tags.team ILIKE 'vision'" },
  { filter: "tags.team LIKE 'V%'" },
  { filter: "tags.team != 'nlp'" },
  { filter: "tag.priority = 'high'" },
  { filter: 'tags.priority IS NULL' },
  { filter: 'tags.priority IS NOT NULL' },
  { filter: "tags.`mlflow.runName` LIKE '%-1%'" },
  { filter: "tags.mlflow.runName = 'vgg_16-2'" },
  { filter: "tags.note LIKE 'First%'" },
  // % spans line breaks in SQL LIKE; the file store's regex stops at them.
  { filter: "tags.note LIKE '%LINE'", only: 'sql' },
  { filter: "tags.note ILIKE '%second line'", only: 'sql' },
  { filter: "attributes.status = 'FINISHED'" },
  { filter: "attributes.status = 'finished'" },
  { filter: "status != 'RUNNING'" },
  { filter: "attr.status LIKE 'F%'" },
  { filter: "run.status ILIKE 'killed'" },
  { filter: "attributes.run_name = 'resnet50-0'" },
  { filter: "attributes.run_name LIKE 'resnet%'" },
  { filter: "attributes.run_name ILIKE '%RESNET%'" },
  { filter: "attributes.run_name ILIKE 'modèle%'" },
  // ILIKE ignores ASCII case only on SQLite (lower()); the file store's regex ignores all case.
  { filter: "attributes.run_name ILIKE '%é%'", only: 'sql' },
  { filter: "attributes.run_name = \"it's run 11\"" },
  { filter: "`run name` = 'vgg_16-2'" },
  { filter: "attributes.`Run Name` LIKE 'bert%'" },
  { filter: "run_name != 'resnet50-0'" },
  { filter: 'attributes.start_time > 1700000005000' },
  { filter: 'attributes.start_time >= 1700000005000 AND attributes.start_time < 1700000008000' },
  { filter: 'created > 1700000010000' },
  { filter: 'attributes.end_time > 0' },
  { filter: 'end_time < 1700000010000' },
  { filter: 'start_time = 1700000003000' },
  { filter: "attributes.user_id != ''" },
  { filter: "attributes.artifact_uri LIKE '%artifacts'" },
  { filter: "datasets.name = 'data-0'" },
  { filter: "datasets.digest != 'd0'" },
  { filter: "datasets.context = 'training'" },
  { filter: "datasets.context != 'training'" },
  { filter: "datasets.context IN ('training', 'eval')" },
  { filter: "datasets.name NOT IN ('data-0')" },
  { filter: "dataset.name LIKE 'data%' AND datasets.context = 'eval'" },
  { filter: "datasets.name ILIKE 'DATA-1'" },
  // Quirks MLflow accepts.
  { filter: "metrics.rmse < 0.5 AND" },
  { filter: "AND metrics.rmse < 0.5" },
  { filter: "metrics.rmse < 0.5 metrics.acc > 0.3" },
  { filter: "params.model = 'it''s'" },
  // What MLflow rejects (RunDesk must too, or mark an extension).
  { filter: "metrics.rmse = 'a'" },
  { filter: 'metrics.rmse LIKE 0.5' },
  { filter: "params.lr < '1'" },
  { filter: 'params.lr = 1' },
  { filter: "tags.team > 'a'" },
  { filter: "attributes.start_time = 'a'" },
  { filter: "attributes.lifecycle_stage = 'active'" },
  { filter: "attributes.experiment_id = '1'" },
  { filter: "foo.bar = 'x'" },
  { filter: "METRICS.rmse > 1" },
  { filter: "metrics.rmse <> 1" },
  { filter: "metrics.rmse == 1" },
  { filter: 'metrics.rmse IS NULL' },
  { filter: 'status IS NULL' },
  { filter: "datasets.foo = 'x'" },
  { filter: "datasets.name > 'a'" },
  { filter: "params.model = 'x';" },
  { filter: "params.model = 'x' -- c" },
  { filter: "attributes.run_name RLIKE 'res'" },
  { filter: 'metrics.rmse > +1' },
  { filter: 'metrics.rmse > 1e+3' },
  { filter: "run_id IN ()" },
  { filter: "run_id IN (1, 2)" },
  // RunDesk extensions (MLflow rejects; RunDesk answers).
  { filter: "metrics.rmse < 0.3 OR params.model = 'vgg_16'" },
  { filter: "(metrics.rmse < 0.3)" },
  { filter: "NOT params.model = 'vgg_16'" },
  { filter: "params.model IN ('vgg_16', 'bert-base')" },
  { filter: "status IN ('FAILED', 'KILLED')" },
  { filter: 'metrics.rmse BETWEEN 0.2 AND 0.6' },
  { filter: 'resnet' },
  // Sorts.
  { filter: '', orderBy: ['metrics.rmse DESC'] },
  { filter: '', orderBy: ['metrics.rmse ASC'] },
  { filter: '', orderBy: ['metrics.rmse'] },
  { filter: '', orderBy: ['metrics.acc DESC'] },
  { filter: '', orderBy: ['metrics.`f1 score` ASC'] },
  { filter: '', orderBy: ['metrics.loss DESC'] },
  { filter: '', orderBy: ['params.lr ASC'] },
  { filter: '', orderBy: ['params.lr DESC'] },
  { filter: '', orderBy: ['params.`my key` DESC'] },
  { filter: '', orderBy: ['tags.priority ASC'] },
  { filter: '', orderBy: ['tags.team DESC'] },
  { filter: '', orderBy: ['attributes.start_time ASC'] },
  { filter: '', orderBy: ['start_time DESC'] },
  { filter: '', orderBy: ['created'] },
  { filter: '', orderBy: ['attributes.end_time DESC'] },
  { filter: '', orderBy: ['end_time'] },
  { filter: '', orderBy: ['attributes.run_name'] },
  { filter: '', orderBy: ['run_name DESC'] },
  { filter: '', orderBy: ['status', 'metrics.rmse DESC'] },
  { filter: '', orderBy: ['tags.team', 'params.lr DESC', 'metrics.acc'] },
  { filter: '', orderBy: ['run_id'] },
  { filter: '', orderBy: ['user_id DESC'] },
  { filter: "params.model = 'resnet50'", orderBy: ['metrics.rmse DESC'] },
  { filter: '', orderBy: ['metrics.rmse DESC'], view: 'all' },
  { filter: '', orderBy: ['metrics.rmse'], view: 'deleted' },
  // The SQL store rejects a repeated sort key; the file store accepts it. RunDesk follows SQL.
  { filter: '', orderBy: ['metrics.rmse DESC', 'metrics.rmse ASC'], only: 'sql' },
  { filter: '', orderBy: ['datasets.name'] },
  { filter: '', orderBy: ['metrics.rmse DESCENDING'] },
  { filter: '', orderBy: ['lifecycle_stage'] },
  { filter: '', orderBy: ['`run name`'] },
  // Experiments.
  { kind: 'experiments', filter: '' },
  { kind: 'experiments', filter: '', view: 'all' },
  { kind: 'experiments', filter: '', view: 'deleted' },
  { kind: 'experiments', filter: "name = 'exp-a'" },
  { kind: 'experiments', filter: "name LIKE 'exp%'" },
  { kind: 'experiments', filter: "name ILIKE 'EXP-B'" },
  { kind: 'experiments', filter: "name != 'Default'" },
  { kind: 'experiments', filter: "tags.team = 'vision'" },
  { kind: 'experiments', filter: "tag.team != 'vision'" },
  { kind: 'experiments', filter: 'tags.stage IS NULL' },
  { kind: 'experiments', filter: 'tags.stage IS NOT NULL' },
  { kind: 'experiments', filter: 'creation_time > 0' },
  { kind: 'experiments', filter: "attributes.name = 'exp-a'" },
  { kind: 'experiments', filter: "attribute.name LIKE 'exp%'" },
  { kind: 'experiments', filter: "attr.name = 'exp-a'" },
  // The SQL store takes only = != IN NOT IN on experiment_id; the file store also takes LIKE.
  { kind: 'experiments', filter: "experiment_id LIKE '1'", only: 'sql' },
  { kind: 'experiments', filter: "params.x = 'a'" },
  { kind: 'experiments', filter: "name = 'exp-a' OR name = 'exp-b'" },
];

export const DIFFERENTIAL_QUERIES: DiffQuery[] = HAND_WRITTEN.map((spec, i) => ({ id: i + 1, ...spec }));

/** Filters and sorts built from the keys and values the store really holds. */
export function generatedQueries(db: IndexDb, firstId: number): DiffQuery[] {
  const specs: Spec[] = [];
  const quote = (v: string) => (v.includes("'") ? `"${v}"` : `'${v}'`);
  const ident = (prefix: string, key: string) => (/^[\w.]+$/.test(key) ? `${prefix}.${key}` : `${prefix}.\`${key}\``);
  for (const table of ['params', 'tags'] as const) {
    const prefix = table;
    const keys = db.prepare(`SELECT DISTINCT key FROM ${table} WHERE key NOT LIKE 'mlflow.%' ORDER BY key`).pluck().all() as string[];
    for (const key of keys) {
      const values = db.prepare(`SELECT DISTINCT value FROM ${table} WHERE key = ? AND value NOT LIKE '%' || char(10) || '%' ORDER BY value LIMIT 3`).pluck().all(key) as string[];
      for (const value of values) {
        specs.push({ filter: `${ident(prefix, key)} = ${quote(value)}` });
        specs.push({ filter: `${ident(prefix, key)} != ${quote(value)}`, orderBy: [`${ident(prefix, key)} DESC`] });
        if (value.length > 1 && !/[%_]/.test(value)) {
          specs.push({ filter: `${ident(prefix, key)} LIKE ${quote(`${value.slice(0, 2)}%`)}` });
          specs.push({ filter: `${ident(prefix, key)} ILIKE ${quote(`%${value.slice(1).toUpperCase()}`)}` });
        }
      }
      specs.push({ filter: '', orderBy: [`${ident(prefix, key)} ASC`] });
    }
  }
  const metricKeys = db.prepare('SELECT DISTINCT key FROM latest_metrics ORDER BY key').pluck().all() as string[];
  for (const key of metricKeys) {
    const values = db.prepare('SELECT DISTINCT value FROM latest_metrics WHERE key = ? AND value IS NOT NULL AND abs(value) < 1e300 ORDER BY value').pluck().all(key) as number[];
    const middle = values[Math.floor(values.length / 2)];
    if (middle === undefined) continue;
    for (const op of ['<', '<=', '>', '>=', '=', '!=']) specs.push({ filter: `${ident('metrics', key)} ${op} ${middle}`, orderBy: [`${ident('metrics', key)} ASC`] });
    specs.push({ filter: `${ident('metrics', key)} > ${middle}`, orderBy: [`${ident('metrics', key)} DESC`], view: 'all' });
  }
  return specs.map((spec, i) => ({ id: firstId + i + 1, ...spec }));
}
