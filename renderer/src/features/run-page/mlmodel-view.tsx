import type { ReactNode } from 'react';
import type { MlModelInfo } from '../../../../preload/contract.js';
import { SignatureTable } from './signature-table.js';

/** An MLmodel file as a person reads it: flavors, signature tables and the input example. */
export function MlModelView({ model }: { model: MlModelInfo }): ReactNode {
  const facts: [string, string | null][] = [
    ['MLflow version', model.mlflowVersion],
    ['Created (UTC)', model.createdUtc],
    ['Model ID', model.modelId],
    ['Run ID', model.runId],
  ];
  return (
    <div className="rp-mlmodel">
      <dl className="rp-facts rp-facts--compact">
        {facts
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div className="rp-fact" key={k}>
              <dt>{k}</dt>
              <dd className="rp-mono">{v}</dd>
            </div>
          ))}
      </dl>
      <h4>Flavors</h4>
      {model.flavors.length === 0 ? (
        <p className="rp-muted">None listed.</p>
      ) : (
        <div className="rp-flavors">
          {model.flavors.map((f) => (
            <div key={f.name} className="rp-flavor">
              <div className="rp-flavor-name">{f.name}</div>
              <dl>
                {Object.entries(f.details).map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd className="rp-mono">{v}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </div>
      )}
      <h4>Signature</h4>
      {model.signature ? (
        <div className="rp-signatures">
          <SignatureTable caption="Inputs" columns={model.signature.inputs} />
          <SignatureTable caption="Outputs" columns={model.signature.outputs} />
          {model.signature.params.length > 0 ? <SignatureTable caption="Params" columns={model.signature.params} /> : null}
        </div>
      ) : (
        <p className="rp-muted">The model was saved without a signature.</p>
      )}
      {model.inputExample !== null ? (
        <>
          <h4>Input example</h4>
          <pre className="rp-code">{model.inputExample}</pre>
        </>
      ) : null}
    </div>
  );
}
