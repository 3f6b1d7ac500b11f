import { COMMANDS } from './commands/index.js';
import { CliError, writeLine, type CliIo } from './cli-command.js';
import { APP_VERSION } from '../app-version.js';

export const MAIN_USAGE = `Usage: rundesk <command> [options]
       rundesk <folder>            open a project folder in the desktop app

RunDesk indexes the MLflow stores in a project folder (mlruns/ file stores and mlflow.db SQL stores)
and lets you search, compare, export and manage the model registry offline.

Commands:
${''}`;

export function mainUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const lines = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `${MAIN_USAGE}${lines.join('\n')}

Options:
  -h, --help     show this help (or 'rundesk <command> --help')
  -v, --version  print the version

The index of a project is a rebuildable cache kept outside the project (see 'rundesk index --help').`;
}

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === '-h' || first === '--help' || first === 'help') {
      writeLine(io.stdout, mainUsage());
      return first === undefined ? 2 : 0;
    }
    if (first === '-v' || first === '--version') {
      writeLine(io.stdout, APP_VERSION);
      return 0;
    }
    const command = COMMANDS.find((c) => c.name === first);
    if (!command) throw new CliError(`Unknown command '${first}'. Run 'rundesk --help' to see the commands.`);
    if (rest.includes('-h') || rest.includes('--help')) {
      writeLine(io.stdout, command.usage);
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      writeLine(io.stderr, `rundesk: ${error.message}`);
      return error.exitCode;
    }
    writeLine(io.stderr, `rundesk: internal error: ${(error as Error).stack ?? String(error)}`);
    return 1;
  }
}

/** Entry point of the built CLI (bin/rundesk.js imports out/main/cli.js). */
export async function main(): Promise<void> {
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
  // Long-running commands (serve) never resolve; the rest set the exit code and let streams drain.
  process.exitCode = code;
}
