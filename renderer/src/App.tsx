import { useCallback, useEffect, useMemo, useState } from 'react';
import type { StoreInfo } from '../../preload/contract.js';
import { Dialog } from './components/dialog.js';
import { RelativeTime } from './components/relative-time.js';
import { ComparePage } from './features/compare/index.js';
import { ExportDialog } from './features/export/index.js';
import { CommandPalette } from './features/palette/command-palette.js';
import type { PaletteAction } from './features/palette/palette-items.js';
import { ModelPage, ModelsPage, VersionPage } from './features/registry/index.js';
import { RunPage } from './features/run-page/index.js';
import { ProblemsDialog } from './features/runs/problems-dialog.js';
import { RunsWorkspace } from './features/runs/runs-workspace.js';
import { SEARCH_INPUT_ID } from './features/runs/search-box.js';
import { StatusBar } from './features/runs/status-bar.js';
import { useExportContext } from './features/runs/use-runs-columns.js';
import { navigate, routeToHash, useRoute, type Route } from './navigation.js';
import { useAppStore } from './store/app-store.js';
import { startIpcSync } from './store/ipc-sync.js';
import { closeOverlay, openRecentProject, runMenuCommand, startApp } from './store/project-actions.js';
import { updateRunsView } from './store/runs-actions.js';
import { applyThemePreference, loadThemePreference, nextThemePreference, type ThemePreference } from './store/theme-preference.js';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

/**
 * The app frame: header (project, stores, navigation), the page for the current route, the
 * status bar, and the overlays (palette, problems, export, about). Starts the IPC event feed
 * and sets `body[data-app-state]` for the end-to-end tests.
 */
export function App() {
  const route = useRoute();
  const [theme, setTheme] = useState<ThemePreference>(() => loadThemePreference());

  useEffect(() => {
    applyThemePreference(theme);
  }, [theme]);

  useEffect(() => {
    const stop = startIpcSync();
    void startApp();
    return stop;
  }, []);

  useAppStateMarker(route);
  useGlobalShortcuts(route);

  const toggleTheme = useCallback(() => setTheme((t) => nextThemePreference(t)), []);
  const actions = usePaletteActions(toggleTheme);

  return (
    <div className="app">
      <AppHeader route={route} theme={theme} onTheme={toggleTheme} />
      <ConnectionBanner />
      <main className="app-main">
        <RoutePage route={route} />
      </main>
      <StatusBar />
      <CommandPalette actions={actions} />
      <ProblemsDialog />
      <ExportOverlay />
      <AboutDialog />
      <Toast />
    </div>
  );
}

function RoutePage({ route }: { route: Route }) {
  const projectChecked = useAppStore((s) => s.projectChecked);
  const project = useAppStore((s) => s.project);
  if (!projectChecked) return <div className="empty-state">Opening…</div>;
  if (!project) return <WelcomeScreen />;
  switch (route.name) {
    case 'runs':
      return <RunsWorkspace />;
    case 'run':
      return (
        <div className="page-scroll">
          <RunPage runKey={route.runKey} />
        </div>
      );
    case 'compare':
      return (
        <div className="page-scroll">
          <ComparePage runKeys={route.runKeys} />
        </div>
      );
    case 'models':
      return (
        <div className="page-scroll">
          <ModelsPage />
        </div>
      );
    case 'model':
      return (
        <div className="page-scroll">
          <ModelPage storeId={route.storeId} modelName={route.modelName} />
        </div>
      );
    case 'version':
      return (
        <div className="page-scroll">
          <VersionPage storeId={route.storeId} modelName={route.modelName} version={route.version} />
        </div>
      );
  }
}

function AppHeader({ route, theme, onTheme }: { route: Route; theme: ThemePreference; onTheme: () => void }) {
  const project = useAppStore((s) => s.project);
  const onModels = route.name === 'models' || route.name === 'model' || route.name === 'version';
  const onRuns = !onModels;
  return (
    <header className="app-header">
      <div className="app-header__brand">
        <span className="app-header__logo" aria-hidden="true">
          R
        </span>
        <span className="app-header__project" title={project?.displayPath ?? 'RunDesk'}>
          {project?.name ?? 'RunDesk'}
        </span>
        {project ? (
          <span className="app-header__stores">
            {project.stores.map((store) => (
              <StoreBadge key={store.storeId} store={store} />
            ))}
          </span>
        ) : null}
      </div>
      {project ? (
        <nav className="app-header__nav" aria-label="Main">
          <a href={routeToHash({ name: 'runs' })} aria-current={onRuns ? 'page' : undefined}>
            Runs
          </a>
          <a href={routeToHash({ name: 'models' })} aria-current={onModels ? 'page' : undefined}>
            Models
          </a>
        </nav>
      ) : null}
      <span className="app-header__spacer" />
      <button type="button" className="app-header__palette" onClick={() => runMenuCommand('command-palette')}>
        <span>Go to run, experiment, action…</span>
        <kbd>{MOD}K</kbd>
      </button>
      <button
        type="button"
        className="icon-button"
        onClick={onTheme}
        aria-label={`Theme: ${theme}. Switch theme`}
        title={`Theme: ${theme === 'system' ? 'follow the system' : theme} (click to change)`}
      >
        {theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐'}
      </button>
    </header>
  );
}

function StoreBadge({ store }: { store: StoreInfo }) {
  const kind = store.kind === 'file' ? 'File store' : store.kind === 'sql' ? 'SQL store' : 'Artifacts only';
  const detail = [kind, store.schemaVersion ? `schema ${store.schemaVersion}` : null, store.writable ? null : 'read-only']
    .filter(Boolean)
    .join(' · ');
  return (
    <span className={`badge${store.writable || store.kind === 'artifacts' ? '' : ' badge--warn'}`} title={`${store.label}\n${detail}`}>
      {store.kind === 'sql' ? '⛁ ' : store.kind === 'file' ? '▤ ' : ''}
      {store.label}
      {store.writable || store.kind === 'artifacts' ? '' : ' · read-only'}
    </span>
  );
}

function ConnectionBanner() {
  const error = useAppStore((s) => s.connectionError);
  if (!error) return <div />;
  return (
    <div className="app-banner app-banner--error" role="alert">
      {error}
    </div>
  );
}

function WelcomeScreen() {
  const recent = useAppStore((s) => s.recentProjects);
  return (
    <div className="empty-state welcome">
      <h2>Open a project folder</h2>
      <p>
        RunDesk finds the MLflow stores in it (an <code>mlruns/</code> folder or an <code>mlflow.db</code> file), indexes them, and lets you search,
        compare and export runs without a server.
      </p>
      <button type="button" className="button button--primary" onClick={() => runMenuCommand('open-project')}>
        Open Project…
      </button>
      {recent.length > 0 ? (
        <section className="welcome__recent" aria-label="Recent projects">
          <h3>Recent</h3>
          <ul>
            {recent.map((p) => (
              <li key={p.projectId}>
                <button type="button" className="link-button" onClick={() => void openRecentProject(p.projectId)}>
                  {p.name}
                </button>{' '}
                <span className="muted" title={p.displayPath}>
                  {p.displayPath}
                </span>{' '}
                <RelativeTime className="muted" timestamp={p.openedAt} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function AboutDialog() {
  const open = useAppStore((s) => s.overlay === 'about');
  const info = useAppStore((s) => s.appInfo);
  const project = useAppStore((s) => s.project);
  return (
    <Dialog
      open={open}
      title="About RunDesk"
      onClose={closeOverlay}
      width="460px"
      footer={
        <button type="button" className="button button--primary" onClick={closeOverlay}>
          Close
        </button>
      }
    >
      <div className="about">
        <p>Browse, search, compare and export MLflow runs offline: no Python, no MLflow server.</p>
        <dl>
          <dt>Version</dt>
          <dd>{info?.version ?? '…'}</dd>
          <dt>Mode</dt>
          <dd>{info ? (info.mode === 'electron' ? 'Desktop app' : 'Browser (rundesk serve)') : '…'}</dd>
          <dt>Platform</dt>
          <dd>{info?.platform ?? '…'}</dd>
          {project ? (
            <>
              <dt>Project</dt>
              <dd className="mono">{project.displayPath}</dd>
            </>
          ) : null}
        </dl>
      </div>
    </Dialog>
  );
}

/** "Export CSV" (toolbar, menu, palette): the current query, selection and visible columns. */
function ExportOverlay() {
  const open = useAppStore((s) => s.overlay === 'export');
  const context = useExportContext();
  if (!open || !context) return null;
  return (
    <ExportDialog
      query={context.query}
      selectedRunKeys={context.selectedRunKeys}
      visibleColumns={context.visibleColumns}
      onClose={closeOverlay}
    />
  );
}

function Toast() {
  const toast = useAppStore((s) => s.toast);
  if (!toast) return null;
  return (
    <div className={`toast${toast.tone === 'error' ? ' toast--error' : ''}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
      {toast.text}
    </div>
  );
}

/** `body[data-app-state]`: "ready" once the project, its experiments and the first page of runs are in. */
function useAppStateMarker(route: Route): void {
  const ready = useAppStore((s) => {
    if (s.connectionError) return true;
    if (!s.projectChecked) return false;
    if (!s.project) return true;
    if (!s.experimentsLoaded) return false;
    if (route.name !== 'runs') return true;
    return s.selectedExperimentKeys.length === 0 || s.runsSettled;
  });
  useEffect(() => {
    document.body.dataset.appState = ready ? 'ready' : 'loading';
  }, [ready]);
}

function useGlobalShortcuts(route: Route): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const target = event.target as HTMLElement | null;
      const typing = target !== null && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        const { overlay } = useAppStore.getState();
        if (overlay === 'palette') closeOverlay();
        else runMenuCommand('command-palette');
        return;
      }
      if (route.name !== 'runs' || useAppStore.getState().overlay !== null) return;
      if ((mod && event.key.toLowerCase() === 'f') || (!typing && !mod && event.key === '/')) {
        const input = document.getElementById(SEARCH_INPUT_ID);
        if (input) {
          event.preventDefault();
          input.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route.name]);
}

function usePaletteActions(toggleTheme: () => void): PaletteAction[] {
  return useMemo(
    () => [
      { id: 'runs', label: 'Go to Runs', perform: () => navigate({ name: 'runs' }) },
      { id: 'models', label: 'Go to Models', perform: () => navigate({ name: 'models' }) },
      {
        id: 'compare',
        label: 'Compare selected runs',
        perform: () => {
          const keys = [...useAppStore.getState().selection.keys];
          if (keys.length >= 2) navigate({ name: 'compare', runKeys: keys });
        },
      },
      { id: 'export-csv', label: 'Export CSV…', perform: () => runMenuCommand('export-csv') },
      {
        id: 'search',
        label: 'Search runs',
        shortcut: '/',
        perform: () => {
          navigate({ name: 'runs' });
          requestAnimationFrame(() => document.getElementById(SEARCH_INPUT_ID)?.focus());
        },
      },
      {
        id: 'differ',
        label: 'Toggle only columns that differ',
        perform: () => updateRunsView({ onlyDiffering: !useAppStore.getState().runsView.onlyDiffering }),
      },
      { id: 'problems', label: 'Show problems', perform: () => runMenuCommand('show-problems') },
      { id: 'reindex', label: 'Re-index project', perform: () => runMenuCommand('reindex') },
      { id: 'open', label: 'Open project…', perform: () => runMenuCommand('open-project') },
      { id: 'theme', label: 'Switch theme (system / light / dark)', perform: toggleTheme },
      { id: 'about', label: 'About RunDesk', perform: () => runMenuCommand('about') },
    ],
    [toggleTheme],
  );
}
