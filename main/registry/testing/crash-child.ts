import type { ModelStage, RegistryEdit } from '../../../preload/contract.js';
import { applyFileEdit } from '../file-store/file-store-writer.js';

/**
 * Test support for crash-safety.test.ts: applies registry edits to a file store in an endless loop
 * until the parent kills it (SIGKILL) at a random moment. Prints "ready" once the first edit is done.
 * Usage: node --import tsx crash-child.ts <store root> <model name> <versions, comma-separated> <seed>
 */
const [storeRoot, name, versionList, seedText] = process.argv.slice(2);
if (!storeRoot || !name || !versionList) throw new Error('usage: crash-child.ts <store> <model> <versions> <seed>');
const versions = versionList.split(',').map(Number);
let seed = Number(seedText ?? 1) >>> 0;
const random = (n: number): number => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed % n;
};
const stages: ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];
const model = { storeId: 1, name };

for (let i = 0; ; i++) {
  const version = versions[random(versions.length)]!;
  const pick = random(5);
  const stage = stages[random(stages.length)]!;
  const edit: RegistryEdit =
    pick === 0
      ? { kind: 'transition', model: { ...model, version }, stage, archiveExisting: stage === 'Staging' || stage === 'Production' }
      : pick === 1
        ? { kind: 'set-alias', model, alias: `a${random(3)}`, version }
        : pick === 2
          ? { kind: 'set-tag', model, version: random(2) ? version : null, key: `k${random(3)}`, value: `value ${i} ${'x'.repeat(random(200))}` }
          : pick === 3
            ? { kind: 'describe', model, version: random(2) ? version : null, description: `edit ${i}\n${'long text '.repeat(random(40))}` }
            : { kind: 'transition', model: { ...model, version }, stage, archiveExisting: false };
  try {
    applyFileEdit(storeRoot, edit);
  } catch (error) {
    // A CONFLICT or NOT_FOUND cannot happen with a single writer; anything else is a real failure.
    process.stderr.write(`edit ${i} failed: ${(error as Error).message}\n`);
    process.exit(3);
  }
  if (i === 0) process.stdout.write('ready\n');
}
