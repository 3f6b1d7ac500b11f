import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Popover } from '../../components/popover.js';

export interface MetricPickerProps {
  available: readonly string[];
  selected: readonly string[];
  onToggle: (key: string) => void;
  onSetAll: (keys: string[]) => void;
}

/** "Metrics (4 of 12)": a filterable checklist of the metric keys to chart. */
export function MetricPicker({ available, selected, onToggle, onSetAll }: MetricPickerProps): ReactNode {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const anchor = useRef<HTMLButtonElement>(null);
  const shown = useMemo(() => {
    const f = filter.trim().toLowerCase();
    return f ? available.filter((k) => k.toLowerCase().includes(f)) : available;
  }, [available, filter]);
  const chosen = new Set(selected);

  return (
    <>
      <button ref={anchor} type="button" className="cmp-button" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Metrics ({selected.length} of {available.length}) ▾
      </button>
      <Popover open={open} anchor={anchor} onClose={() => setOpen(false)} label="Metrics to chart" className="cmp-picker">
        <input
          className="cmp-input"
          type="search"
          placeholder="Filter metrics"
          aria-label="Filter metrics"
          value={filter}
          autoFocus
          onChange={(e) => setFilter(e.target.value)}
        />
        <div className="cmp-picker-actions">
          <button type="button" className="cmp-link" onClick={() => onSetAll([...new Set([...selected, ...shown])])}>
            Select {filter ? 'shown' : 'all'}
          </button>
          <button type="button" className="cmp-link" onClick={() => onSetAll(selected.filter((k) => !shown.includes(k)))}>
            Clear {filter ? 'shown' : 'all'}
          </button>
        </div>
        <ul className="cmp-picker-list">
          {shown.map((key) => (
            <li key={key}>
              <label>
                <input type="checkbox" checked={chosen.has(key)} onChange={() => onToggle(key)} />
                <span>{key}</span>
              </label>
            </li>
          ))}
          {shown.length === 0 ? <li className="cmp-muted">No metric matches.</li> : null}
        </ul>
      </Popover>
    </>
  );
}
