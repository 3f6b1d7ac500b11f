import { isAbsolute, join, resolve } from 'node:path';

/**
 * Where an MLflow artifact URI points on this machine, as a path (or null for remote schemes).
 *
 * Handles what real stores record: `file:///abs` (percent-encoded, `file:///C:/…` from Windows),
 * bare absolute paths, relative paths such as `./mlruns/6/<run>/artifacts` (relative to the folder
 * MLflow ran in, taken to be `baseDir`), and Windows paths, returned as they are so the caller's
 * existence check fails and it falls back. `mlflow-artifacts:` and cloud schemes give null here.
 */
export function localPathOfUri(uri: string, baseDir: string): string | null {
  const text = uri.trim();
  if (!text) return null;
  if (/^file:/i.test(text)) {
    let rest = text.slice('file:'.length);
    if (rest.startsWith('//')) {
      rest = rest.slice(2);
      const slash = rest.indexOf('/');
      const host = slash === -1 ? rest : rest.slice(0, slash);
      // file://server/share is a network share of another machine; only an empty host or localhost is local.
      if (host !== '' && host.toLowerCase() !== 'localhost') return null;
      rest = slash === -1 ? '/' : rest.slice(slash);
    }
    rest = percentDecode(rest);
    if (/^\/[a-zA-Z]:[\\/]/.test(rest)) rest = rest.slice(1);
    return pathAsRecorded(rest, baseDir);
  }
  // A scheme has at least two letters, so `C:\…` and `C:/…` stay paths.
  if (/^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(text)) return null;
  return pathAsRecorded(text, baseDir);
}

/**
 * `mlflow-artifacts:/<path>` (or `mlflow-artifacts://host:port/<path>`) → `<baseDir>/mlartifacts/<path>`:
 * `mlflow server` keeps proxied artifacts in `./mlartifacts` of the folder it was started in.
 */
export function mlflowArtifactsPath(uri: string, baseDir: string): string | null {
  const match = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/i.exec(uri.trim());
  if (!match) return null;
  const segments = percentDecode(match[1]!).split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return null;
  return join(baseDir, 'mlartifacts', ...segments);
}

export function isWindowsAbsolute(path: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

function pathAsRecorded(path: string, baseDir: string): string {
  if (isAbsolute(path) || isWindowsAbsolute(path)) return path;
  return resolve(baseDir, path);
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
