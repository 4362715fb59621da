// A minimal WAV encoder for dataset clips: mono, 16-bit PCM, canonical 44-byte header — the format
// every training pipeline (librosa, torchaudio, soundfile, TensorFlow's decode_wav) reads.
// Why not the `wavefile` package: it converts sample by sample through generic codecs. Measured on a
// 3 s 48 kHz clip (this machine, 2 loaded cores): this encoder 1.8 ms, wavefile from Int16 samples
// 24 ms, wavefile from floats with toBitDepth('16') 325 ms — at 10,000 clips that alone would blow the
// 30 s budget of issue 5. Tests still parse the clips back with wavefile, an independent reader.

/** Float samples in [-1, 1] to a complete WAV file; values outside are clipped, not wrapped. */
export function encodeWav16(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const bytes = new ArrayBuffer(44 + dataBytes);
  const head = new DataView(bytes, 0, 44);
  const tag = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) head.setUint8(at + i, text.charCodeAt(i));
  };
  tag(0, 'RIFF');
  head.setUint32(4, 36 + dataBytes, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  head.setUint32(16, 16, true);
  head.setUint16(20, 1, true); // PCM
  head.setUint16(22, 1, true); // mono
  head.setUint32(24, sampleRate, true);
  head.setUint32(28, sampleRate * 2, true);
  head.setUint16(32, 2, true);
  head.setUint16(34, 16, true);
  tag(36, 'data');
  head.setUint32(40, dataBytes, true);
  // Samples go straight into the file's bytes (offset 44 is 2-byte aligned; WAV and x86/ARM are both
  // little-endian). Assigning to an Int16Array truncates toward zero, so adding +-0.5 first rounds
  // half away from zero without a Math.round call per sample (the encoder's hot loop).
  const pcm = new Int16Array(bytes, 44, samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] * 32768;
    pcm[i] = v >= 32767 ? 32767 : v <= -32768 ? -32768 : v >= 0 ? v + 0.5 : v - 0.5;
  }
  return Buffer.from(bytes);
}
