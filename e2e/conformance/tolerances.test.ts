import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { MLFLOW_ONLY_FIELDS, TOLERANCES, usesGrammarExtension } from './tolerances.js';

const readme = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'README.md'), 'utf8');

describe('tolerances', () => {
  it('are all documented in README.md', () => {
    for (const t of TOLERANCES) expect(readme, `README.md must document ${t.id}`).toContain(`\`${t.id}\``);
  });

  it('list every MLflow-only field in README.md', () => {
    for (const [entity, fields] of Object.entries(MLFLOW_ONLY_FIELDS))
      for (const f of fields) expect(readme, `${entity}.${f}`).toContain(f);
  });
});

describe('usesGrammarExtension', () => {
  it('recognises RunDesk-only syntax', () => {
    for (const f of [
      'metrics.a > 1 OR metrics.b < 2',
      "NOT params.x = 'a'",
      "attributes.status IN ('KILLED', 'FAILED')",
      "attributes.user_id NOT IN ('bob')",
      '(metrics.a > 1)',
      'metrics.a BETWEEN 1 AND 2',
      'resnet',
    ])
      expect(usesGrammarExtension(f), f).toBe(true);
  });

  it('does not excuse MLflow syntax or plain mistakes', () => {
    for (const f of [
      "attributes.run_id IN ('a', 'b')",
      "run_id NOT IN ('a')",
      "params.x = 'a OR b'",
      'metrics.`a OR b` > 1',
      "params.optimizer > 'adam'",
      "metrics.accuracy LIKE '0.8%'",
      "unknown.key = 'x'",
      'metrics.train/loss < 0.7',
    ])
      expect(usesGrammarExtension(f), f).toBe(false);
  });
});
