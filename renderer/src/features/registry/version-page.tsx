import type { ReactNode } from 'react';
import { ApiError, call } from '../../api/bridge.js';
import { formatExactTime } from '../../components/format-time.js';
import { navigate, routeToHash } from '../../navigation.js';
import { errorMessage } from '../../store/error-message.js';
import { MlModelView } from '../run-page/mlmodel-view.js';
import { DescriptionEditor, StageSelect, TagEditor } from './registry-editors.js';
import { useRegistryQuery } from './registry-data.js';
import './registry.css';

/** Route `version`: one model version with its stage, source run, tags, description and MLmodel. */
export function VersionPage({ storeId, modelName, version }: { storeId: number; modelName: string; version: number }): ReactNode {
  const key = `version:${storeId}:${modelName}:${version}`;
  const detail = useRegistryQuery(() => call('registry:version', { storeId, name: modelName, version }), key);
  // The model's other versions: the stage dialog says which ones "archive existing" would move.
  const model = useRegistryQuery(() => call('registry:model', { storeId, name: modelName }), `model:${storeId}:${modelName}`);
  const reload = () => {
    detail.reload();
    model.reload();
  };
  const v = detail.data?.version;

  return (
    <div className="page-scroll">
      <div className="reg-page">
        <nav className="reg-breadcrumbs" aria-label="Breadcrumbs">
          <a href={routeToHash({ name: 'models' })}>Models</a>
          <span aria-hidden="true">/</span>
          <a href={routeToHash({ name: 'model', storeId, modelName })}>{modelName}</a>
          <span aria-hidden="true">/</span>
          <span aria-current="page">Version {version}</span>
        </nav>
        {detail.error ? (
          <p className="error-text" role="alert">
            {detail.error instanceof ApiError && detail.error.code === 'NOT_FOUND'
              ? `Version ${version} of “${modelName}” is not in this project (any more).`
              : `The version could not be loaded: ${errorMessage(detail.error)}`}
          </p>
        ) : null}
        {!v && !detail.error ? <p className="muted">Loading…</p> : null}
        {v ? (
          <>
            <header className="reg-page__header">
              <div>
                <h1 className="reg-page__title">
                  {modelName} <span className="muted">version {v.version}</span>
                </h1>
                <p className="reg-inline-list">
                  {v.aliases.map((a) => (
                    <span key={a} className="reg-alias">
                      @{a}
                    </span>
                  ))}
                </p>
              </div>
              <div className="reg-page__actions">
                <span className="reg-inline-form__label">Stage</span>
                <StageSelect version={v} versions={model.data?.versions ?? [v]} onChanged={reload} />
              </div>
            </header>

            <dl className="reg-facts">
              <Fact label="Status">{v.statusMessage ? `${v.status}: ${v.statusMessage}` : v.status}</Fact>
              <Fact label="Created">{formatExactTime(v.creationTimestamp)}</Fact>
              <Fact label="Last updated">{formatExactTime(v.lastUpdatedTimestamp)}</Fact>
              {v.userId ? <Fact label="User">{v.userId}</Fact> : null}
              <Fact label="Source run">
                {v.runKey !== null ? (
                  <button type="button" className="reg-run-link reg-mono" onClick={() => navigate({ name: 'run', runKey: v.runKey! })}>
                    {v.runId}
                  </button>
                ) : v.runId ? (
                  <span className="reg-mono" title="This run is not in the project">
                    {v.runId}
                  </span>
                ) : (
                  <span className="muted">none</span>
                )}
              </Fact>
              <Fact label="Source">
                <span className="reg-mono reg-break">{v.source}</span>
              </Fact>
              {v.runLink ? (
                <Fact label="Run link">
                  <span className="reg-mono reg-break">{v.runLink}</span>
                </Fact>
              ) : null}
            </dl>

            <section className="reg-section">
              <h2 className="reg-section__title">Description</h2>
              <DescriptionEditor storeId={storeId} modelName={modelName} version={version} description={v.description ?? ''} onChanged={reload} />
            </section>

            <section className="reg-section">
              <h2 className="reg-section__title">Tags</h2>
              <TagEditor storeId={storeId} modelName={modelName} version={version} tags={v.tags} onChanged={reload} />
            </section>

            <section className="reg-section">
              <h2 className="reg-section__title">Model</h2>
              {detail.data?.mlmodel ? (
                <MlModelView model={detail.data.mlmodel} />
              ) : (
                <p className="muted">The MLmodel file of this version is not on this machine, so its signature and input example cannot be shown.</p>
              )}
            </section>
          </>
        ) : null}
      </div>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  return (
    <div className="reg-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
