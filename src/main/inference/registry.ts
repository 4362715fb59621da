import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { EarmarkError } from '../../shared/errors';
import { configDir } from '../app/recent-projects';
import { resourcesDir } from '../app/resources';
import { readManifest, type ModelSpec } from './manifest';
import { validateModel, type ValidatedModel } from './validate';

// The models a user can run: the ones bundled in resources/models/*/model.json, and the ones the user
// added (copied, with their .onnx and labels file, into <configDir>/models/<id>/ so moving or deleting
// the original later does not break a project's runs).

export interface ModelInfo {
  id: string;
  name: string;
  version: string;
  description: string;
  labels: string[];
  sample_rate: number;
  window_s: number;
  hop_s: number;
  min_score: number;
  licence: string;
  attribution: string | null;
  source: 'bundled' | 'added';
  /** The manifest's path. */
  path: string;
}

/** Per-user folder of added models. */
export const defaultRegistryDir = (): string => join(configDir(), 'models');

/** resources/models (EARMARK_BUNDLED_MODELS_DIR overrides it for tests). */
export function bundledModelsDir(): string {
  return process.env.EARMARK_BUNDLED_MODELS_DIR ?? join(resourcesDir(), 'models');
}

function info(spec: ModelSpec, source: ModelInfo['source']): ModelInfo {
  const m = spec.manifest;
  return {
    id: m.id,
    name: m.name,
    version: m.version,
    description: m.description,
    labels: spec.labels,
    sample_rate: m.sample_rate,
    window_s: m.window_s,
    hop_s: m.hop_s,
    min_score: m.min_score,
    licence: m.licence,
    attribution: m.attribution ?? null,
    source,
    path: spec.manifestPath,
  };
}

function manifestsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'model.json')))
    .map((e) => join(dir, e.name, 'model.json'))
    .sort();
}

/**
 * Every model, bundled first. A damaged added model is left out of the list (it cannot run) rather
 * than hiding all the others; `resolveModel` on it reports what is wrong.
 */
export function listModels(registryDir = defaultRegistryDir()): ModelInfo[] {
  const out: ModelInfo[] = [];
  const seen = new Set<string>();
  for (const [source, dir] of [['bundled', bundledModelsDir()], ['added', registryDir]] as const) {
    for (const path of manifestsIn(dir)) {
      let spec: ModelSpec;
      try {
        spec = readManifest(path);
      } catch {
        continue;
      }
      if (seen.has(spec.manifest.id)) continue; // a bundled id wins over an added copy
      seen.add(spec.manifest.id);
      out.push(info(spec, source));
    }
  }
  return out;
}

/** Validates the model, then copies it into the registry; adding the same id again replaces it. */
export async function addModel(manifestPath: string, registryDir = defaultRegistryDir()): Promise<ModelInfo> {
  const model = await validateModel(manifestPath);
  const id = model.manifest.id;
  if (manifestsIn(bundledModelsDir()).some((p) => safeId(p) === id)) {
    throw new EarmarkError('CONFLICT', `a bundled model already has the id "${id}": give ${model.manifestPath} another id`);
  }
  // Copy into a temporary folder, then swap it in, so a failed copy never leaves half a model.
  const dest = join(registryDir, id);
  const temp = join(registryDir, `.${id}.adding-${process.pid}`);
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  try {
    const manifest = { ...model.manifest, file: basename(model.onnxPath) };
    copyFileSync(model.onnxPath, join(temp, manifest.file));
    if (model.manifest.labels_file) {
      // Labels are stored inline in the copy: one file fewer to keep in step.
      delete (manifest as { labels_file?: string }).labels_file;
      (manifest as { labels?: string[] }).labels = model.labels;
    }
    writeFileSync(join(temp, 'model.json'), JSON.stringify(manifest, null, 2) + '\n');
    rmSync(dest, { recursive: true, force: true });
    renameSync(temp, dest);
  } catch (e) {
    rmSync(temp, { recursive: true, force: true });
    throw new EarmarkError('IO', `could not copy model ${id} into ${registryDir}: ${(e as Error).message}`);
  }
  return info(readManifest(join(dest, 'model.json')), 'added');
}

function safeId(manifestPath: string): string | null {
  try {
    return readManifest(manifestPath).manifest.id;
  } catch {
    return null;
  }
}

/** The manifest an id, a model.json, a model folder, or an .onnx file with model.json beside it names. */
export function findManifest(idOrPath: string, registryDir = defaultRegistryDir()): string {
  const asPath = resolve(idOrPath);
  if (existsSync(asPath)) {
    if (statSync(asPath).isDirectory()) return join(asPath, 'model.json');
    if (asPath.endsWith('.onnx')) return join(dirname(asPath), 'model.json');
    return asPath;
  }
  const models = listModels(registryDir);
  const hit = models.find((m) => m.id === idOrPath);
  if (!hit) {
    const known = models.map((m) => m.id).join(', ') || 'none';
    throw new EarmarkError('NOT_FOUND', `no model "${idOrPath}": not a file, and not the id of a known model (known: ${known})`);
  }
  return hit.path;
}

/** Finds and validates a model (loads its graph once), ready for analyzeRecording. */
export async function resolveModel(idOrPath: string, registryDir = defaultRegistryDir()): Promise<ValidatedModel> {
  return validateModel(findManifest(idOrPath, registryDir));
}
