import { describe, it, expect } from 'vitest';
import { datasetColumns, datasetLocation, datasetProfile } from './dataset-info.js';

describe('dataset info', () => {
  it('finds the location in the source JSON', () => {
    expect(datasetLocation('{"uri": "/data/wine.csv"}')).toBe('/data/wine.csv');
    expect(datasetLocation('not json')).toBe('not json');
  });
  it('summarises the profile', () => {
    expect(datasetProfile('{"num_rows": 100, "num_elements": 400}')).toBe('100 rows, 400 elements');
  });
  it('reads column and tensor schemas', () => {
    expect(datasetColumns('{"mlflow_colspec": [{"type": "double", "name": "x", "required": true}, {"type": "long", "name": "y", "required": false}]}')).toEqual([
      { name: 'x', type: 'double', required: true },
      { name: 'y', type: 'long', required: false },
    ]);
    expect(datasetColumns('{"mlflow_tensorspec": {"features": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"float64\\", \\"shape\\": [-1, 4]}}]", "targets": null}}')).toEqual([
      { name: null, type: 'tensor float64 [-1,4]', required: true },
    ]);
    expect(datasetColumns('')).toBeNull();
  });
});
