interface SyntaxRow {
  example: string;
  meaning: string;
  /** A RunDesk extension, not in MLflow's own filter language. */
  extension?: boolean;
}

const ROWS: readonly SyntaxRow[] = [
  { example: 'metrics.rmse < 0.8', meaning: 'Latest metric value: = != < <= > >=' },
  { example: "params.optimizer = 'adam'", meaning: 'Parameter (text): = != LIKE ILIKE' },
  { example: "tags.team LIKE 'vision%'", meaning: 'Tag; % matches anything, _ one character' },
  { example: "attributes.status = 'FAILED'", meaning: 'status, run_name, user_id, run_id, start_time, end_time, artifact_uri' },
  { example: "attributes.run_name ILIKE '%bert%'", meaning: 'ILIKE ignores case' },
  { example: "attributes.status IN ('FAILED', 'KILLED')", meaning: 'IN / NOT IN on attributes' },
  { example: "datasets.name = 'train'", meaning: 'Dataset inputs: name, digest, context' },
  { example: 'metrics.`val loss` < 1', meaning: 'Backticks for keys with spaces or dots' },
  { example: 'metrics.acc > 0.9 AND params.lr = 0.01', meaning: 'Combine conditions with AND' },
  { example: "params.model = 'cnn' OR params.model = 'rnn'", meaning: 'OR', extension: true },
  { example: '(metrics.acc > 0.9 OR metrics.f1 > 0.8) AND …', meaning: 'Parentheses group conditions', extension: true },
  { example: "params.lr IN ('0.1', '0.01')", meaning: 'IN on any field', extension: true },
  { example: 'metrics.loss BETWEEN 0.1 AND 0.5', meaning: 'Inclusive range', extension: true },
  { example: 'bert large', meaning: 'Plain text: run names containing it', extension: true },
];

/** The filter language cheat sheet shown from the search box's "?" button. */
export function FilterHelp() {
  return (
    <div className="filter-help">
      <p className="filter-help__intro">
        MLflow&apos;s search syntax. Rows marked <span className="filter-help__ext">RunDesk</span> are extensions that MLflow itself does not
        accept.
      </p>
      <table className="filter-help__table">
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.example}>
              <td>
                <code>{row.example}</code>
              </td>
              <td>
                {row.meaning}
                {row.extension ? <span className="filter-help__ext">RunDesk</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="filter-help__keys">
        <kbd>↑</kbd> <kbd>↓</kbd> choose a suggestion, <kbd>Tab</kbd> or <kbd>Enter</kbd> insert it, <kbd>Esc</kbd> close the list.
      </p>
    </div>
  );
}
