import { useMemo, useState } from 'react';
import { fuzzyFilter } from '../../components/fuzzy-match.js';
import { HighlightedText } from '../../components/highlighted-text.js';
import { EMPTY_COLUMN_PREFS, isVisible, setColumnVisible, type ColumnDef, type ColumnKind, type ColumnPrefs } from './column-model.js';

const GROUPS: { kind: ColumnKind; title: string }[] = [
  { kind: 'attr', title: 'Attributes' },
  { kind: 'metric', title: 'Metrics' },
  { kind: 'param', title: 'Parameters' },
  { kind: 'tag', title: 'Tags' },
];

/** Past this many matches per group the list says "N more" instead of rendering them all. */
const MAX_PER_GROUP = 300;

export interface ColumnPickerProps {
  columns: readonly ColumnDef[];
  prefs: ColumnPrefs;
  experimentCount: number;
  onChange(prefs: ColumnPrefs): void;
}

/** Show and hide columns, with a search over every key; per group "all / none"; back to defaults. */
export function ColumnPicker({ columns, prefs, experimentCount, onChange }: ColumnPickerProps) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => fuzzyFilter(columns.filter((c) => !c.pinned), query, (c) => c.title), [columns, query]);

  const setMany = (targets: readonly ColumnDef[], visible: boolean) => {
    let next = prefs;
    for (const c of targets) next = setColumnVisible(next, c, visible, experimentCount);
    onChange(next);
  };

  return (
    <div className="column-picker">
      <div className="column-picker__search">
        <input
          className="text-input"
          type="search"
          placeholder="Find column…"
          aria-label="Find column"
          value={query}
          autoFocus
          onChange={(event) => setQuery(event.target.value)}
        />
      </div>
      <div className="column-picker__groups">
        {GROUPS.map(({ kind, title }) => {
          const group = matches.filter((m) => m.item.kind === kind);
          if (group.length === 0) return null;
          const shown = group.filter((m) => isVisible(m.item, prefs, experimentCount)).length;
          return (
            <section key={kind} className="column-picker__group" aria-label={title}>
              <header className="column-picker__group-head">
                <span>
                  {title} <span className="muted">{`${shown}/${group.length}`}</span>
                </span>
                <span className="column-picker__bulk">
                  <button type="button" className="link-button" onClick={() => setMany(group.map((m) => m.item), true)}>
                    All
                  </button>
                  <button type="button" className="link-button" onClick={() => setMany(group.map((m) => m.item), false)}>
                    None
                  </button>
                </span>
              </header>
              {group.slice(0, MAX_PER_GROUP).map(({ item, match }) => {
                const label = item.kind === 'attr' ? item.title : item.key;
                const offset = item.title.length - label.length;
                return (
                  <label key={item.id} className="column-picker__item">
                    <input
                      type="checkbox"
                      className="checkbox"
                      checked={isVisible(item, prefs, experimentCount)}
                      onChange={(event) => onChange(setColumnVisible(prefs, item, event.target.checked, experimentCount))}
                    />
                    <span className="column-picker__label">
                      <HighlightedText text={label} positions={match.positions.map((p) => p - offset).filter((p) => p >= 0)} />
                    </span>
                  </label>
                );
              })}
              {group.length > MAX_PER_GROUP ? <p className="muted column-picker__more">{group.length - MAX_PER_GROUP} more: refine the search</p> : null}
            </section>
          );
        })}
        {matches.length === 0 ? <p className="muted column-picker__more">No column matches “{query}”.</p> : null}
      </div>
      <footer className="column-picker__footer">
        <button type="button" className="button" onClick={() => onChange({ ...EMPTY_COLUMN_PREFS })}>
          Reset to defaults
        </button>
      </footer>
    </div>
  );
}
