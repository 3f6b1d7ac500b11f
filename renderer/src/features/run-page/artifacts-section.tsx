import { useState, type ReactNode } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { ArtifactPreviewPane } from './artifact-preview.js';
import { ArtifactTree } from './artifact-tree.js';
import { useArtifactPreview, type ArtifactFolders } from './use-artifact-folders.js';

export interface ArtifactsSectionProps {
  detail: RunDetail;
  folders: ArtifactFolders;
  selected: string | null;
  onSelect: (path: string) => void;
}

/** "Artifacts": the run's files as a lazy tree beside a preview of the chosen file. */
export function ArtifactsSection({ detail, folders, selected, onSelect }: ArtifactsSectionProps): ReactNode {
  const runKey = detail.row.runKey;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const preview = useArtifactPreview(runKey, selected);
  const toggle = (path: string) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else {
        next.add(path);
        folders.open(path);
      }
      return next;
    });
  };
  const select = (path: string) => {
    // Opening a file deep in the tree (from the project panel) unfolds its folders.
    const parts = path.split('/');
    const parents = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
    if (parents.length > 0) {
      for (const p of parents) folders.open(p);
      setExpanded((prev) => new Set([...prev, ...parents]));
    }
    onSelect(path);
  };

  return (
    <section className="rp-section" id="rp-artifacts" aria-labelledby="rp-artifacts-heading">
      <div className="rp-section-head">
        <h2 id="rp-artifacts-heading">Artifacts</h2>
      </div>
      {!detail.artifactsAvailable ? (
        <p className="rp-muted">
          The artifacts of this run are not on this machine
          {detail.artifactUri ? (
            <>
              {' '}
              (<span className="rp-mono">{detail.artifactUri}</span>)
            </>
          ) : null}
          .
        </p>
      ) : (
        <div className="rp-artifacts">
          <ArtifactTree folders={folders} expanded={expanded} onToggle={toggle} selected={selected} onSelect={select} />
          <ArtifactPreviewPane path={selected} state={preview} />
        </div>
      )}
      {detail.loggedModels.length > 0 ? (
        <div className="rp-logged-models">
          <h3>Logged models</h3>
          <ul>
            {detail.loggedModels.map((m) => (
              <li key={m.modelId}>
                <strong>{m.name}</strong> <code>{m.modelId}</code>
                {m.artifactLocation ? <span className="rp-muted rp-mono"> {m.artifactLocation}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
