import { useState, type ReactNode } from 'react';
import { Dialog } from '../../components/dialog.js';
import type { StageRequest } from './registry-rules.js';

const list = (versions: number[]) => versions.map((v) => `version ${v}`).join(', ');

/**
 * Confirms a stage change. For Staging and Production it offers MLflow's "archive the versions
 * now in that stage", checked by default as in MLflow's own dialog (DirectTransitionForm); the
 * API default would be unchecked, so the choice is shown and explained rather than hidden.
 */
export function StageDialog({ request, onConfirm, onCancel }: { request: StageRequest; onConfirm: (archiveExisting: boolean) => void; onCancel: () => void }): ReactNode {
  const active = request.to === 'Staging' || request.to === 'Production';
  const [archive, setArchive] = useState(active);
  const archiving = active && archive ? request.others : [];
  return (
    <Dialog
      open
      title={`Move version ${request.version} to ${request.to}?`}
      onClose={onCancel}
      width="480px"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className={`button ${request.to === 'Archived' ? 'button--danger' : 'button--primary'}`} onClick={() => onConfirm(active && archive)} autoFocus>
            Confirm
          </button>
        </>
      }
    >
      <div className="reg-dialog">
        <p>
          Version <strong>{request.version}</strong> of <strong>{request.modelName}</strong> is in <StageBadge stage={request.from} /> now and will move to{' '}
          <StageBadge stage={request.to} />.
        </p>
        {request.to === 'Production' ? <p className="muted">Code that loads models:/{request.modelName}/Production will get this version.</p> : null}
        {request.to === 'Archived' ? <p className="muted">models:/{request.modelName}/{request.from} will no longer find this version. Its aliases stay as they are.</p> : null}
        {active ? (
          <div className="reg-dialog__archive">
            <label>
              <input type="checkbox" className="checkbox" checked={archive} onChange={(e) => setArchive(e.target.checked)} />
              Archive the versions now in {request.to}
            </label>
            <p className="muted">
              {request.others.length === 0
                ? `No other version is in ${request.to} now, so nothing else changes.`
                : archive
                  ? `${capitalize(list(request.others))} will move to Archived.`
                  : `${capitalize(list(request.others))} will stay in ${request.to} too.`}
            </p>
          </div>
        ) : null}
        <p className="muted reg-dialog__note">
          {archiving.length > 0 ? `${archiving.length + 1} versions change. ` : ''}The change is written to the store as MLflow writes it, recorded in the history, and can be undone.
        </p>
      </div>
    </Dialog>
  );
}

export function StageBadge({ stage }: { stage: string }): ReactNode {
  return <span className={`reg-stage reg-stage--${stage.toLowerCase()}`}>{stage}</span>;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
