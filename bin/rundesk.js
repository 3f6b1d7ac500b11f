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
  openInDesktopApp(resolve(first));
} else if (!existsSync(cli)) {
  process.stderr.write(`rundesk: the app is not built yet. Run 'npm run build' in ${root} first.\n`);
  process.exitCode = 1;
} else {
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

function openInDesktopApp(folder) {
  let electronPath;
  try {
    electronPath = createRequire(import.meta.url)('electron');
  } catch {
    process.stderr.write(
      "rundesk: the desktop app's Electron runtime is not installed here. Use 'rundesk serve <folder>' to open the project in a browser.\n",
    );
    process.exitCode = 2;
    return;
  }
  const child = spawn(electronPath, [root, folder], { stdio: 'inherit', detached: process.platform !== 'win32' });
  child.unref();
}
