import { load } from 'js-yaml';

/** What an MLflow Project run records about how it was launched (tags `mlflow.project.*` and friends). */
export interface ProjectTags {
  entryPoint: string | null;
  /** `conda`, `virtualenv`, `docker`, `local`… as MLflow wrote it. */
  env: string | null;
  backend: string | null;
  dockerImage: string | null;
  repoUrl: string | null;
}

export interface ProjectParameter {
  name: string;
  type: string;
  default: string | null;
}

export interface ProjectEntryPoint {
  name: string;
  command: string | null;
  parameters: ProjectParameter[];
}

export type ProjectEnvironment =
  | { kind: 'docker'; image: string | null }
  | { kind: 'python_env' | 'conda_env'; file: string; implicit: boolean }
  | null;

export interface MlprojectSpec {
  name: string | null;
  entryPoints: ProjectEntryPoint[];
  environment: ProjectEnvironment;
}

/** The project tags of a run, or null when it was not launched as an MLflow Project. */
export function projectTags(tags: Record<string, string>): ProjectTags | null {
  const isProject = Object.keys(tags).some((k) => k.startsWith('mlflow.project.')) || tags['mlflow.source.type'] === 'PROJECT';
  if (!isProject) return null;
  const get = (k: string) => (tags[k] !== undefined && tags[k] !== '' ? tags[k]! : null);
  return {
    entryPoint: get('mlflow.project.entryPoint'),
    env: get('mlflow.project.env'),
    backend: get('mlflow.project.backend'),
    dockerImage: get('mlflow.docker.image.uri'),
    repoUrl: get('mlflow.source.git.repoURL') ?? get('mlflow.gitRepoURL'),
  };
}

/**
 * Reads an MLproject file the way MLflow's `_project_spec.load_project` does: entry points with
 * their parameters (`name: type` shorthand or `{type, default}`), and the environment in MLflow's
 * order of precedence — docker_env, python_env, conda_env, then a `python_env.yaml` or
 * `conda.yaml` beside it (`siblingFiles`). Throws a readable message when the YAML is broken.
 */
export function parseMlproject(text: string, siblingFiles: readonly string[] = []): MlprojectSpec {
  let doc: unknown;
  try {
    doc = load(text);
  } catch (e) {
    throw new Error(`MLproject is not valid YAML: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new Error('MLproject does not hold a mapping of settings.');
  const spec = doc as Record<string, unknown>;

  const entryPoints: ProjectEntryPoint[] = [];
  const eps = spec.entry_points;
  if (eps && typeof eps === 'object' && !Array.isArray(eps)) {
    for (const [name, raw] of Object.entries(eps as Record<string, unknown>)) {
      const ep = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
      const params = ep.parameters && typeof ep.parameters === 'object' ? (ep.parameters as Record<string, unknown>) : {};
      entryPoints.push({
        name,
        command: typeof ep.command === 'string' ? ep.command : null,
        parameters: Object.entries(params).map(([pname, p]): ProjectParameter => {
          if (typeof p === 'string') return { name: pname, type: p, default: null };
          const obj = p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
          return {
            name: pname,
            type: typeof obj.type === 'string' ? obj.type : 'string',
            default: obj.default === undefined || obj.default === null ? null : String(obj.default),
          };
        }),
      });
    }
  }

  let environment: ProjectEnvironment = null;
  const docker = spec.docker_env;
  if (docker && typeof docker === 'object') {
    const image = (docker as Record<string, unknown>).image;
    environment = { kind: 'docker', image: typeof image === 'string' ? image : null };
  } else if (typeof spec.python_env === 'string') environment = { kind: 'python_env', file: spec.python_env, implicit: false };
  else if (typeof spec.conda_env === 'string') environment = { kind: 'conda_env', file: spec.conda_env, implicit: false };
  else if (siblingFiles.includes('python_env.yaml')) environment = { kind: 'python_env', file: 'python_env.yaml', implicit: true };
  else if (siblingFiles.includes('conda.yaml')) environment = { kind: 'conda_env', file: 'conda.yaml', implicit: true };

  return { name: typeof spec.name === 'string' ? spec.name : null, entryPoints, environment };
}
