import type { ReactNode } from 'react';
import type { DatasetInput } from '../../../../preload/contract.js';
import { datasetColumns, datasetLocation, datasetProfile } from './dataset-info.js';
import { SignatureTable } from './signature-table.js';

/** "Datasets": the dataset inputs of the run (MLflow 2.4+), with their schema on demand. */
export function DatasetsSection({ datasets }: { datasets: readonly DatasetInput[] }): ReactNode {
  return (
    <section className="rp-section" aria-labelledby="rp-datasets-heading">
      <div className="rp-section-head">
        <h2 id="rp-datasets-heading">Datasets</h2>
        <span className="rp-count">{datasets.length}</span>
      </div>
      {datasets.length === 0 ? (
        <p className="rp-muted">No dataset inputs were logged.</p>
      ) : (
        <div className="rp-table-wrap">
          <table className="rp-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Context</th>
                <th scope="col">Digest</th>
                <th scope="col">Source</th>
                <th scope="col">Profile</th>
              </tr>
            </thead>
            <tbody>
              {datasets.map((d, i) => {
                const columns = datasetColumns(d.schema);
                const extraTags = Object.entries(d.tags).filter(([k]) => k !== 'mlflow.data.context');
                return (
                  <tr key={`${d.name}-${d.digest}-${i}`}>
                    <th scope="row" className="rp-key">
                      {d.name}
                      {columns && columns.length > 0 ? (
                        <details className="rp-details rp-inline-details">
                          <summary>Schema ({columns.length} columns)</summary>
                          <SignatureTable caption={`Schema of ${d.name}`} columns={columns} />
                        </details>
                      ) : null}
                    </th>
                    <td>{d.context ?? <span className="rp-muted">—</span>}</td>
                    <td className="rp-mono">{d.digest}</td>
                    <td className="rp-value">
                      <span className="rp-muted">{d.sourceType}</span> <span className="rp-mono">{datasetLocation(d.source)}</span>
                      {extraTags.length > 0 ? <div className="rp-muted">{extraTags.map(([k, v]) => `${k}=${v}`).join(', ')}</div> : null}
                    </td>
                    <td>{datasetProfile(d.profile)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
