import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './testing/run-cli-captured.js';

const run = (...argv: string[]) => runCliCaptured(argv, { cwd: process.cwd() });

describe('rundesk command line', () => {
  it('--help lists the commands', async () => {
    const { code, out } = await run('--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: rundesk <command>');
    expect(out).toMatch(/^\s+serve\s+/m);
  });

  it('--version prints the version', async () => {
    const { code, out } = await run('--version');
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a user mistake is one sentence on stderr with exit code 2, no stack trace', async () => {
    for (const argv of [['frobnicate'], ['serve'], ['serve', '/definitely/not/here'], ['serve', '.', '--port', 'abc'], ['serve', '.', '--bogus']]) {
      const { code, err, out } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
      expect(err).toMatch(/^rundesk: /);
      expect(err).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });

  it('<command> --help prints that command’s usage', async () => {
    const { code, out } = await run('serve', '--help');
    expect(code).toBe(0);
    expect(out).toContain('Usage: rundesk serve <folder>');
  });
});
