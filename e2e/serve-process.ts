import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO = resolve(import.meta.dirname, '..');

export interface ServeProcess {
  child: ChildProcess;
  /** The printed address, with its token. */
  url: string;
  /** What the server wrote to stderr so far. */
  stderr: () => string;
}

/**
 * Starts `rundesk serve <folder>` from the build (bin/rundesk.js) on a free port, with its index and
 * data folder inside `work`, and resolves with the address it prints. Used by the e2e fixtures and
 * the UI benchmark.
 */
export function startServe(folder: string, work: string, startTimeoutMs?: number): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rundesk.js'), 'serve', folder, '--port', '0', '--no-open', '--index', join(work, 'index.sqlite')],
    { env: { ...process.env, RUNDESK_DATA_DIR: join(work, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise<ServeProcess>((resolveServe, reject) => {
    let out = '';
    const timer =
      startTimeoutMs === undefined ? undefined : setTimeout(() => reject(new Error(`rundesk serve did not start in time.\n${err}`)), startTimeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveServe({ child, url: match[1]!, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rundesk serve exited with ${code}.\n${err}`));
    });
  });
}

/** Stops a server the way Ctrl+C does (SIGTERM), or kills it after 5 s. */
export function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
