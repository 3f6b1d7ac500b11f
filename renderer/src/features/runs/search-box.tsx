import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchSuggestion } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { Popover } from '../../components/popover.js';
import { useAppStore } from '../../store/app-store.js';
import { commitFilter } from '../../store/runs-actions.js';
import { applySuggestion } from './apply-suggestion.js';
import { FilterHelp } from './filter-help.js';

/** Typing settles for this long before the table is asked: fast enough to feel live. */
const COMMIT_DELAY_MS = 180;
const SUGGEST_DELAY_MS = 70;
const MAX_SUGGESTIONS = 50;

/** Focus the runs search box from elsewhere (the "/" shortcut, the palette). */
export const SEARCH_INPUT_ID = 'runs-search-input';
const FILTER_ERROR_ID = 'runs-filter-error';

/**
 * The filter box above the runs table: MLflow's filter language with RunDesk's extensions,
 * suggestions for keys and values as you type (keyboard navigable), the parse error shown in
 * place with its position marked, and a syntax help popover.
 */
export function SearchBox() {
  const draft = useAppStore((s) => s.draftFilter);
  const committed = useAppStore((s) => s.runsView.filter);
  const error = useAppStore((s) => s.filterError);
  const experimentKeys = useAppStore((s) => s.selectedExperimentKeys);

  const [text, setText] = useState(draft);
  const inputRef = useRef<HTMLInputElement>(null);
  const helpButton = useRef<HTMLButtonElement>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [suggestions, setSuggestions] = useState<SearchSuggestion[]>([]);
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();

  // Another experiment selection brings its own remembered filter.
  useEffect(() => setText(draft), [draft]);

  // Commit after typing settles.
  useEffect(() => {
    if (text === committed && !error) return;
    if (text === draft && error) return;
    const timer = setTimeout(() => void commitFilter(text), COMMIT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, committed, draft, error]);

  // ── suggestions
  const suggestRequest = useRef(0);
  const suggestTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const requestSuggestions = useCallback(
    (filter: string, caret: number) => {
      if (suggestTimer.current) clearTimeout(suggestTimer.current);
      const request = ++suggestRequest.current;
      suggestTimer.current = setTimeout(() => {
        call('search:suggest', { experimentKeys, filter, caret }).then(
          (items) => {
            if (request !== suggestRequest.current) return;
            setSuggestions(items.slice(0, MAX_SUGGESTIONS));
            setActive(-1);
            setOpen(items.length > 0 && document.activeElement === inputRef.current);
          },
          () => {
            if (request === suggestRequest.current) setSuggestions([]);
          },
        );
      }, SUGGEST_DELAY_MS);
    },
    [experimentKeys],
  );
  useEffect(
    () => () => {
      if (suggestTimer.current) clearTimeout(suggestTimer.current);
    },
    [],
  );

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !inputRef.current) return;
    inputRef.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [text]);

  const accept = (item: SearchSuggestion) => {
    const input = inputRef.current;
    const caret = input?.selectionStart ?? text.length;
    const edit = applySuggestion(text, caret, item.insert);
    pendingCaret.current = edit.caret;
    setText(edit.text);
    setOpen(false);
    requestSuggestions(edit.text, edit.caret);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) {
          setOpen(count > 0);
          requestSuggestions(text, event.currentTarget.selectionStart ?? text.length);
        } else setActive((a) => (a + 1) % Math.max(1, count));
        return;
      case 'ArrowUp':
        if (!open) return;
        event.preventDefault();
        setActive((a) => (a <= 0 ? count - 1 : a - 1));
        return;
      case 'Enter': {
        event.preventDefault();
        const item = open ? suggestions[active] : undefined;
        if (item) accept(item);
        else {
          setOpen(false);
          void commitFilter(text);
        }
        return;
      }
      case 'Tab': {
        const item = open ? (suggestions[active] ?? (count === 1 ? suggestions[0] : undefined)) : undefined;
        if (item) {
          event.preventDefault();
          accept(item);
        }
        return;
      }
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (text !== '') {
          event.preventDefault();
          setText('');
        }
        return;
    }
  };

  const activeId = open && active >= 0 ? `${listId}-${active}` : undefined;

  return (
    <div className="search">
      <div className={`search__field${error ? ' search__field--error' : ''}`}>
        <span className="search__icon" aria-hidden="true">
          ⌕
        </span>
        <input
          ref={inputRef}
          id={SEARCH_INPUT_ID}
          className="search__input"
          type="text"
          role="combobox"
          aria-label="Search runs"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? FILTER_ERROR_ID : undefined}
          placeholder="Search runs: metrics.acc > 0.9 AND params.lr = '0.01', or a run name"
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            requestSuggestions(event.target.value, event.target.selectionStart ?? event.target.value.length);
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(event) => {
            if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
              requestSuggestions(text, event.currentTarget.selectionStart ?? text.length);
            }
          }}
          onFocus={(event) => requestSuggestions(text, event.currentTarget.selectionStart ?? text.length)}
          onClick={(event) => requestSuggestions(text, event.currentTarget.selectionStart ?? text.length)}
          onBlur={() => setOpen(false)}
        />
        {text ? (
          <button
            type="button"
            className="icon-button search__clear"
            aria-label="Clear search"
            onClick={() => {
              setText('');
              void commitFilter('');
              inputRef.current?.focus();
            }}
          >
            ✕
          </button>
        ) : null}
        <button
          ref={helpButton}
          type="button"
          className="icon-button search__help"
          aria-label="Search syntax help"
          aria-expanded={helpOpen}
          onClick={() => setHelpOpen((o) => !o)}
        >
          ?
        </button>
        {open && suggestions.length > 0 ? (
          <ul className="search__suggestions" role="listbox" id={listId} aria-label="Suggestions">
            {suggestions.map((item, i) => (
              <li
                key={`${item.kind}:${item.label}:${i}`}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={`search__suggestion${i === active ? ' search__suggestion--active' : ''}`}
                // mousedown, not click: the input must not lose focus (and close the list) first.
                onMouseDown={(event) => {
                  event.preventDefault();
                  accept(item);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="search__suggestion-label">{item.label}</span>
                <span className={`search__suggestion-kind search__suggestion-kind--${item.kind}`}>{item.kind}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <Popover open={helpOpen} anchor={helpButton} onClose={() => setHelpOpen(false)} label="Search syntax" align="end">
        <FilterHelp />
      </Popover>
    </div>
  );
}

/** The filter's parse error, full width under the toolbar, linked to the search box. */
export function FilterErrorBar() {
  const error = useAppStore((s) => s.filterError);
  const checked = useAppStore((s) => s.draftFilter);
  if (!error) return null;
  return <FilterError id={FILTER_ERROR_ID} filter={checked} message={error.message} position={error.position} />;
}

/** The message, and the filter with the character where parsing failed marked. */
function FilterError({ id, filter, message, position }: { id: string; filter: string; message: string; position: number | null }) {
  const at = position === null ? null : Math.max(0, Math.min(position, filter.length));
  // Keep long filters readable: show the neighbourhood of the mistake.
  const from = at === null ? 0 : Math.max(0, at - 40);
  const to = at === null ? 0 : Math.min(filter.length, at + 40);
  return (
    <div className="search__error" id={id} role="alert">
      <span className="search__error-message">{message}</span>
      {at !== null ? (
        <code className="search__error-excerpt" aria-label={`at character ${at + 1}`}>
          {from > 0 ? '…' : ''}
          {filter.slice(from, at)}
          <mark className="search__error-mark">{at < filter.length ? filter[at] : ' '}</mark>
          {filter.slice(at + 1, to)}
          {to < filter.length ? '…' : ''}
        </code>
      ) : null}
    </div>
  );
}
