import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { EarmarkError } from '../../shared/errors';

// The model manifest (DESIGN.md, Models): `model.json` beside the .onnx file. Every model Earmark runs is
// one graph, float32 [batch, window_samples] mono waveform at `sample_rate` in, [batch, n_labels] scores
// (and optionally [batch, d] embedding) out. A BirdNET- or Perch-style model runs by writing only this.

const name = z.string().trim().min(1, 'must not be empty');

export const ModelManifest = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'must be lower-case letters, digits, ".", "_" or "-"'),
    name,
    version: name,
    description: z.string(),
    licence: name,
    attribution: z.string().optional(),
    /** The .onnx file, relative to the manifest's folder. */
    file: name,
    sample_rate: z.number().int().positive(),
    window_s: z.number().positive(),
    /** The default hop; a run may choose another. */
    hop_s: z.number().positive(),
    input: z.object({ name, layout: z.literal('batch,samples') }),
    outputs: z.object({
      scores: z.object({ name, activation: z.enum(['none', 'sigmoid', 'softmax']) }),
      embedding: z.object({ name }).optional(),
    }),
    labels: z.array(name).min(1).optional(),
    /** One label per line; BirdNET's "Scientific name_Common name" lines are kept whole. */
    labels_file: name.optional(),
    min_score: z.number().default(0),
  })
  .refine((m) => (m.labels === undefined) !== (m.labels_file === undefined), {
    message: 'give exactly one of "labels" (a list) or "labels_file" (a file name)',
    path: ['labels'],
  })
  .refine((m) => Number.isInteger(Math.round(m.window_s * m.sample_rate * 1e6) / 1e6), {
    message: 'window_s × sample_rate must be a whole number of samples',
    path: ['window_s'],
  });
export type ModelManifest = z.infer<typeof ModelManifest>;

/** A manifest read from disk, with its paths resolved and its labels loaded. */
export interface ModelSpec {
  manifest: ModelManifest;
  manifestPath: string;
  onnxPath: string;
  labels: string[];
  windowSamples: number;
}

const bad = (path: string, what: string) => new EarmarkError('BAD_MODEL', `model manifest ${path}: ${what}`);

/** Reads and checks a manifest (fields and files, not the graph: validateModel does that). */
export function readManifest(manifestPath: string): ModelSpec {
  const path = resolve(manifestPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new EarmarkError(existsSync(path) ? 'IO' : 'NOT_FOUND', `model manifest ${path} could not be read`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw bad(path, `not valid JSON (${(e as Error).message})`);
  }
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const field = i.path.length ? i.path.join('.') : '(manifest)';
      // zod says "expected string, received undefined" for a field that is simply absent.
      return `${field}: ${/received undefined$/.test(i.message) ? 'is missing' : i.message}`;
    });
    throw bad(path, lines.join('; '));
  }
  const manifest = parsed.data;
  const dir = dirname(path);
  const onnxPath = isAbsolute(manifest.file) ? manifest.file : resolve(dir, manifest.file);
  if (!existsSync(onnxPath)) throw bad(path, `file: ${onnxPath} does not exist`);
  const labels = manifest.labels ?? readLabelsFile(path, resolve(dir, manifest.labels_file!));
  const duplicate = labels.find((l, i) => labels.indexOf(l) !== i);
  if (duplicate !== undefined) throw bad(path, `labels: "${duplicate}" appears twice`);
  return { manifest, manifestPath: path, onnxPath, labels, windowSamples: Math.round(manifest.window_s * manifest.sample_rate) };
}

/** One label per line; blank lines are skipped (a trailing newline is common). */
export function readLabelsFile(manifestPath: string, file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw bad(manifestPath, `labels_file: ${file} could not be read`);
  }
  const labels = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  if (!labels.length) throw bad(manifestPath, `labels_file: ${file} has no labels`);
  return labels;
}
