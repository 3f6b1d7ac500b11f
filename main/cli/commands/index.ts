import type { CliCommand } from '../cli-command.js';
import { serveCommand } from './serve.js';
import { indexCommand } from './index-command.js';
import { registryCommand } from './registry.js';
import { runsCommand } from './runs.js';
import { experimentsCommand } from './experiments.js';
import { historyCommand } from './history.js';
import { exportCommand } from './export.js';

/**
 * Every `rundesk` subcommand. To add one: write `commands/<name>.ts` exporting a CliCommand,
 * and list it here (the order is the order of `rundesk --help`).
 */
export const COMMANDS: readonly CliCommand[] = [
  indexCommand,
  experimentsCommand,
  runsCommand,
  historyCommand,
  exportCommand,
  registryCommand,
  serveCommand,
];
