import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EarmarkError } from '../../shared/errors';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { baseManifest, brokenModels, buildBirdnetStyleModel, buildEnergyModel, energyModelBytes, writeModelDir, BIRDNET_STYLE_LABEL_LINES } from '../../../test/fixtures/models/builders';
import { addModel, bundledModelsDir, findManifest, listModels, resolveModel } from './registry';
import { validateModel } from './validate';

const tmp = useTempDir('earmark-models-');
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EarmarkError);
    return e as EarmarkError;
  }
  throw new Error('expected a failure');
};

describe('validateModel', () => {
  it('accepts a model with a fixed window and one with a symbolic window', async () => {
    const fixed = await validateModel(buildEnergyModel(join(tmp(), 'fixed')).manifestPath);
    expect(fixed.labels).toEqual(['energy', 'peak', 'mean']);
    expect(fixed.windowSamples).toBe(16000);
    expect(fixed.fixedWindow).toBe(16000);
    const dynamic = await validateModel(buildEnergyModel(join(tmp(), 'dyn'), { dynamicWindow: true }).manifestPath);
    expect(dynamic.fixedWindow).toBeNull();
  });

  it('accepts a BirdNET-shaped model by its manifest alone, labels from a file', async () => {
    const m = await validateModel(buildBirdnetStyleModel(join(tmp(), 'bn')).manifestPath);
    expect(m.windowSamples).toBe(144000);
    expect(m.embeddingDim).toBe(16);
    expect(m.labels).toEqual(BIRDNET_STYLE_LABEL_LINES);
  });

  it('says a file is not ONNX', async () => {
    const path = brokenModels.notOnnx(join(tmp(), 'x'));
    const e = await failure(validateModel(path));
    expect(e.code).toBe('BAD_MODEL');
    expect(e.message).toBe(`could not load ${join(tmp(), 'x', 'model.onnx')}: not an ONNX model`);
  });

  it('names the tensors the graph has when the manifest names others', async () => {
    const input = await failure(validateModel(brokenModels.wrongInputName(join(tmp(), 'i'))));
    expect(input.message).toContain('input.name: the graph has no input "audio"; its inputs are: waveform (float32 [batch, 16000])');
    const output = await failure(validateModel(brokenModels.wrongOutputName(join(tmp(), 'o'))));
    expect(output.message).toContain('outputs.scores.name: the graph has no output "logits"; its outputs are: scores (float32 [batch, 3])');
    const emb = buildEnergyModel(join(tmp(), 'e'), { manifest: { outputs: { scores: { name: 'scores', activation: 'none' }, embedding: { name: 'emb' } } } });
    expect((await failure(validateModel(emb.manifestPath))).message).toContain('outputs.embedding.name: the graph has no output "emb"');
  });

  it('catches a label count that differs from the score dimension, fixed or only known by running', async () => {
    const fixed = await failure(validateModel(brokenModels.labelCountFixed(join(tmp(), 'f'))));
    expect(fixed.message).toContain('the graph\'s "scores" output has 3 scores per window, but the manifest has 2 labels');
    const dynamic = await failure(validateModel(brokenModels.labelCountDynamic(join(tmp(), 'd'))));
    expect(dynamic.message).toContain('the graph\'s "scores" output has 5 scores per window, but the manifest has 3 labels');
  });

  it('catches a window length that contradicts the graph, and a wrong rank', async () => {
    const e = await failure(validateModel(brokenModels.windowMismatch(join(tmp(), 'w'))));
    expect(e.message).toContain('input "waveform" takes 16000 samples per window, but window_s × sample_rate = 2 × 16000 = 32000');
    const rank3 = writeModelDir(join(tmp(), 'r'), readFileSync(join(bundledModelsDir(), 'silero-vad', 'silero_vad_v5.onnx')), baseManifest({ labels: ['speech'], input: { name: 'input', layout: 'batch,samples' }, outputs: { scores: { name: 'output', activation: 'none' } } }));
    const stateful = await failure(validateModel(rank3.manifestPath));
    expect(stateful.message).toMatch(/the graph has inputs Earmark cannot feed besides "input": state \(float32 \[2, .*\]\), sr \(int64/);
  });

  it('lists every missing or invalid manifest field with its path', async () => {
    const e = await failure(validateModel(brokenModels.missingFields(join(tmp(), 'm'))));
    expect(e.code).toBe('BAD_MODEL');
    expect(e.message).toContain('licence: is missing');
    expect(e.message).toContain('sample_rate: is missing');
    expect(e.message).toContain('outputs.scores.activation: Invalid option: expected one of "none"|"sigmoid"|"softmax"');
    const both = writeModelDir(join(tmp(), 'b'), energyModelBytes(16000), baseManifest({ labels: ['a'], labels_file: 'x.txt' }));
    expect((await failure(validateModel(both.manifestPath))).message).toContain('labels: give exactly one of "labels" (a list) or "labels_file"');
    const noFile = writeModelDir(join(tmp(), 'n'), energyModelBytes(16000), baseManifest({ labels: ['a'] }));
    rmSync(noFile.onnxPath);
    expect((await failure(validateModel(noFile.manifestPath))).message).toContain(`file: ${noFile.onnxPath} does not exist`);
  });
});

describe('model registry', () => {
  it('lists the bundled Silero VAD model', () => {
    const vad = listModels(join(tmp(), 'registry')).find((m) => m.id === 'silero-vad');
    expect(vad).toMatchObject({ source: 'bundled', labels: ['speech'], sample_rate: 16000, window_s: 1, hop_s: 1, licence: 'MIT' });
  });

  it('adds a model by copying it, then lists and resolves it by id after the original is gone', async () => {
    const registry = join(tmp(), 'registry');
    const bn = buildBirdnetStyleModel(join(tmp(), 'src'));
    const added = await addModel(bn.manifestPath, registry);
    expect(added).toMatchObject({ id: 'birdnet-style', source: 'added', sample_rate: 48000, window_s: 3, labels: BIRDNET_STYLE_LABEL_LINES });
    rmSync(bn.dir, { recursive: true });
    expect(listModels(registry).map((m) => [m.id, m.source])).toContainEqual(['birdnet-style', 'added']);
    const resolved = await resolveModel('birdnet-style', registry);
    expect(resolved.onnxPath.startsWith(registry)).toBe(true);
    expect(resolved.labels).toEqual(BIRDNET_STYLE_LABEL_LINES);
    expect(existsSync(join(registry, 'birdnet-style', 'model.json'))).toBe(true);
  });

  it('refuses a bad model and an id taken by a bundled model, and says which ids exist', async () => {
    const registry = join(tmp(), 'registry');
    expect((await failure(addModel(brokenModels.labelCountFixed(join(tmp(), 'bad')), registry))).code).toBe('BAD_MODEL');
    expect(existsSync(join(registry, 'energy'))).toBe(false);
    const clash = buildEnergyModel(join(tmp(), 'clash'), { id: 'silero-vad' });
    expect((await failure(addModel(clash.manifestPath, registry))).code).toBe('CONFLICT');
    const missing = await failure(resolveModel('no-such-model', registry));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toMatch(/\(known: .*silero-vad/);
  });

  it('resolves a model by folder, manifest or .onnx path', async () => {
    const e = buildEnergyModel(join(tmp(), 'e'));
    expect(findManifest(e.dir)).toBe(e.manifestPath);
    expect(findManifest(e.onnxPath)).toBe(e.manifestPath);
    expect((await resolveModel(e.manifestPath)).manifest.id).toBe('energy');
  });
});
