import { useMemo, useState, type ReactNode } from 'react';
import type { ArtifactPreview as Preview } from '../../../../preload/contract.js';
import { formatBytes, formatCount } from '../../components/format-number.js';
import { MlModelView } from './mlmodel-view.js';
import type { PreviewState } from './use-artifact-folders.js';

/** The preview pane: images, text and logs, JSON/YAML, CSV tables and MLmodel files. */
export function ArtifactPreviewPane({ path, state }: { path: string | null; state: PreviewState | null }): ReactNode {
  if (path === null || state === null) return <div className="rp-preview-empty">Select a file to preview it.</div>;
  return (
    <div className="rp-preview" aria-label={`Preview of ${path}`} role="region">
      <div className="rp-preview-head">
        <span className="rp-mono rp-ellipsis" title={path}>
          {path}
        </span>
        {state.status === 'ready' ? <span className="rp-muted">{formatBytes(state.preview.size)}</span> : null}
      </div>
      <div className="rp-preview-body">
        {state.status === 'loading' ? <p className="rp-muted">Loading preview…</p> : null}
        {state.status === 'error' ? <p className="rp-error-text">Could not preview this file: {state.message}</p> : null}
        {state.status === 'ready' ? <PreviewBody preview={state.preview} /> : null}
      </div>
    </div>
  );
}

function PreviewBody({ preview }: { preview: Preview }): ReactNode {
  switch (preview.kind) {
    case 'image':
      return <ImagePreview src={preview.dataUrl} path={preview.path} />;
    case 'text':
      return <TextPreview preview={preview} />;
    case 'table':
      return (
        <>
          {preview.truncated ? <p className="rp-note">Showing the first {formatCount(preview.rows.length)} rows.</p> : null}
          <div className="rp-table-wrap rp-csv">
            <table className="rp-table">
              <thead>
                <tr>
                  {preview.header.map((h, i) => (
                    <th key={i} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j} className="rp-mono">
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      );
    case 'mlmodel':
      return <MlModelView model={preview.model} />;
    case 'binary':
      return <p className="rp-muted">Binary file ({formatBytes(preview.size)}): no preview.</p>;
    case 'too-large':
      return <p className="rp-muted">This file is too large to preview ({formatBytes(preview.size)}).</p>;
  }
}

/** Small images (icons, tiny plots) are enlarged with crisp pixels instead of sitting as a speck. */
function ImagePreview({ src, path }: { src: string; path: string }): ReactNode {
  const [natural, setNatural] = useState<number | null>(null);
  const small = natural !== null && natural < 160;
  return (
    <div className="rp-image">
      <img
        src={src}
        alt={path}
        className={small ? 'is-small' : undefined}
        style={small ? { width: natural * 3 } : undefined}
        onLoad={(e) => setNatural(e.currentTarget.naturalWidth)}
      />
    </div>
  );
}

function TextPreview({ preview }: { preview: Extract<Preview, { kind: 'text' }> }): ReactNode {
  const text = useMemo(() => (preview.language === 'json' && !preview.truncated ? prettyJson(preview.text) : preview.text), [preview]);
  return (
    <>
      {preview.truncated ? <p className="rp-note">Showing the last 256 KB of {formatBytes(preview.size)}.</p> : null}
      <pre className={`rp-code rp-code--${preview.language}`}>{text}</pre>
    </>
  );
}

/** JSON artifacts are often written on one line; indent them. Broken JSON is shown as it is. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
