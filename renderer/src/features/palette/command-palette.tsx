import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ExperimentSummary, RegisteredModelSummary, RunRow } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { HighlightedText } from '../../components/highlighted-text.js';
import { navigate } from '../../navigation.js';
import { useAppStore } from '../../store/app-store.js';
import { closeOverlay } from '../../store/project-actions.js';
import { selectExperiments } from '../../store/runs-actions.js';
import { looksLikeRunId, nameContainsFilter, runIdPrefixFilter } from '../runs/filter-text.js';
import { useExperimentName } from '../runs/use-runs-columns.js';
import { paletteItems, type PaletteAction, type PaletteGroup } from './palette-items.js';
import './palette.css';

const RUN_SEARCH_DELAY_MS = 120;
const RUN_RESULTS = 8;

/**
 * Ctrl/Cmd+K: jump to a run (by name or id), an experiment or a registered model, or run any
 * menu action by name. Runs are searched by the index across every experiment as you type.
 */
export function CommandPalette({ actions }: { actions: readonly PaletteAction[] }) {
  const open = useAppStore((s) => s.overlay === 'palette');
  if (!open) return null;
  return <PaletteDialog actions={actions} />;
}

function PaletteDialog({ actions }: { actions: readonly PaletteAction[] }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [runs, setRuns] = useState<RunRow[]>([]);
  const [searching, setSearching] = useState(false);
  const [models, setModels] = useState<RegisteredModelSummary[]>([]);
  const experiments = useAppStore((s) => s.experiments);
  const hasProject = useAppStore((s) => s.project !== null);
  const experimentName = useExperimentName();

  useEffect(() => {
    dialogRef.current?.showModal();
    inputRef.current?.focus();
  }, []);

  // Registered models, once per opening (few, and filtered here).
  useEffect(() => {
    if (!hasProject) return;
    call('registry:models', '').then(setModels, () => setModels([]));
  }, [hasProject]);

  // Runs: by name, and by id when the text looks like one.
  useEffect(() => {
    const q = query.trim();
    if (q === '' || experiments.length === 0) {
      setRuns([]);
      setSearching(false);
      return;
    }
    let live = true;
    setSearching(true);
    const timer = setTimeout(() => {
      const experimentKeys = experiments.map((e) => e.experimentKey);
      const ask = (filter: string) =>
        call('runs:list', { experimentKeys, filter, orderBy: [], view: 'all', offset: 0, limit: RUN_RESULTS }).then(
          (page) => page.rows,
          () => [] as RunRow[],
        );
      const requests = [ask(nameContainsFilter(q))];
      if (looksLikeRunId(q)) requests.unshift(ask(runIdPrefixFilter(q)));
      void Promise.all(requests).then((lists) => {
        if (!live) return;
        setSearching(false);
        const seen = new Set<number>();
        setRuns(lists.flat().filter((r) => !seen.has(r.runKey) && seen.add(r.runKey) !== undefined));
      });
    }, RUN_SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, experiments]);

  const items = useMemo(
    () =>
      paletteItems(query, {
        actions,
        experiments,
        models,
        runs,
        experimentName,
        onExperiment: (e: ExperimentSummary) => {
          navigate({ name: 'runs' });
          void selectExperiments([e.experimentKey]);
        },
        onModel: (m: RegisteredModelSummary) => navigate({ name: 'model', storeId: m.storeId, modelName: m.name }),
        onRun: (r: RunRow) => navigate({ name: 'run', runKey: r.runKey }),
      }),
    [query, actions, experiments, models, runs, experimentName],
  );

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const choose = (index: number) => {
    const item = items[index];
    if (!item) return;
    closeOverlay();
    item.perform();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((a) => Math.min(items.length - 1, a + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(active);
    }
  };

  let lastGroup: PaletteGroup | null = null;
  return (
    <dialog
      ref={dialogRef}
      className="palette"
      aria-label="Command palette"
      onCancel={(event) => {
        event.preventDefault();
        closeOverlay();
      }}
      onMouseDown={(event) => {
        if (event.target === dialogRef.current) closeOverlay();
      }}
    >
      <div className="palette__field">
        <input
          ref={inputRef}
          className="palette__input"
          type="text"
          role="combobox"
          aria-label="Go to run, experiment, model or action"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={items[active] ? `${listId}-${active}` : undefined}
          placeholder="Go to a run, experiment or model, or type an action…"
          spellCheck={false}
          autoComplete="off"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
      <ul className="palette__list" role="listbox" id={listId} aria-label="Results">
        {items.map((item, i) => {
          const heading =
            item.group !== lastGroup ? (
              <li key={`group-${item.group}`} role="presentation" className="palette__group">
                {item.group}
              </li>
            ) : null;
          lastGroup = item.group;
          return [
            heading,
            <li
              key={item.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`palette__item${i === active ? ' palette__item--active' : ''}`}
              onMouseMove={() => setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="palette__label">
                <HighlightedText text={item.label} positions={item.positions} />
              </span>
              {item.detail ? <span className="palette__detail">{item.detail}</span> : null}
              {item.shortcut ? <kbd>{item.shortcut}</kbd> : null}
            </li>,
          ];
        })}
        {items.length === 0 ? <li className="palette__empty">{searching ? 'Searching runs…' : `Nothing matches “${query}”.`}</li> : null}
      </ul>
      <div className="palette__hint">
        <kbd>↑</kbd> <kbd>↓</kbd> to move · <kbd>Enter</kbd> to open · <kbd>Esc</kbd> to close
      </div>
    </dialog>
  );
}
