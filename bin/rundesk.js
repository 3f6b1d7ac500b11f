#!/usr/bin/env node
// The `rundesk` command. Subcommands run in plain Node from the built bundle (out/main/cli.js);
// `rundesk <folder>` with no subcommand opens the folder in the desktop app.
import { existsSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'out', 'main', 'cli.js');
const args = process.argv.slice(2);

const first = args[0];
if (first !== undefined && !first.startsWith('-') && isDirectoryOrDb(first) && !isCommandName(first)) {
  if (!openInDesktopApp(resolve(first))) {
    // No desktop runtime on this machine (a headless server, or Electron not downloaded): browser mode.
    process.stderr.write("rundesk: the desktop app's Electron runtime is not installed here; opening the project in your browser instead.\n");
    await runCli(['serve', ...args]);
  }
} else {
  await runCli(args);
}

async function runCli(argv) {
  if (!existsSync(cli)) {
    process.stderr.write(`rundesk: the app is not built yet. Run 'npm run build' in ${root} first.\n`);
    process.exitCode = 1;
    return;
  }
  process.argv = [process.argv[0], process.argv[1], ...argv];
  await import(pathToFileURL(cli).href);
}

function isCommandName(word) {
  return /^[a-z]+$/.test(word) && !existsSync(word);
}

function isDirectoryOrDb(path) {
  try {
    const stat = statSync(path);
    return stat.isDirectory() || /\.(db|sqlite)$/i.test(path);
  } catch {
    return false;
  }
}

/** Starts Electron on the folder; false when the Electron runtime is not installed. */
function openInDesktopApp(folder) {
  let electronPath;
  try {
    electronPath = createRequire(import.meta.url)('electron');
  } catch {
    return false;
  }
  const child = spawn(electronPath, [root, folder], { stdio: 'inherit', detached: process.platform !== 'win32' });
  child.unref();
  return true;
}
