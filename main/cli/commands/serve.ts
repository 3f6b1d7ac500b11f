import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../../db/index-location.js';
import { AppServices } from '../../services/app-services.js';
import { HANDLERS } from '../../services/handlers.js';
import { BrowserHost } from '../../serve/browser-host.js';
import { startHttpServer } from '../../serve/http-server.js';
import { CliError, parseCommandArgs, writeLine, type CliCommand } from '../cli-command.js';

const USAGE = `Usage: rundesk serve <folder> [--port N] [--no-open] [--index PATH] [--no-watch]

Serves RunDesk for one project folder on http://127.0.0.1 only, like 'mlflow ui' but without Python:
the same app as the desktop window, for a headless training machine (reach it through an SSH tunnel:
ssh -L 5174:127.0.0.1:5174 host). The URL it prints carries a random token that changes at every start;
requests without it are refused.

Options:
  --port N      port to listen on (default 5174; 0 picks a free one)
  --no-open     do not open a browser
  --index PATH  index file to use (default: in the user's cache folder, never inside the project)
  --no-watch    do not follow changes on disk`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app for a folder on 127.0.0.1, for a browser (headless machines, SSH tunnels)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        port: { type: 'string', default: '5174' },
        'no-open': { type: 'boolean', default: false },
        index: { type: 'string' },
        'no-watch': { type: 'boolean', default: false },
      },
      'serve',
    );
    if (positionals.length !== 1) throw new CliError("serve takes one folder. See 'rundesk serve --help'.");
    const folder = resolve(io.cwd, positionals[0]!);
    if (!existsSync(folder)) throw new CliError(`${folder} does not exist.`);
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, not '${values.port}'.`);
    const staticRoot = rendererBuildDir(io.env);

    const dataDir = defaultDataDir(io.env);
    const host = new BrowserHost(folder, dataDir);
    const services = new AppServices({ host, dataDir, indexPath: values.index ? resolve(io.cwd, values.index) : undefined, watch: !values['no-watch'] });
    const log = (error: unknown) => writeLine(io.stderr, `rundesk: ${(error as Error).stack ?? String(error)}`);
    let running;
    try {
      running = await startHttpServer({ services, host, handlers: HANDLERS, staticRoot, port, log });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new CliError(`Port ${port} is in use; pick another with --port, or --port 0 for any free port.`);
      throw error;
    }
    // Start indexing right away; the page shows progress while it runs.
    const opening = services.openProject(folder).catch((error: unknown) => log(error));
    writeLine(io.stdout, `RunDesk is serving ${folder} at ${running.url}`);
    writeLine(io.stdout, 'Press Ctrl+C to stop.');
    if (!values['no-open']) openBrowser(running.url);

    await new Promise<void>((done) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void opening
          .then(() => running.close())
          .then(() => services.close())
          .finally(done);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};

/** out/renderer next to the built CLI (out/main/cli.js), or found upwards when running from source. */
export function rendererBuildDir(env: NodeJS.ProcessEnv): string {
  if (env.RUNDESK_RENDERER_DIR) return resolve(env.RUNDESK_RENDERER_DIR);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    for (const candidate of [join(dir, 'renderer'), join(dir, 'out', 'renderer')]) {
      if (existsSync(join(candidate, 'index.html')) && statSync(candidate).isDirectory()) return candidate;
    }
    dir = dirname(dir);
  }
  throw new CliError("The app's pages are not built. Run 'npm run build' first.");
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser on a headless machine: the printed URL is enough
    child.unref();
  } catch {
    // same as above
  }
}
