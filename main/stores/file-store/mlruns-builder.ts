import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Writes small MLflow file stores the way MLflow lays them out, for tests of the reader, the
 * indexer and the watcher. Values are written exactly as MLflow writes them (no trailing newline
 * in params/tags, `ts value step\n` metric lines, sorted block YAML).
 */
export class MlrunsBuilder {
  constructor(readonly root: string) {
    mkdirSync(join(root, '.trash'), { recursive: true });
  }

  experiment(id: string, name = `exp-${id}`, options: { trashed?: boolean; lifecycle?: string; rawId?: string } = {}): string {
    const dir = join(this.root, ...(options.trashed ? ['.trash'] : []), id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'meta.yaml'),
      `artifact_location: file://${dir}\ncreation_time: 1700000000000\nexperiment_id: ${options.rawId ?? `'${id}'`}\n` +
        `last_update_time: 1700000000000\nlifecycle_stage: ${options.lifecycle ?? (options.trashed ? 'deleted' : 'active')}\nname: ${name}\n`,
    );
    return dir;
  }

  run(
    experimentDir: string,
    runId: string,
    options: {
      status?: number;
      name?: string;
      lifecycle?: string;
      experimentId?: string;
      startTime?: number;
      params?: Record<string, string>;
      tags?: Record<string, string>;
      metrics?: Record<string, string>;
      meta?: string;
    } = {},
  ): string {
    const dir = join(experimentDir, runId);
    for (const sub of ['metrics', 'params', 'tags', 'artifacts']) mkdirSync(join(dir, sub), { recursive: true });
    const experimentId = options.experimentId ?? experimentDir.slice(experimentDir.lastIndexOf('/') + 1);
    writeFileSync(
      join(dir, 'meta.yaml'),
      options.meta ??
        `artifact_uri: file://${dir}/artifacts\nend_time: null\nentry_point_name: ''\nexperiment_id: '${experimentId}'\n` +
          `lifecycle_stage: ${options.lifecycle ?? 'active'}\nrun_id: ${runId}\nrun_name: ${options.name ?? ''}\nsource_name: ''\n` +
          `source_type: 4\nsource_version: ''\nstart_time: ${options.startTime ?? 1700000000000}\nstatus: ${options.status ?? 3}\ntags: []\nuser_id: tester\n`,
    );
    for (const [key, value] of Object.entries(options.params ?? {})) this.file(join(dir, 'params', key), value);
    for (const [key, value] of Object.entries(options.tags ?? {})) this.file(join(dir, 'tags', key), value);
    for (const [key, text] of Object.entries(options.metrics ?? {})) this.file(join(dir, 'metrics', key), text);
    return dir;
  }

  /** Writes a file, creating its folders (keys with '/' are nested folders). */
  file(path: string, content: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }

  append(path: string, content: string): void {
    appendFileSync(path, content);
  }

  registeredModel(
    name: string,
    options: { versions?: { version: number; stage?: string; runId?: string }[]; aliases?: Record<string, string>; tags?: Record<string, string> } = {},
  ): string {
    const dir = join(this.root, 'models', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'meta.yaml'),
      `aliases: {}\ncreation_timestamp: 1700000000000\ndescription: ''\nlast_updated_timestamp: 1700000000001\nname: ${name}\n`,
    );
    for (const v of options.versions ?? []) {
      const vdir = join(dir, `version-${v.version}`);
      mkdirSync(vdir, { recursive: true });
      writeFileSync(
        join(vdir, 'meta.yaml'),
        `creation_timestamp: 1700000000000\ncurrent_stage: ${v.stage ?? 'None'}\ndescription: ''\nlast_updated_timestamp: 1700000000000\n` +
          `name: ${name}\nrun_id: ${v.runId ?? 'null'}\nrun_link: ''\nsource: models:/m-1\nstatus: READY\nstatus_message: null\nuser_id: null\nversion: ${v.version}\n`,
      );
    }
    for (const [alias, version] of Object.entries(options.aliases ?? {})) this.file(join(dir, 'aliases', alias), version);
    for (const [key, value] of Object.entries(options.tags ?? {})) this.file(join(dir, 'tags', key), value);
    return dir;
  }
}
