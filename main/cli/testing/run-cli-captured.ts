import { PassThrough } from 'node:stream';
import { runCli } from '../index.js';

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

/** Runs one `rundesk` command line in-process (test support) and returns its exit code and output. */
export async function runCliCaptured(argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliOutcome> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runCli(argv, { stdout, stderr, env: options.env ?? {}, cwd: options.cwd });
  return { code, out, err };
}
