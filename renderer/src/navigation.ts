import { useSyncExternalStore } from 'react';

/**
 * Where the user is. Kept in the URL hash so Back/Forward work in the desktop window and in
 * browser mode, and a view can be reloaded. Features render a page per route; see App.tsx.
 */
export type Route =
  | { name: 'runs' }
  | { name: 'run'; runKey: number }
  | { name: 'compare'; runKeys: number[] }
  | { name: 'models' }
  | { name: 'model'; storeId: number; modelName: string }
  | { name: 'version'; storeId: number; modelName: string; version: number };

export function routeToHash(route: Route): string {
  switch (route.name) {
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/run/${route.runKey}`;
    case 'compare':
      return `#/compare/${route.runKeys.join(',')}`;
    case 'models':
      return '#/models';
    case 'model':
      return `#/models/${route.storeId}/${encodeURIComponent(route.modelName)}`;
    case 'version':
      return `#/models/${route.storeId}/${encodeURIComponent(route.modelName)}/${route.version}`;
  }
}

const isKey = (s: string | undefined): s is string => s !== undefined && /^\d+$/.test(s);

export function hashToRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/');
  const [head, a, b, c] = parts;
  if (head === 'run' && isKey(a)) return { name: 'run', runKey: Number(a) };
  if (head === 'compare' && a) {
    const runKeys = a.split(',').filter(isKey).map(Number);
    if (runKeys.length > 0) return { name: 'compare', runKeys };
  }
  if (head === 'models') {
    if (isKey(a) && b !== undefined) {
      const modelName = safeDecode(b);
      if (isKey(c)) return { name: 'version', storeId: Number(a), modelName, version: Number(c) };
      return { name: 'model', storeId: Number(a), modelName };
    }
    return { name: 'models' };
  }
  return { name: 'runs' };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeToHash(route);
  if (window.location.hash === hash) return;
  if (options.replace) history.replaceState(null, '', hash);
  else history.pushState(null, '', hash);
  notify();
}

const subscribers = new Set<() => void>();
function notify(): void {
  for (const s of subscribers) s();
}
window.addEventListener('hashchange', notify);
window.addEventListener('popstate', notify);

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  return () => subscribers.delete(callback);
}

let lastHash = '';
let lastRoute: Route = { name: 'runs' };
function snapshot(): Route {
  if (window.location.hash !== lastHash) {
    lastHash = window.location.hash;
    lastRoute = hashToRoute(lastHash);
  }
  return lastRoute;
}

/** The current route; re-renders on navigation. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}
