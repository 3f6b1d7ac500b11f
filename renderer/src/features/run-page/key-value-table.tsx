import type { ReactNode } from 'react';

/**
 * A Name / Value table (parameters, tags). `clamp` folds long values (tag values can be kilobytes
 * of JSON); `emptyRow` is shown as the only row when a filter leaves nothing.
 */
export function KeyValueTable({ entries, clamp = false, emptyRow }: { entries: [string, string][]; clamp?: boolean; emptyRow?: ReactNode }): ReactNode {
  return (
    <div className="rp-table-wrap">
      <table className="rp-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {entries.map(([k, v]) => {
            const value = v === '' ? <span className="rp-muted">(empty)</span> : v;
            return (
              <tr key={k}>
                <th scope="row" className="rp-key">
                  {k}
                </th>
                <td className="rp-value">{clamp ? <div className="rp-clamp">{value}</div> : value}</td>
              </tr>
            );
          })}
          {entries.length === 0 && emptyRow ? (
            <tr>
              <td colSpan={2} className="rp-muted">
                {emptyRow}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  );
}
