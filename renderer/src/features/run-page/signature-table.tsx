import type { ReactNode } from 'react';
import type { SignatureColumn } from '../../../../preload/contract.js';

/** A schema as a table: name, type, required (MLmodel signatures, dataset schemas). */
export function SignatureTable({ caption, columns }: { caption: string; columns: readonly SignatureColumn[] }): ReactNode {
  return (
    <table className="rp-table rp-signature">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Required</th>
        </tr>
      </thead>
      <tbody>
        {columns.length === 0 ? (
          <tr>
            <td colSpan={3} className="rp-muted">
              None
            </td>
          </tr>
        ) : (
          columns.map((c, i) => (
            <tr key={`${c.name ?? ''}-${i}`}>
              <td className="rp-mono">{c.name ?? <span className="rp-muted">(unnamed)</span>}</td>
              <td className="rp-mono">{c.type}</td>
              <td>{c.required ? 'yes' : 'no'}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
