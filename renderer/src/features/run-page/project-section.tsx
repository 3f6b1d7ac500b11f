import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { parseMlproject, projectTags, type MlprojectSpec } from './project-info.js';
import type { ArtifactFolders } from './use-artifact-folders.js';

/**
 * "MLflow Project": shown when the run was launched with `mlflow run` (project tags) or carries an
 * MLproject artifact: the entry point, its parameters with the values this run used, and the
 * environment file.
 */
export function ProjectSection({ detail, folders, onOpenArtifact }: { detail: RunDetail; folders: ArtifactFolders; onOpenArtifact: (path: string) => void }): ReactNode {
  const tags = useMemo(() => projectTags(detail.row.tags), [detail.row.tags]);
  const root = folders.folders.get('');
  const rootNames = useMemo(() => (root?.status === 'ready' ? root.entries.filter((e) => !e.isDir).map((e) => e.name) : []), [root]);
  const hasMlproject = rootNames.includes('MLproject');
  const [spec, setSpec] = useState<{ spec: MlprojectSpec } | { error: string } | null>(null);
  const runKey = detail.row.runKey;

  useEffect(() => {
    setSpec(null);
    if (!hasMlproject) return;
    let current = true;
    call('artifacts:preview', { runKey, path: 'MLproject' })
      .then((p) => {
        if (!current) return;
        if (p.kind !== 'text') setSpec({ error: 'The MLproject file could not be read as text.' });
        else setSpec({ spec: parseMlproject(p.text, rootNames) });
      })
      .catch((e: unknown) => current && setSpec({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      current = false;
    };
  }, [runKey, hasMlproject, rootNames]);

  if (!tags && !hasMlproject) return null;
  const parsed = spec && 'spec' in spec ? spec.spec : null;
  const entryName = tags?.entryPoint ?? (detail.entryPoint || null) ?? 'main';
  const entry = parsed?.entryPoints.find((e) => e.name === entryName) ?? null;
  const env = parsed?.environment ?? null;
  const params = detail.row.params;

  return (
    <section className="rp-section" aria-labelledby="rp-project-heading">
      <div className="rp-section-head">
        <h2 id="rp-project-heading">MLflow Project</h2>
        {parsed?.name ? <span className="rp-count">{parsed.name}</span> : null}
      </div>
      <dl className="rp-facts">
        <div className="rp-fact">
          <dt>Entry point</dt>
          <dd>
            <code>{entryName}</code>
            {entry?.command ? <div className="rp-mono rp-muted">{entry.command}</div> : null}
          </dd>
        </div>
        <div className="rp-fact">
          <dt>Environment</dt>
          <dd>
            {env?.kind === 'docker' ? (
              <>
                Docker image <code>{env.image ?? tags?.dockerImage ?? '?'}</code>
              </>
            ) : env ? (
              <>
                {env.kind === 'python_env' ? 'Python env' : 'Conda env'}{' '}
                {rootNames.includes(env.file) ? (
                  <button type="button" className="rp-link" onClick={() => onOpenArtifact(env.file)}>
                    {env.file}
                  </button>
                ) : (
                  <code>{env.file}</code>
                )}
                {env.implicit ? <span className="rp-muted"> (found beside MLproject)</span> : null}
              </>
            ) : (
              (tags?.env ?? <span className="rp-muted">—</span>)
            )}
            {tags?.env && env ? <span className="rp-muted"> · run with {tags.env}</span> : null}
          </dd>
        </div>
        {tags?.backend ? (
          <div className="rp-fact">
            <dt>Backend</dt>
            <dd>{tags.backend}</dd>
          </div>
        ) : null}
        {tags?.repoUrl ? (
          <div className="rp-fact">
            <dt>Repository</dt>
            <dd className="rp-mono rp-ellipsis">{tags.repoUrl}</dd>
          </div>
        ) : null}
        {hasMlproject ? (
          <div className="rp-fact">
            <dt>Spec</dt>
            <dd>
              <button type="button" className="rp-link" onClick={() => onOpenArtifact('MLproject')}>
                MLproject
              </button>
            </dd>
          </div>
        ) : null}
      </dl>
      {spec && 'error' in spec ? <p className="rp-error-text">{spec.error}</p> : null}
      {entry && entry.parameters.length > 0 ? (
        <div className="rp-table-wrap">
          <table className="rp-table">
            <caption>Parameters of entry point {entry.name}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Default</th>
                <th scope="col">This run</th>
              </tr>
            </thead>
            <tbody>
              {entry.parameters.map((p) => (
                <tr key={p.name}>
                  <th scope="row" className="rp-key">
                    {p.name}
                  </th>
                  <td className="rp-mono">{p.type}</td>
                  <td className="rp-mono">{p.default ?? <span className="rp-muted">—</span>}</td>
                  <td className="rp-mono">{params[p.name] ?? <span className="rp-muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
