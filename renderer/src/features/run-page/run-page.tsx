import { useCallback, useState, type ReactNode } from 'react';
import { navigate } from '../../navigation.js';
import { ArtifactsSection } from './artifacts-section.js';
import { DatasetsSection } from './datasets-section.js';
import { MetricsSection } from './metrics-section.js';
import { ParamsSection } from './params-section.js';
import { ProjectSection } from './project-section.js';
import { RunHeader } from './run-header.js';
import { RunOverview } from './run-overview.js';
import { TagsSection } from './tags-section.js';
import { useArtifactFolders } from './use-artifact-folders.js';
import { useExperimentName, useRunDetail } from './use-run-detail.js';
import './run-page.css';

/** Route `run`: everything about one run, kept current while it trains. */
export function RunPage({ runKey }: { runKey: number }): ReactNode {
  // Keyed so that moving to another run (a child run link) starts with fresh selection and folders.
  return <RunPageContent key={runKey} runKey={runKey} />;
}

function RunPageContent({ runKey }: { runKey: number }): ReactNode {
  const { detail, error } = useRunDetail(runKey);
  const experimentName = useExperimentName(detail?.row.experimentKey);
  const folders = useArtifactFolders(runKey, detail?.artifactsAvailable ?? false);
  const [selectedArtifact, setSelectedArtifact] = useState<string | null>(null);

  const openArtifact = useCallback((path: string) => {
    setSelectedArtifact(path);
    document.getElementById('rp-artifacts')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);

  if (!detail) {
    return (
      <div className="rp-page">
        <button type="button" className="rp-back" onClick={() => navigate({ name: 'runs' })}>
          ← Back to runs
        </button>
        {error ? (
          <p className="rp-error" role="alert">
            {error.code === 'NOT_FOUND' ? 'This run is not in the index (any more).' : `The run could not be loaded: ${error.message}`}
          </p>
        ) : (
          <p className="rp-muted rp-loading">Loading run…</p>
        )}
      </div>
    );
  }

  return (
    <div className="rp-page">
      <RunHeader detail={detail} experimentName={experimentName} />
      {error ? (
        <p className="rp-error" role="status">
          Showing the last loaded state; refreshing failed: {error.message}
        </p>
      ) : null}
      <RunOverview detail={detail} />
      <ParamsSection params={detail.row.params} />
      <MetricsSection row={detail.row} summaries={detail.metricSummaries} />
      <TagsSection tags={detail.row.tags} />
      <DatasetsSection datasets={detail.datasets} />
      <ProjectSection detail={detail} folders={folders} onOpenArtifact={openArtifact} />
      <ArtifactsSection detail={detail} folders={folders} selected={selectedArtifact} onSelect={setSelectedArtifact} />
    </div>
  );
}
