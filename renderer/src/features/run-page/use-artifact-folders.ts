import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArtifactEntry, ArtifactPreview } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';

export type FolderState = { status: 'loading' } | { status: 'ready'; entries: ArtifactEntry[] } | { status: 'error'; message: string };

export interface ArtifactFolders {
  folders: ReadonlyMap<string, FolderState>;
  /** Lists a folder ('' is the root) unless it is listed or being listed already. */
  open(path: string): void;
}

/** The run's artifact folders, listed lazily with `artifacts:list`, one folder at a time. */
export function useArtifactFolders(runKey: number, enabled: boolean): ArtifactFolders {
  const [folders, setFolders] = useState<ReadonlyMap<string, FolderState>>(new Map());
  const asked = useRef(new Set<string>());
  const generation = useRef(0);

  useEffect(() => {
    generation.current += 1;
    asked.current = new Set();
    setFolders(new Map());
  }, [runKey]);

  const open = useCallback(
    (path: string) => {
      if (asked.current.has(path)) return;
      asked.current.add(path);
      const gen = generation.current;
      setFolders((prev) => new Map(prev).set(path, { status: 'loading' }));
      call('artifacts:list', { runKey, path })
        .then((entries): FolderState => ({ status: 'ready', entries }))
        .catch((e: unknown): FolderState => {
          asked.current.delete(path);
          return { status: 'error', message: e instanceof Error ? e.message : String(e) };
        })
        .then((state) => {
          if (gen === generation.current) setFolders((prev) => new Map(prev).set(path, state));
        });
    },
    [runKey],
  );

  useEffect(() => {
    if (enabled) open('');
  }, [enabled, open]);

  return { folders, open };
}

export type PreviewState = { status: 'loading' } | { status: 'ready'; preview: ArtifactPreview } | { status: 'error'; message: string };

/** The preview of one artifact (`artifacts:preview`), remembered per path while the page is open. */
export function useArtifactPreview(runKey: number, path: string | null): PreviewState | null {
  const cache = useRef(new Map<string, PreviewState>());
  const [, setVersion] = useState(0);
  useEffect(() => {
    cache.current = new Map();
  }, [runKey]);
  useEffect(() => {
    if (path === null || cache.current.has(path)) return;
    cache.current.set(path, { status: 'loading' });
    setVersion((v) => v + 1);
    const forRun = cache.current;
    call('artifacts:preview', { runKey, path })
      .then((preview): PreviewState => ({ status: 'ready', preview }))
      .catch((e: unknown): PreviewState => ({ status: 'error', message: e instanceof Error ? e.message : String(e) }))
      .then((state) => {
        forRun.set(path, state);
        setVersion((v) => v + 1);
      });
  }, [runKey, path]);
  return path === null ? null : (cache.current.get(path) ?? { status: 'loading' });
}
