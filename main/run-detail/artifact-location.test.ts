import { describe, expect, it } from 'vitest';
import { localPathOfUri, mlflowArtifactsPath } from './artifact-location.js';

describe('localPathOfUri', () => {
  const base = '/home/u/project';

  it('decodes file URIs, including percent-encoding and Windows drive letters', () => {
    expect(localPathOfUri('file:///home/u/project/mlruns/1/abc/artifacts', base)).toBe('/home/u/project/mlruns/1/abc/artifacts');
    expect(localPathOfUri('file:///c:/Users/amcuc/OCR%20projects/Project%207/mlruns/1/x/artifacts', base)).toBe(
      'c:/Users/amcuc/OCR projects/Project 7/mlruns/1/x/artifacts',
    );
    expect(localPathOfUri('file:///D:/code/week-02/mlruns/1', base)).toBe('D:/code/week-02/mlruns/1');
    expect(localPathOfUri('file://localhost/tmp/a', base)).toBe('/tmp/a');
    expect(localPathOfUri('file:/tmp/one-slash', base)).toBe('/tmp/one-slash');
    expect(localPathOfUri('file:///bad%ZZescape', base)).toBe('/bad%ZZescape');
  });

  it('refuses remote locations', () => {
    expect(localPathOfUri('file://fileserver/share/mlruns', base)).toBeNull();
    expect(localPathOfUri('s3://bucket/mlruns/1/abc/artifacts', base)).toBeNull();
    expect(localPathOfUri('mlflow-artifacts:/0/abc/artifacts', base)).toBeNull();
    expect(localPathOfUri('dbfs:/databricks/mlflow', base)).toBeNull();
    expect(localPathOfUri('', base)).toBeNull();
  });

  it('keeps bare paths and resolves relative ones against the folder MLflow ran in', () => {
    expect(localPathOfUri('/workspace/bp-4/mlruns/1/x/artifacts', base)).toBe('/workspace/bp-4/mlruns/1/x/artifacts');
    expect(localPathOfUri('./mlruns/6/x/artifacts', base)).toBe('/home/u/project/mlruns/6/x/artifacts');
    expect(localPathOfUri('C:\\Users\\me\\mlruns\\1', base)).toBe('C:\\Users\\me\\mlruns\\1');
  });
});

describe('mlflowArtifactsPath', () => {
  it('maps mlflow-artifacts URIs into mlartifacts/ of the base folder', () => {
    expect(mlflowArtifactsPath('mlflow-artifacts:/0/abc/artifacts', '/p')).toBe('/p/mlartifacts/0/abc/artifacts');
    expect(mlflowArtifactsPath('mlflow-artifacts://host:5000/7/models/m-1/artifacts', '/p')).toBe('/p/mlartifacts/7/models/m-1/artifacts');
    expect(mlflowArtifactsPath('mlflow-artifacts:/0/../../etc', '/p')).toBeNull();
    expect(mlflowArtifactsPath('file:///x', '/p')).toBeNull();
  });
});
