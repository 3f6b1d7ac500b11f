import { useId, type ReactNode } from 'react';
import { call } from '../../api/bridge.js';
import { RelativeTime } from '../../components/relative-time.js';
import { navigate, routeToHash } from '../../navigation.js';
import { useAppStore } from '../../store/app-store.js';
import { errorMessage } from '../../store/error-message.js';
import { useRegistryQuery, useRegistryUi } from './registry-data.js';
import { StageBadge } from './stage-dialog.js';
import './registry.css';

/** Route `models`: every registered model of the project, searchable by name. */
export function ModelsPage(): ReactNode {
  const filter = useRegistryUi((s) => s.filter);
  const stores = useAppStore((s) => s.project?.stores ?? null);
  const { data: models, error } = useRegistryQuery(() => call('registry:models', filter), `models:${filter}`);
  const searchId = useId();
  const storeLabel = (storeId: number) => stores?.find((s) => s.storeId === storeId)?.label ?? '';
  const severalStores = new Set(models?.map((m) => m.storeId) ?? []).size > 1;

  return (
    <div className="page-scroll">
      <div className="reg-page">
        <header className="reg-page__header">
          <div>
            <h1 className="reg-page__title">Registered models</h1>
            <p className="muted reg-page__subtitle">Stages and aliases from every model registry in this project. Prompts and deleted versions are not shown.</p>
          </div>
          <div className="reg-search">
            <label htmlFor={searchId} className="visually-hidden">
              Search models by name
            </label>
            <input
              id={searchId}
              type="search"
              className="text-input"
              placeholder="Search by name"
              value={filter}
              onChange={(e) => useRegistryUi.setState({ filter: e.target.value })}
            />
          </div>
        </header>
        {error ? (
          <p className="error-text" role="alert">
            The models could not be loaded: {errorMessage(error)}
          </p>
        ) : null}
        {models && models.length === 0 ? (
          <div className="empty-state reg-empty">
            <h2>{filter ? 'No model matches' : 'No registered models'}</h2>
            <p>{filter ? `No model name contains “${filter}”.` : 'The stores in this project have no model registry entries yet.'}</p>
          </div>
        ) : null}
        {models && models.length > 0 ? (
          <table className="reg-table" aria-label="Registered models">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="reg-num">
                  Versions
                </th>
                <th scope="col">Latest versions</th>
                <th scope="col">Aliases</th>
                <th scope="col">Tags</th>
                <th scope="col">Updated</th>
                {severalStores ? <th scope="col">Store</th> : null}
              </tr>
            </thead>
            <tbody>
              {models.map((m) => {
                const route = { name: 'model', storeId: m.storeId, modelName: m.name } as const;
                return (
                  <tr key={`${m.storeId}:${m.name}`} className="reg-table__row--link" onClick={() => navigate(route)}>
                    <td>
                      <a href={routeToHash(route)} className="reg-link" onClick={(e) => e.stopPropagation()}>
                        {m.name}
                      </a>
                      {m.description ? <div className="muted reg-clip">{m.description}</div> : null}
                    </td>
                    <td className="reg-num">{m.versionCount}</td>
                    <td>
                      <span className="reg-inline-list">
                        {m.latestVersions.map((v) => (
                          <span key={v.version} className="reg-latest">
                            v{v.version} <StageBadge stage={v.currentStage} />
                          </span>
                        ))}
                      </span>
                    </td>
                    <td>
                      <span className="reg-inline-list">
                        {m.aliases.map((a) => (
                          <span key={a.alias} className="reg-alias">
                            @{a.alias} <span className="muted">v{a.version}</span>
                          </span>
                        ))}
                      </span>
                    </td>
                    <td className="reg-clip muted">
                      {Object.entries(m.tags)
                        .map(([k, v]) => `${k}=${v}`)
                        .join(', ')}
                    </td>
                    <td>
                      <RelativeTime timestamp={m.lastUpdatedTimestamp} />
                    </td>
                    {severalStores ? <td className="muted">{storeLabel(m.storeId)}</td> : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
        {!models && !error ? <p className="muted">Loading…</p> : null}
      </div>
    </div>
  );
}
