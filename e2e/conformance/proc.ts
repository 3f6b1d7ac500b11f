// Child processes and a tiny concurrency limiter for the conformance harness.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export function exec(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<ExecResult> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          err.push(Buffer.from(`\n(killed after ${opts.timeoutMs} ms)`));
          child.kill('SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    child.on('error', (e) => err.push(Buffer.from(String(e))));
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolvePromise({
        code: code ?? 1,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      });
    });
  });
}

/** Runs async jobs with at most `limit` at a time, in submission order. */
export class Limiter {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

export function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines[lines.length - 1]?.trim() ?? '';
}

export function tail(text: string, n = 15): string {
  return text.trim().split('\n').slice(-n).join('\n');
}

/**
 * A long-lived `mlflow_dump.py --serve` process: one JSON argument array per request, one JSON
 * reply line {"id", "code"}. Pays MLflow's import time once instead of per store.
 */
export class PyServer {
  private child: ReturnType<typeof spawn> | undefined;
  private buffer = '';
  private nextId = 1;
  private readonly waiting = new Map<number, (code: number) => void>();
  private stderrTail = '';

  constructor(
    readonly python: string,
    readonly script: string,
    readonly env: NodeJS.ProcessEnv,
    readonly cwd?: string,
  ) {}

  private start(): ReturnType<typeof spawn> {
    if (this.child) return this.child;
    const child = spawn(this.python, [this.script, '--serve'], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (!line.trim()) continue;
        try {
          const reply = JSON.parse(line) as { id: number; code: number };
          this.waiting.get(reply.id)?.(reply.code);
          this.waiting.delete(reply.id);
        } catch {
          // not a reply line
        }
      }
    });
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      this.stderrTail = (this.stderrTail + chunk).slice(-4000);
    });
    child.on('close', () => {
      for (const [, resolveWaiting] of this.waiting) resolveWaiting(-1);
      this.waiting.clear();
      this.child = undefined;
    });
    this.child = child;
    return child;
  }

  /** Sends one request; resolves with its exit code (-1 when the server died). */
  request(argv: string[]): Promise<number> {
    const child = this.start();
    const id = this.nextId++;
    return new Promise((resolveRequest) => {
      this.waiting.set(id, resolveRequest);
      child.stdin!.write(`${JSON.stringify({ id, argv })}\n`);
    });
  }

  get lastStderr(): string {
    return this.stderrTail;
  }

  /** Ends the server; resolves once the process has exited (so its CPU time is accounted). */
  stop(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((r) => {
      child.once('close', () => r());
      child.stdin?.end();
    });
  }
}

/** A fixed set of PyServers; each request goes to a free one. */
export class PyServerPool {
  private readonly free: PyServer[];
  private readonly queue: ((s: PyServer) => void)[] = [];

  constructor(readonly servers: PyServer[]) {
    this.free = [...servers];
  }

  async request(argv: string[]): Promise<{ code: number; stderr: string }> {
    const server = this.free.pop() ?? (await new Promise<PyServer>((r) => this.queue.push(r)));
    try {
      const code = await server.request(argv);
      return { code, stderr: server.lastStderr };
    } finally {
      const next = this.queue.shift();
      if (next) next(server);
      else this.free.push(server);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
  }
}

/** CPU seconds used by this process and its reaped children (children: Linux /proc only). */
export function cpuSeconds(): { self: number; children: number | undefined } {
  const u = process.cpuUsage();
  let children: number | undefined;
  try {
    // fields after the ")" of the command name: state is field 3; cutime/cstime are fields 16/17
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    children = undefined;
  }
  return { self: (u.user + u.system) / 1e6, children };
}
