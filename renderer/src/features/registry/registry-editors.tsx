import { useId, useState, type ReactNode } from 'react';
import { MODEL_STAGES, type ModelStage, type ModelVersionInfo, type RegistryChange } from '../../../../preload/contract.js';
import { RelativeTime } from '../../components/relative-time.js';
import { applyEdit, undoChange, useRegistryUi } from './registry-data.js';
import { aliasProblem, needsConfirmation, stageRequest, tagKeyProblem, type StageRequest } from './registry-rules.js';
import { StageDialog } from './stage-dialog.js';

/** The stage of one version as a select; Production, Archived (and Staging with others there) confirm first. */
export function StageSelect({ version, versions, onChanged }: { version: ModelVersionInfo; versions: readonly ModelVersionInfo[]; onChanged: () => void }): ReactNode {
  const busy = useRegistryUi((s) => s.busy);
  const [pending, setPending] = useState<StageRequest | null>(null);
  const apply = async (request: StageRequest, archiveExisting: boolean) => {
    setPending(null);
    const change = await applyEdit({
      kind: 'transition',
      model: { storeId: request.storeId, name: request.modelName, version: request.version },
      stage: request.to,
      archiveExisting,
    });
    if (change) onChanged();
  };
  return (
    <>
      <select
        className={`select reg-stage-select reg-stage-select--${version.currentStage.toLowerCase()}`}
        aria-label={`Stage of version ${version.version}`}
        value={version.currentStage}
        disabled={busy}
        onChange={(event) => {
          const request = stageRequest(versions, version, event.target.value as ModelStage);
          if (needsConfirmation(request)) setPending(request);
          else void apply(request, false);
        }}
      >
        {MODEL_STAGES.map((stage) => (
          <option key={stage} value={stage}>
            {stage}
          </option>
        ))}
      </select>
      {pending ? <StageDialog request={pending} onCancel={() => setPending(null)} onConfirm={(archive) => void apply(pending, archive)} /> : null}
    </>
  );
}

/** Aliases of a model: each with a delete button, and a form to set or move one. */
export function AliasEditor({
  storeId,
  modelName,
  aliases,
  versions,
  onChanged,
}: {
  storeId: number;
  modelName: string;
  aliases: readonly { alias: string; version: number }[];
  versions: readonly ModelVersionInfo[];
  onChanged: () => void;
}): ReactNode {
  const busy = useRegistryUi((s) => s.busy);
  const [alias, setAlias] = useState('');
  const [version, setVersion] = useState<number | ''>(versions[0]?.version ?? '');
  const aliasId = useId();
  const versionId = useId();
  const problem = aliasProblem(alias.trim());
  const existing = aliases.find((a) => a.alias === alias.trim());
  const model = { storeId, name: modelName };
  return (
    <div className="reg-aliases">
      {aliases.length === 0 ? <p className="muted">No aliases. An alias such as champion names a version for code that loads models:/{modelName}@champion.</p> : null}
      <ul className="reg-chip-list" aria-label="Aliases">
        {aliases.map((a) => (
          <li key={a.alias} className="reg-chip">
            <span className="reg-chip__name">@{a.alias}</span>
            <span className="muted">→ v{a.version}</span>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete alias ${a.alias}`}
              disabled={busy}
              onClick={async () => {
                if (await applyEdit({ kind: 'delete-alias', model, alias: a.alias })) onChanged();
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      {versions.length > 0 ? (
        <form
          className="reg-inline-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!alias.trim() || problem || version === '') return;
            if (await applyEdit({ kind: 'set-alias', model, alias: alias.trim(), version })) {
              setAlias('');
              onChanged();
            }
          }}
        >
          <label htmlFor={aliasId} className="reg-inline-form__label">
            Alias
          </label>
          <input id={aliasId} className="text-input" value={alias} placeholder="e.g. champion" onChange={(e) => setAlias(e.target.value)} aria-invalid={problem ? true : undefined} />
          <label htmlFor={versionId} className="reg-inline-form__label">
            Version
          </label>
          <select id={versionId} className="select" value={version} onChange={(e) => setVersion(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v.version} value={v.version}>
                {v.version}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={busy || !alias.trim() || problem !== null}>
            Set alias
          </button>
          {problem ? <span className="error-text">{problem}</span> : existing ? <span className="muted">Moves @{existing.alias} from version {existing.version}.</span> : null}
        </form>
      ) : null}
    </div>
  );
}

/** Tags of a model (version null) or of a version: a key/value table with delete, and a form to set one. */
export function TagEditor({ storeId, modelName, version, tags, onChanged }: { storeId: number; modelName: string; version: number | null; tags: Record<string, string>; onChanged: () => void }): ReactNode {
  const busy = useRegistryUi((s) => s.busy);
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const keyId = useId();
  const valueId = useId();
  const problem = tagKeyProblem(key.trim());
  const model = { storeId, name: modelName };
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="reg-tags">
      {entries.length > 0 ? (
        <table className="reg-table reg-table--compact" aria-label={version === null ? 'Model tags' : `Tags of version ${version}`}>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Value</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map(([k, v]) => (
              <tr key={k}>
                <td className="reg-mono">{k}</td>
                <td className="reg-tag-value">{v}</td>
                <td className="reg-table__actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete tag ${k}`}
                    disabled={busy}
                    onClick={async () => {
                      if (await applyEdit({ kind: 'delete-tag', model, version, key: k })) onChanged();
                    }}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No tags.</p>
      )}
      <form
        className="reg-inline-form"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!key.trim() || problem) return;
          if (await applyEdit({ kind: 'set-tag', model, version, key: key.trim(), value })) {
            setKey('');
            setValue('');
            onChanged();
          }
        }}
      >
        <label htmlFor={keyId} className="reg-inline-form__label">
          Tag key
        </label>
        <input id={keyId} className="text-input" value={key} onChange={(e) => setKey(e.target.value)} aria-invalid={problem ? true : undefined} />
        <label htmlFor={valueId} className="reg-inline-form__label">
          Tag value
        </label>
        <input id={valueId} className="text-input reg-inline-form__wide" value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" className="button" disabled={busy || !key.trim() || problem !== null}>
          Set tag
        </button>
        {problem ? <span className="error-text">{problem}</span> : key.trim() in tags ? <span className="muted">Replaces the current value.</span> : null}
      </form>
    </div>
  );
}

/** A description shown as text, edited in place. */
export function DescriptionEditor({ storeId, modelName, version, description, onChanged }: { storeId: number; modelName: string; version: number | null; description: string; onChanged: () => void }): ReactNode {
  const busy = useRegistryUi((s) => s.busy);
  const [draft, setDraft] = useState<string | null>(null);
  const textId = useId();
  if (draft === null) {
    return (
      <div className="reg-description">
        {description ? <p className="reg-description__text">{description}</p> : <p className="muted">No description.</p>}
        <button type="button" className="button" onClick={() => setDraft(description)}>
          Edit description
        </button>
      </div>
    );
  }
  return (
    <form
      className="reg-description reg-description--editing"
      onSubmit={async (event) => {
        event.preventDefault();
        if (await applyEdit({ kind: 'describe', model: { storeId, name: modelName }, version, description: draft })) {
          setDraft(null);
          onChanged();
        }
      }}
    >
      <label htmlFor={textId} className="visually-hidden">
        Description
      </label>
      <textarea id={textId} className="text-input reg-description__input" value={draft} rows={5} onChange={(e) => setDraft(e.target.value)} autoFocus />
      <div className="reg-description__buttons">
        <button type="submit" className="button button--primary" disabled={busy || draft === description}>
          Save
        </button>
        <button type="button" className="button" onClick={() => setDraft(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The changes RunDesk made to a model, newest first, each undoable until undone. */
export function HistoryList({ changes, onChanged }: { changes: readonly RegistryChange[]; onChanged: () => void }): ReactNode {
  const busy = useRegistryUi((s) => s.busy);
  const headingId = useId();
  return (
    <section className="reg-section" aria-labelledby={headingId}>
      <h2 id={headingId} className="reg-section__title">
        History
      </h2>
      {changes.length === 0 ? (
        <p className="muted">RunDesk has not changed this model yet. Every change made here is listed, and can be undone.</p>
      ) : (
        <ul className="reg-history" aria-labelledby={headingId}>
          {changes.map((change) => (
            <li key={change.changeId} className={`reg-history__item${change.undone ? ' reg-history__item--undone' : ''}`}>
              <RelativeTime timestamp={change.at} className="reg-history__time" />
              <span className="reg-history__summary">{change.summary}</span>
              {change.undone ? (
                <span className="badge">undone</span>
              ) : (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  title={`Undo: ${change.summary}`}
                  onClick={async () => {
                    if (await undoChange(change.changeId)) onChanged();
                  }}
                >
                  Undo
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
