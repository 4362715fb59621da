import { readFileSync } from 'node:fs';

// 16-bit PCM WAV writing (with optional GUANO and LIST/INFO chunks, as field recorders write them) and
// a reader for the files this writes, used by the demo tests. Not a general WAV reader: the app has one.

export interface WavChunks {
  /** GUANO v1 key/value lines, written as a `guan` chunk. */
  guano?: Record<string, string>;
  /** LIST/INFO sub-chunks, e.g. { ICMT: 'Recorded at ...', IART: 'AudioMoth ...' }. */
  info?: Record<string, string>;
}

function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

/** channels: one Float32Array per channel, equal lengths, samples in [-1, 1]. */
export function encodeWav(channels: Float32Array[], rate: number, extra: WavChunks = {}): Buffer {
  const nc = channels.length;
  const n = channels[0].length;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(1, 0);
  fmt.writeUInt16LE(nc, 2);
  fmt.writeUInt32LE(rate, 4);
  fmt.writeUInt32LE(rate * nc * 2, 8);
  fmt.writeUInt16LE(nc * 2, 12);
  fmt.writeUInt16LE(16, 14);
  const data = Buffer.alloc(n * nc * 2);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < nc; c++) {
      const v = Math.max(-1, Math.min(1, channels[c][i]));
      data.writeInt16LE(Math.round(v * 32767), (i * nc + c) * 2);
    }
  }
  const parts = [chunk('fmt ', fmt)];
  if (extra.info) {
    const subs = Object.entries(extra.info).map(([k, v]) => chunk(k, Buffer.from(v + '\0', 'utf8')));
    parts.push(chunk('LIST', Buffer.concat([Buffer.from('INFO', 'ascii'), ...subs])));
  }
  if (extra.guano) {
    const text = ['GUANO|Version: 1.0', ...Object.entries(extra.guano).map(([k, v]) => `${k}: ${v}`)].join('\n');
    parts.push(chunk('guan', Buffer.from(text, 'utf8')));
  }
  parts.push(chunk('data', data));
  const body = Buffer.concat([Buffer.from('WAVE', 'ascii'), ...parts]);
  return Buffer.concat([Buffer.from('RIFF', 'ascii'), Buffer.from(new Uint32Array([body.length]).buffer), body]);
}

export interface WavAudio {
  rate: number;
  channels: Float32Array[];
}

export function readWav16(path: string): WavAudio {
  const b = readFileSync(path);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path}: not a RIFF/WAVE file`);
  let at = 12;
  let nc = 0;
  let rate = 0;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (b.readUInt16LE(body) !== 1 || b.readUInt16LE(body + 14) !== 16) throw new Error(`${path}: only 16-bit PCM is read here`);
      nc = b.readUInt16LE(body + 2);
      rate = b.readUInt32LE(body + 4);
    } else if (id === 'data') {
      const n = Math.floor(size / (2 * nc));
      const channels = Array.from({ length: nc }, () => new Float32Array(n));
      for (let i = 0; i < n; i++) for (let c = 0; c < nc; c++) channels[c][i] = b.readInt16LE(body + (i * nc + c) * 2) / 32768;
      return { rate, channels };
    }
    at = body + size + (size % 2);
  }
  throw new Error(`${path}: no data chunk`);
}
