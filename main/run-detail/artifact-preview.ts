import { posix } from 'node:path';
import type { ArtifactPreview } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import { decodeHead, decodeTail, looksBinary, withArtifactFile, type ArtifactFile } from './artifact-file.js';
import { parseArtifactPath, resolveArtifact } from './artifact-paths.js';
import type { RunArtifactRoots } from './artifact-roots.js';
import { parseDelimited } from './csv-table.js';
import { parseMlModel, type SiblingReader } from './mlmodel.js';

export const TEXT_CAP = 256 * 1024;
export const IMAGE_CAP = 10 * 1024 * 1024;
export const MLMODEL_CAP = 1024 * 1024;
export const TABLE_ROWS = 200;

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};
const YAML_NAMES = new Set(['MLproject', 'conda.yaml', 'python_env.yaml']);
/** Logs grow at the end, so a long one is shown from its last bytes. */
const TAIL_FIRST = new Set(['.log', '.txt']);
/** Text whatever bytes it holds (a crashed writer can leave NULs in a log): never sniffed. */
const TEXT_EXTENSIONS = new Set([
  '.txt', '.log', '.md', '.rst', '.out', '.err', '.py', '.r', '.sh', '.bat', '.ps1', '.cfg', '.ini', '.toml', '.conf',
  '.env', '.sql', '.js', '.ts', '.css', '.html', '.htm', '.xml', '.tex', '.properties', '.gitignore', '.dockerfile',
]);
/** Formats that are never text: not even sniffed. */
const BINARY_EXTENSIONS = new Set([
  '.pkl', '.pickle', '.joblib', '.pt', '.pth', '.ckpt', '.bin', '.safetensors', '.onnx', '.h5', '.hdf5', '.keras', '.pb',
  '.npy', '.npz', '.parquet', '.feather', '.arrow', '.avro', '.orc', '.zip', '.gz', '.tgz', '.bz2', '.xz', '.zst', '.7z',
  '.tar', '.whl', '.jar', '.so', '.dll', '.dylib', '.exe', '.pdf', '.mp3', '.mp4', '.wav', '.ogg', '.avi', '.mov', '.tif',
  '.tiff', '.bmp', '.ico', '.cbm', '.ubj', '.db', '.sqlite', '.lance', '.tflite', '.mar',
]);

/**
 * A preview of one artifact file, by its kind: image (data URL), MLmodel (parsed), CSV/TSV (first
 * 200 rows), JSON/YAML/text (first 256 KB, or the last 256 KB of a long .log/.txt), otherwise
 * binary. Never reads more than a cap: a 10 GB log costs one 256 KB read.
 */
export function previewArtifact(roots: RunArtifactRoots, path: string): ArtifactPreview {
  const segments = parseArtifactPath(path);
  if (segments.length === 0) throw new AppError('BAD_REQUEST', 'Choose a file to preview, not the artifact root.');
  const target = resolveArtifact(roots, segments);
  if (target.kind !== 'real') throw new AppError('BAD_REQUEST', `“${segments.join('/')}” is a folder; list it instead.`);
  const shown = segments.join('/');
  const name = segments.at(-1)!;
  const extension = posix.extname(name).toLowerCase();
  const readSibling: SiblingReader = (relative, maxBytes) => readNextTo(roots, segments, relative, maxBytes);
  return withArtifactFile(target.real, shown, (file) => previewFile(file, shown, name, extension, readSibling));
}

function previewFile(file: ArtifactFile, path: string, name: string, extension: string, readSibling: SiblingReader): ArtifactPreview {
  const size = file.size;
  if (name === 'MLmodel') {
    if (size > MLMODEL_CAP) return { kind: 'too-large', path, size };
    const text = decodeHead(file.head(size), false);
    try {
      return { kind: 'mlmodel', path, model: parseMlModel(text, readSibling), size };
    } catch {
      // Not valid YAML: still worth reading as text.
      return { kind: 'text', path, text, truncated: false, size, language: 'yaml' };
    }
  }
  const imageType = IMAGE_TYPES[extension];
  if (imageType) {
    if (size > IMAGE_CAP) return { kind: 'too-large', path, size };
    return { kind: 'image', path, dataUrl: `data:${imageType};base64,${file.head(size).toString('base64')}`, size };
  }
  if (extension === '.csv' || extension === '.tsv') {
    const cut = size > TEXT_CAP;
    const text = decodeHead(file.head(TEXT_CAP), cut);
    const { rows, more } = parseDelimited(text, extension === '.tsv' ? '\t' : ',', TABLE_ROWS + 1, !cut);
    const [header = [], ...body] = rows;
    return { kind: 'table', path, header, rows: body, truncated: more, size };
  }
  if (extension === '.json') {
    const cut = size > TEXT_CAP;
    const text = decodeHead(file.head(TEXT_CAP), cut);
    return { kind: 'text', path, text: cut ? text : prettyJson(text), truncated: cut, size, language: 'json' };
  }
  if (extension === '.yaml' || extension === '.yml' || YAML_NAMES.has(name)) return textPreview(file, path, 'yaml', false);
  if (BINARY_EXTENSIONS.has(extension)) return { kind: 'binary', path, size };
  if (!TEXT_EXTENSIONS.has(extension) && looksBinary(file.head(8192))) return { kind: 'binary', path, size };
  return textPreview(file, path, extension === '.log' ? 'log' : 'plain', TAIL_FIRST.has(extension));
}

function textPreview(file: ArtifactFile, path: string, language: 'plain' | 'yaml' | 'log', tailFirst: boolean): ArtifactPreview {
  const cut = file.size > TEXT_CAP;
  const text = tailFirst && cut ? decodeTail(file.tail(TEXT_CAP), true) : decodeHead(file.head(TEXT_CAP), cut);
  return { kind: 'text', path, text, truncated: cut, size: file.size, language };
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A file next to `segments` (e.g. an MLmodel's input example), through the same path checks. */
function readNextTo(roots: RunArtifactRoots, segments: string[], relative: string, maxBytes: number): { text: string; truncated: boolean } | null {
  try {
    const sibling = [...segments.slice(0, -1), ...parseArtifactPath(relative)];
    const target = resolveArtifact(roots, sibling);
    if (target.kind !== 'real') return null;
    return withArtifactFile(target.real, sibling.join('/'), (file) => {
      const truncated = file.size > maxBytes;
      return { text: decodeHead(file.head(maxBytes), truncated), truncated };
    });
  } catch {
    return null;
  }
}
