import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

// One place for the demo model's fixed choices, shared by the build, the soundscape builder and tests.

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** speech_embedding's two graphs, copied into the repo from ../shared/models (see their README). */
export const SHARED_MODELS = process.env.EARMARK_SHARED_MODELS ?? resolve(ROOT, 'resources/models/earmark-demo/source');
export const SHARED_CLIPS = process.env.EARMARK_SHARED_CLIPS ?? resolve(ROOT, '../shared/data/clips');
export const CLIPS_DIR = join(ROOT, 'resources/clips');
export const MODEL_DIR = join(ROOT, 'resources/models/earmark-demo');
export const MODEL_FILE = 'earmark-demo.onnx';
export const DEMO_DIR = join(ROOT, 'resources/demo');

export const SEED = 20240501;
export const RATE = 16000;
/**
 * 1.0 s windows: speech_embedding sees 0.775 s per embedding, so 1 s already holds 3 of them (mean+max
 * pooled), the shortest clips (a 0.9 s bark) fill a window, and it costs 3 embeddings per window — the
 * only way to stay above 80x realtime on 2 cores with a 50% overlap (3 s windows give ~50x per core
 * without overlap). Longer windows smear short calls into background.
 */
export const WINDOW_S = 1.0;
/** 50% overlap: every event of >= 0.5 s has a window centred inside it. */
export const HOP_S = 0.5;
export const WINDOW_SAMPLES = Math.round(WINDOW_S * RATE);
/** speech_embedding geometry (../shared/models/README.md). */
export const EMB_FRAMES = 76;
export const EMB_STRIDE = 8;
export const MEL_BINS = 32;
export const EMB_DIM = 96;
export const melFrames = (samples: number): number => Math.floor((samples - 512) / 160) + 1;
export const embWindows = (samples: number): number => Math.floor((melFrames(samples) - EMB_FRAMES) / EMB_STRIDE) + 1;

/**
 * Clips the shipped head never trains on; the demo soundscapes use them so the demo test measures
 * detection of sounds the model has not heard (one per event class, chosen to be a typical example).
 */
export const HOLDOUT = [
  'bird/seagull.flac',
  'dog/LRBark_3_LA_cut.flac',
  'insect_frog/crickets1_00.flac',
  'machine/woodcutting.flac',
  'music/guitar.flac',
  'speech/sense_and_sensibility_01_austen_64kb-0890.flac',
];
