import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { ExperimentSummary } from '../../../../preload/contract.js';
import { formatCount } from '../../components/format-number.js';
import { fuzzyFilter } from '../../components/fuzzy-match.js';
import { HighlightedText } from '../../components/highlighted-text.js';
import { useAppStore } from '../../store/app-store.js';
import { nextExperimentSelection } from '../../store/experiments-slice.js';
import { setShowDeletedExperiments } from '../../store/project-actions.js';
import { selectExperiments } from '../../store/runs-actions.js';

/**
 * The experiments on the left: a fuzzy finder, run counts, several experiments viewed together
 * (checkbox or Ctrl/Cmd+click), deleted ones on request. With several stores in the project,
 * experiments are grouped under their store.
 */
export function ExperimentsSidebar() {
  const experiments = useAppStore((s) => s.experiments);
  const loaded = useAppStore((s) => s.experimentsLoaded);
  const error = useAppStore((s) => s.experimentsError);
  const selected = useAppStore((s) => s.selectedExperimentKeys);
  const showDeleted = useAppStore((s) => s.showDeletedExperiments);
  const stores = useAppStore((s) => s.project?.stores);
  const [query, setQuery] = useState('');
  const [focusKey, setFocusKey] = useState<number | null>(null);

  const multiStore = (stores?.length ?? 0) > 1;
  const storeLabel = useMemo(() => new Map((stores ?? []).map((s) => [s.storeId, s.label])), [stores]);
  // With several stores, each store's experiments are listed together under its name.
  const matches = useMemo(() => {
    const found = fuzzyFilter(experiments, query, (e) => e.name);
    if (!multiStore) return found;
    const rank = new Map((stores ?? []).map((s, i) => [s.storeId, i]));
    return found
      .map((m, i) => ({ m, i }))
      .sort((a, b) => (rank.get(a.m.item.storeId) ?? 0) - (rank.get(b.m.item.storeId) ?? 0) || a.i - b.i)
      .map(({ m }) => m);
  }, [experiments, query, multiStore, stores]);
  // Selection order follows the sidebar, hidden-by-the-finder experiments included.
  const order = useMemo(() => {
    const rank = new Map((stores ?? []).map((s, i) => [s.storeId, i]));
    return experiments
      .map((e, i) => ({ e, i }))
      .sort((a, b) => (rank.get(a.e.storeId) ?? 0) - (rank.get(b.e.storeId) ?? 0) || a.i - b.i)
      .map(({ e }) => e.experimentKey);
  }, [experiments, stores]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);

  const choose = (key: number, additive: boolean) => {
    setFocusKey(key);
    void selectExperiments(nextExperimentSelection(selected, key, additive, order));
  };

  const onItemClick = (event: MouseEvent, e: ExperimentSummary) => choose(e.experimentKey, event.ctrlKey || event.metaKey);

  const visibleKeys = matches.map((m) => m.item.experimentKey);
  const onListKeyDown = (event: KeyboardEvent) => {
    if (visibleKeys.length === 0) return;
    const current = focusKey === null ? -1 : visibleKeys.indexOf(focusKey);
    const focusAt = (i: number) => {
      const key = visibleKeys[Math.max(0, Math.min(visibleKeys.length - 1, i))] as number;
      setFocusKey(key);
      document.getElementById(experimentDomId(key))?.scrollIntoView({ block: 'nearest' });
    };
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusAt(current + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusAt(current - 1);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusAt(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusAt(visibleKeys.length - 1);
    } else if ((event.key === 'Enter' || event.key === ' ') && focusKey !== null) {
      event.preventDefault();
      choose(focusKey, event.key === ' ' || event.ctrlKey || event.metaKey);
    }
  };

  let lastStore: number | null = null;
  const activeKey = focusKey !== null && visibleKeys.includes(focusKey) ? focusKey : null;

  return (
    <aside className="experiments" aria-label="Experiments sidebar">
      <div className="experiments__head">
        <h2 className="experiments__title">Experiments</h2>
        <span className="experiments__count">{loaded ? formatCount(experiments.length) : ''}</span>
      </div>
      <div className="experiments__finder">
        <input
          className="text-input experiments__finder-input"
          type="search"
          placeholder="Find experiment…"
          aria-label="Find experiment"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              const first = visibleKeys[0];
              if (first !== undefined) {
                setFocusKey(first);
                document.getElementById('experiments-list')?.focus();
              }
            } else if (event.key === 'Enter') {
              const first = matches[0]?.item;
              if (first) choose(first.experimentKey, event.ctrlKey || event.metaKey);
            }
          }}
        />
      </div>
      <ul
        id="experiments-list"
        className="experiments__list"
        role="listbox"
        aria-label="Experiments"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeKey !== null ? experimentDomId(activeKey) : undefined}
        onKeyDown={onListKeyDown}
      >
        {matches.map(({ item: e, match }) => {
          const header =
            multiStore && e.storeId !== lastStore ? (
              <li key={`store-${e.storeId}`} role="presentation" className="experiments__store">
                {storeLabel.get(e.storeId) ?? `Store ${e.storeId}`}
              </li>
            ) : null;
          lastStore = e.storeId;
          const isSelected = selectedSet.has(e.experimentKey);
          const deleted = e.lifecycleStage === 'deleted';
          const count = showDeleted ? e.runCount : e.activeRunCount;
          return [
            header,
            <li
              key={e.experimentKey}
              id={experimentDomId(e.experimentKey)}
              role="option"
              aria-selected={isSelected}
              className={`experiments__item${isSelected ? ' experiments__item--selected' : ''}${
                activeKey === e.experimentKey ? ' experiments__item--focused' : ''
              }${deleted ? ' experiments__item--deleted' : ''}`}
              title={`${e.name}\nID ${e.experimentId}${deleted ? ' (deleted)' : ''}\nCtrl/Cmd+click or the checkbox to view several together`}
              onClick={(event) => onItemClick(event, e)}
            >
              <input
                type="checkbox"
                className="checkbox"
                tabIndex={-1}
                aria-hidden="true"
                checked={isSelected}
                onClick={(event) => event.stopPropagation()}
                onChange={() => choose(e.experimentKey, true)}
              />
              <span className="experiments__name">
                <HighlightedText text={e.name || `Experiment ${e.experimentId}`} positions={match.positions} />
              </span>
              {deleted ? <span className="badge badge--danger">deleted</span> : null}
              <span className="experiments__runs" aria-label={`${count} runs`}>
                {formatCount(count)}
              </span>
            </li>,
          ];
        })}
      </ul>
      {loaded && experiments.length === 0 && !error ? <p className="experiments__empty">No experiments yet.</p> : null}
      {loaded && experiments.length > 0 && matches.length === 0 ? <p className="experiments__empty">No experiment matches “{query}”.</p> : null}
      {error ? <p className="experiments__empty error-text">{error}</p> : null}
      <label className="experiments__deleted">
        <input type="checkbox" className="checkbox" checked={showDeleted} onChange={(event) => void setShowDeletedExperiments(event.target.checked)} />
        Show deleted experiments
      </label>
    </aside>
  );
}

function experimentDomId(key: number): string {
  return `experiment-${key}`;
}
