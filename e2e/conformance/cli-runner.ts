// Runs RunDesk's CLI for the harness, either as the real binary (`node bin/rundesk.js ...`) or
// in-process through the same entry point the binary uses (`runCli(argv, io)` of main/cli/index.ts),
// which avoids a Node start-up per command for the hundreds of history/search calls.
//
// RUNDESK_CONFORMANCE_CLI = spawn | inprocess | auto (default auto: the per-store commands
// experiments/runs/registry go through the binary; history and filtered searches in-process when
// the source entry point loads, otherwise through the binary too).

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';

export interface CliOutput {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export type CliMode = 'spawn' | 'inprocess';

type RunCli = (
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv; cwd: string },
) => Promise<number>;

function memoryStream(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer | string, _enc, cb) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      cb();
    },
  });
}

export class RundeskCli {
  private runCliFn: RunCli | undefined;
  private inprocessError: string | undefined;
  private readonly pools: Record<CliMode, { running: number; queue: (() => void)[]; limit: number }>;
  calls = 0;
  totalMs = 0;

  constructor(
    readonly repo: string,
    readonly preference: 'spawn' | 'inprocess' | 'auto' = 'auto',
    readonly concurrency = 2,
    readonly timeoutMs = 120_000,
  ) {
    // in-process commands share this process (and maybe an index file): one at a time
    this.pools = { spawn: { running: 0, queue: [], limit: concurrency }, inprocess: { running: 0, queue: [], limit: 1 } };
  }

  get binary(): string {
    return join(this.repo, 'bin', 'rundesk.js');
  }

  get builtCli(): string {
    return join(this.repo, 'out', 'main', 'cli.js');
  }

  /** Loads main/cli/index.ts through tsx (the harness runs under `node --import tsx`). */
  async loadInprocess(): Promise<boolean> {
    if (this.runCliFn) return true;
    if (this.inprocessError !== undefined) return false;
    const entry = join(this.repo, 'main', 'cli', 'index.ts');
    try {
      const mod = (await import(pathToFileURL(entry).href)) as { runCli?: RunCli };
      if (typeof mod.runCli !== 'function') throw new Error(`${entry} does not export runCli`);
      this.runCliFn = mod.runCli;
      return true;
    } catch (error) {
      this.inprocessError = (error as Error).message.split('\n')[0];
      return false;
    }
  }

  get inprocessProblem(): string | undefined {
    return this.inprocessError;
  }

  /** Which mode a command of the given weight uses. */
  async modeFor(bulk: boolean): Promise<CliMode> {
    if (this.preference === 'spawn') return 'spawn';
    if (this.preference === 'inprocess') return (await this.loadInprocess()) ? 'inprocess' : 'spawn';
    if (!bulk) return existsSync(this.builtCli) ? 'spawn' : (await this.loadInprocess()) ? 'inprocess' : 'spawn';
    return (await this.loadInprocess()) ? 'inprocess' : 'spawn';
  }

  async run(argv: string[], opts: { bulk?: boolean } = {}): Promise<CliOutput> {
    const mode = await this.modeFor(opts.bulk ?? false);
    await this.acquire(mode);
    const started = performance.now();
    try {
      const out = mode === 'inprocess' ? await this.runInprocess(argv) : await this.runSpawn(argv);
      const ms = performance.now() - started;
      this.calls++;
      this.totalMs += ms;
      return { ...out, ms };
    } finally {
      this.release(mode);
    }
  }

  /** Runs and parses stdout as JSON; `error` holds the reason when that fails. */
  async json<T>(argv: string[], opts: { bulk?: boolean } = {}): Promise<{ value?: T; error?: string; out: CliOutput }> {
    const out = await this.run(argv, opts);
    if (out.code !== 0) return { error: firstLine(out.stderr) || `exit code ${out.code}`, out };
    try {
      return { value: JSON.parse(out.stdout) as T, out };
    } catch (error) {
      return { error: `stdout is not JSON (${(error as Error).message}): ${out.stdout.slice(0, 200)}`, out };
    }
  }

  private async runInprocess(argv: string[]): Promise<Omit<CliOutput, 'ms'>> {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let code: number;
    try {
      code = await this.runCliFn!(argv, {
        stdout: memoryStream(out),
        stderr: memoryStream(err),
        env: process.env,
        cwd: this.repo,
      });
    } catch (error) {
      code = 1;
      err.push(Buffer.from(`internal error: ${(error as Error).stack ?? String(error)}`));
    }
    return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
  }

  private runSpawn(argv: string[]): Promise<Omit<CliOutput, 'ms'>> {
    return new Promise((resolvePromise) => {
      const child = spawn(process.execPath, [this.binary, ...argv], {
        cwd: this.repo,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.stderr.on('data', (c: Buffer) => err.push(c));
      const timer = setTimeout(() => {
        err.push(Buffer.from(`\n(conformance: killed after ${this.timeoutMs} ms)`));
        child.kill('SIGKILL');
      }, this.timeoutMs);
      child.on('error', (e) => err.push(Buffer.from(String(e))));
      child.on('close', (code) => {
        clearTimeout(timer);
        resolvePromise({
          code: code ?? 1,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
        });
      });
    });
  }

  private acquire(mode: CliMode): Promise<void> {
    const pool = this.pools[mode];
    if (pool.running < pool.limit) {
      pool.running++;
      return Promise.resolve();
    }
    return new Promise((r) =>
      pool.queue.push(() => {
        pool.running++;
        r();
      }),
    );
  }

  private release(mode: CliMode): void {
    const pool = this.pools[mode];
    pool.running--;
    pool.queue.shift()?.();
  }
}

export function firstLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const line =
    lines.find((l) => l.startsWith('rundesk:')) ?? lines.find((l) => /^(\w*Error\b|Error:)/.test(l)) ?? lines[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/** True when the CLI says the (sub)command does not exist (registry writes not written yet). */
export function isUnknownCommand(out: CliOutput): boolean {
  return out.code !== 0 && /unknown (sub)?command|not a registry command|unknown action/i.test(out.stderr + out.stdout);
}
