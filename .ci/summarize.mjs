// Adds up what every test stage reported into one closing line: `N passed, N failed`.
// Stages: Vitest (unit.json), Playwright (e2e.json), and scripts that write <name>.counts.json.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];

function add(name, p, f, s = 0) {
  passed += p;
  failed += f;
  skipped += s;
  lines.push(`${name.padEnd(12)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ''}`);
}

const unit = join(dir, 'unit.json');
if (existsSync(unit)) {
  const r = JSON.parse(readFileSync(unit, 'utf8'));
  add('unit', r.numPassedTests ?? 0, (r.numFailedTests ?? 0) + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0), (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0));
}
const e2e = join(dir, 'e2e.json');
if (existsSync(e2e)) {
  const s = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
  add('e2e', s.expected ?? 0, (s.unexpected ?? 0) + (s.flaky ?? 0), s.skipped ?? 0);
}
for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.counts.json')).sort() : []) {
  const c = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  add(file.replace('.counts.json', ''), c.passed ?? 0, c.failed ?? 0, c.skipped ?? 0);
}
for (const line of lines) console.log(line);
if (lines.length === 0) {
  console.log('no test stage reported any result');
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 ? 0 : 1;
