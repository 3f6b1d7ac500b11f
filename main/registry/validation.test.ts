import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { canonicalStage, validateAlias, validateArchiveExisting, validateModelName, validateTagKey } from './validation.js';
import { findMlflowPython, skipReason } from './testing/mlflow-python.js';

const accepts = (check: (s: string) => void, value: string): boolean => {
  try {
    check(value);
    return true;
  } catch {
    return false;
  }
};

const ALIASES = ['champion', 'best_model', 'a-b', 'v', 'vx3', 'V', 'version3', 'Champion2', 'é', '日本', '٣', '', 'latest', 'LATEST', 'v3', 'V12', 'a b', 'a.b', 'a/b', 'x'.repeat(255), 'x'.repeat(256), 'a:b', 'a\u0301'];
const TAG_KEYS = ['k', 'a/b', 'a.b', 'with space', 'a:b', 'a-b_c', 'é', '', '../x', 'a/../b', '/abs', './x', 'a//b', 'a/', '.', 'a\\b', 'a*b', 'x'.repeat(250), 'x'.repeat(251), 'a\u0301'];

describe('validation mirrors MLflow', () => {
  it('accepts and rejects aliases', () => {
    expect(ALIASES.filter((a) => accepts(validateAlias, a))).toEqual(['champion', 'best_model', 'a-b', 'v', 'vx3', 'V', 'version3', 'Champion2', 'é', '日本', '٣', 'x'.repeat(255)]);
  });

  it('accepts and rejects tag keys', () => {
    expect(TAG_KEYS.filter((k) => accepts((key) => validateTagKey(key, 'linux'), k))).toEqual(['k', 'a/b', 'a.b', 'with space', 'a:b', 'a-b_c', 'é', 'x'.repeat(250)]);
    expect(accepts((key) => validateTagKey(key, 'win32'), 'a:b')).toBe(false);
  });

  it('checks model names, stages and archiving', () => {
    expect(accepts(validateModelName, 'three demo')).toBe(true);
    expect(accepts(validateModelName, 'a/b')).toBe(false);
    expect(accepts(validateModelName, '50%')).toBe(false);
    expect(canonicalStage('production')).toBe('Production');
    expect(() => canonicalStage('prod')).toThrow(/Invalid stage/);
    expect(() => validateArchiveExisting('Archived', true)).toThrow(/Staging and Production/);
    expect(() => validateArchiveExisting('Staging', true)).not.toThrow();
  });

  const found = findMlflowPython();
  it.skipIf(!found)(`agrees with the installed MLflow's validators (${found ? found.mlflowVersion : skipReason()})`, () => {
    const script = `
import json, sys
from mlflow.utils import validation as v
from mlflow.utils.validation import _validate_tag_name, _validate_length_limit, MAX_MODEL_REGISTRY_TAG_KEY_LENGTH
def alias(a):
    # MLflow 3.x split the check in two; 2.x has one function.
    if hasattr(v, "_validate_model_alias_name"):
        v._validate_model_alias_name(a)
    else:
        v._validate_alias_name(a); v._validate_alias_name_reserved(a)
def ok(f, v):
    try:
        f(v); return True
    except Exception:
        return False
def tag(k):
    _validate_tag_name(k); _validate_length_limit("key", MAX_MODEL_REGISTRY_TAG_KEY_LENGTH, k)
data = json.load(sys.stdin)
print(json.dumps({"aliases": [a for a in data["aliases"] if ok(alias, a)],
                  "keys": [k for k in data["keys"] if ok(tag, k)]}))`;
    const run = spawnSync(found!.python, ['-c', script], { input: JSON.stringify({ aliases: ALIASES, keys: TAG_KEYS }), encoding: 'utf8', timeout: 120_000 });
    const mlflow = JSON.parse(run.stdout) as { aliases: string[]; keys: string[] };
    expect(ALIASES.filter((a) => accepts(validateAlias, a))).toEqual(mlflow.aliases);
    expect(TAG_KEYS.filter((k) => accepts((key) => validateTagKey(key, 'linux'), k))).toEqual(mlflow.keys);
  });
});
