import type { ReactNode } from 'react';
import { formatBytes } from '../../components/format-number.js';
import type { ArtifactFolders } from './use-artifact-folders.js';

export interface ArtifactTreeProps {
  folders: ArtifactFolders;
  expanded: ReadonlySet<string>;
  onToggle: (path: string) => void;
  selected: string | null;
  onSelect: (path: string) => void;
}

/** The artifact folders as an expandable tree; a folder is listed when it is first opened. */
export function ArtifactTree(props: ArtifactTreeProps): ReactNode {
  return (
    <div className="rp-tree" role="tree" aria-label="Artifacts">
      <FolderItems {...props} path="" depth={0} />
    </div>
  );
}

function FolderItems({ path, depth, ...props }: ArtifactTreeProps & { path: string; depth: number }): ReactNode {
  const state = props.folders.folders.get(path);
  const indent = { paddingLeft: 6 + depth * 14 };
  if (!state || state.status === 'loading') {
    return (
      <div className="rp-tree-note" style={indent}>
        Loading…
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="rp-tree-note rp-error-text" style={indent}>
        {state.message}
      </div>
    );
  }
  if (state.entries.length === 0) {
    return (
      <div className="rp-tree-note" style={indent}>
        {depth === 0 ? 'No artifacts were logged.' : 'Empty folder'}
      </div>
    );
  }
  const entries = [...state.entries].sort((a, b) => (a.isDir === b.isDir ? a.name.localeCompare(b.name) : a.isDir ? -1 : 1));
  return (
    <>
      {entries.map((e) => {
        const open = props.expanded.has(e.path);
        return (
          <div key={e.path} role="none">
            <button
              type="button"
              role="treeitem"
              aria-label={e.name}
              aria-level={depth + 1}
              aria-expanded={e.isDir ? open : undefined}
              aria-selected={props.selected === e.path}
              className={`rp-tree-item ${props.selected === e.path ? 'is-selected' : ''}`}
              style={indent}
              title={e.path}
              onClick={() => (e.isDir ? props.onToggle(e.path) : props.onSelect(e.path))}
            >
              <span className="rp-tree-icon" aria-hidden="true">
                {e.isDir ? (open ? '▾' : '▸') : fileGlyph(e.name)}
              </span>
              <span className="rp-tree-name">{e.name}</span>
              {!e.isDir ? <span className="rp-tree-size">{formatBytes(e.size)}</span> : null}
            </button>
            {e.isDir && open ? (
              <div role="group">
                <FolderItems {...props} path={e.path} depth={depth + 1} />
              </div>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

function fileGlyph(name: string): string {
  if (/\.(png|jpe?g|gif|svg|webp|bmp)$/i.test(name)) return '▨';
  if (name === 'MLmodel' || name === 'MLproject') return '◆';
  return '▫';
}
