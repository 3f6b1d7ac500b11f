import type { ReactNode } from 'react';
import { ApiError, call } from '../../api/bridge.js';
import { RelativeTime } from '../../components/relative-time.js';
import { navigate, routeToHash } from '../../navigation.js';
import { useAppStore } from '../../store/app-store.js';
import { errorMessage } from '../../store/error-message.js';
import { AliasEditor, DescriptionEditor, HistoryList, StageSelect, TagEditor } from './registry-editors.js';
import { useRegistryQuery } from './registry-data.js';
import './registry.css';

/** Route `model`: one registered model with its versions (stages editable), aliases, tags and history. */
export function ModelPage({ storeId, modelName }: { storeId: number; modelName: string }): ReactNode {
  const { data: model, error, reload } = useRegistryQuery(() => call('registry:model', { storeId, name: modelName }), `model:${storeId}:${modelName}`);
  const storeLabel = useAppStore((s) => s.project?.stores.find((st) => st.storeId === storeId)?.label ?? '');

  return (
    <div className="page-scroll">
      <div className="reg-page">
        <nav className="reg-breadcrumbs" aria-label="Breadcrumbs">
          <a href={routeToHash({ name: 'models' })}>Models</a>
          <span aria-hidden="true">/</span>
          <span aria-current="page">{modelName}</span>
        </nav>
        {error ? (
          <p className="error-text" role="alert">
            {error instanceof ApiError && error.code === 'NOT_FOUND' ? `The model “${modelName}” is not in this project (any more).` : `The model could not be loaded: ${errorMessage(error)}`}
          </p>
        ) : null}
        {!model && !error ? <p className="muted">Loading…</p> : null}
        {model ? (
          <>
            <header className="reg-page__header">
              <div>
                <h1 className="reg-page__title">{model.name}</h1>
                <p className="muted reg-page__subtitle">
                  {model.versions.length} version{model.versions.length === 1 ? '' : 's'} · {storeLabel} · created <RelativeTime timestamp={model.creationTimestamp} /> · updated{' '}
                  <RelativeTime timestamp={model.lastUpdatedTimestamp} />
                </p>
              </div>
            </header>

            <section className="reg-section">
              <h2 className="reg-section__title">Description</h2>
              <DescriptionEditor storeId={storeId} modelName={modelName} version={null} description={model.description ?? ''} onChanged={reload} />
            </section>

            <div className="reg-columns">
              <section className="reg-section">
                <h2 className="reg-section__title">Aliases</h2>
                <AliasEditor storeId={storeId} modelName={modelName} aliases={model.aliases} versions={model.versions} onChanged={reload} />
              </section>
              <section className="reg-section">
                <h2 className="reg-section__title">Tags</h2>
                <TagEditor storeId={storeId} modelName={modelName} version={null} tags={model.tags} onChanged={reload} />
              </section>
            </div>

            <section className="reg-section">
              <h2 className="reg-section__title">Versions</h2>
              {model.versions.length === 0 ? (
                <p className="muted">This model has no versions.</p>
              ) : (
                <table className="reg-table" aria-label={`Versions of ${model.name}`}>
                  <thead>
                    <tr>
                      <th scope="col" className="reg-table__version">
                        Version
                      </th>
                      <th scope="col">Stage</th>
                      <th scope="col">Aliases</th>
                      <th scope="col">Source run</th>
                      <th scope="col">Created</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {model.versions.map((v) => (
                      <tr key={v.version}>
                        <td className="reg-table__version">
                          <a className="reg-link" href={routeToHash({ name: 'version', storeId, modelName, version: v.version })}>
                            Version {v.version}
                          </a>
                        </td>
                        <td>
                          <StageSelect version={v} versions={model.versions} onChanged={reload} />
                        </td>
                        <td>
                          <span className="reg-inline-list">
                            {v.aliases.map((a) => (
                              <span key={a} className="reg-alias">
                                @{a}
                              </span>
                            ))}
                          </span>
                        </td>
                        <td>
                          {v.runKey !== null ? (
                            <button type="button" className="reg-run-link reg-mono" onClick={() => navigate({ name: 'run', runKey: v.runKey! })} title="Open the run">
                              {v.runId?.slice(0, 8)}
                            </button>
                          ) : (
                            <span className="reg-mono muted" title={v.source}>
                              {v.runId ? v.runId.slice(0, 8) : '—'}
                            </span>
                          )}
                        </td>
                        <td>
                          <RelativeTime timestamp={v.creationTimestamp} />
                        </td>
                        <td className={v.status === 'READY' ? 'muted' : 'error-text'}>{v.status}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>

            <HistoryList changes={model.history} onChanged={reload} />
          </>
        ) : null}
      </div>
    </div>
  );
}
