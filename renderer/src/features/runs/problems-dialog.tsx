import { useMemo, useState } from 'react';
import { Dialog } from '../../components/dialog.js';
import { pluralize } from '../../components/format-number.js';
import { useAppStore } from '../../store/app-store.js';
import { closeOverlay, showToast } from '../../store/project-actions.js';

/**
 * The files RunDesk could not read (a run folder without meta.yaml, a corrupt YAML, an
 * unreadable metric line) with the reason for each. One broken file never hides the others:
 * they are listed here and everything else is indexed.
 */
export function ProblemsDialog() {
  const open = useAppStore((s) => s.overlay === 'problems');
  const problems = useAppStore((s) => s.problems);
  const error = useAppStore((s) => s.problemsError);
  const [query, setQuery] = useState('');

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = problems ?? [];
    return q === '' ? list : list.filter((p) => p.path.toLowerCase().includes(q) || p.reason.toLowerCase().includes(q));
  }, [problems, query]);

  const copyAll = () => {
    const text = shown.map((p) => `${p.path}\t${p.reason}`).join('\n');
    navigator.clipboard.writeText(text).then(
      () => showToast(`Copied ${pluralize(shown.length, 'problem')}`),
      () => showToast('Could not copy to the clipboard', 'error'),
    );
  };

  return (
    <Dialog
      open={open}
      title="Problems"
      onClose={closeOverlay}
      width="820px"
      footer={
        <>
          <button type="button" className="button" onClick={copyAll} disabled={shown.length === 0}>
            Copy list
          </button>
          <button type="button" className="button button--primary" onClick={closeOverlay}>
            Close
          </button>
        </>
      }
    >
      <p className="problems__intro">
        Files RunDesk could not read. Everything else in the project is indexed; fix or remove these files and RunDesk picks them up again.
      </p>
      {problems === null && !error ? <p className="muted">Loading…</p> : null}
      {error ? <p className="error-text">{error}</p> : null}
      {problems !== null && problems.length === 0 ? <p className="muted">No problems: every file could be read.</p> : null}
      {problems !== null && problems.length > 0 ? (
        <>
          {problems.length > 8 ? (
            <input
              className="text-input problems__filter"
              type="search"
              placeholder="Filter problems…"
              aria-label="Filter problems"
              value={query}
              onChange={(event) => setQuery(event.target.value)}
            />
          ) : null}
          <table className="problems__table" aria-label="Unreadable files">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.problemId}>
                  <td className="mono problems__path">{p.path}</td>
                  <td>{p.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Dialog>
  );
}
