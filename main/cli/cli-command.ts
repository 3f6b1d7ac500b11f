import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A user mistake: printed as one sentence on stderr, exit code 2, no stack trace. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  name: string;
  /** One line for `rundesk --help`. */
  summary: string;
  /** Full usage text for `rundesk <name> --help`. */
  usage: string;
  /** Returns the process exit code. Throw CliError for user mistakes. */
  run(argv: string[], io: CliIo): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with errors turned into one clear sentence. */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\.? *To specify a positional argument.*$/s, '');
    throw new CliError(`${message.replace(/\.$/, '')}. See 'rundesk ${command} --help'.`);
  }
}

/** Write JSON the way MLflow's REST API does: special floats as the strings protobuf JSON uses. */
export function toMlflowJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
    return v;
  });
}

export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
