import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { openFile } from '../decode/io-error';
import { fingerprint } from '../fingerprint';
import { probeCompressed } from './compressed';
import { formatFromPath } from './format';
import { audioMothFields, startTimeOf, type StartTime } from './recording-time';
import { parseBext, parseGuano, parseInfoList } from './wav-chunks';
import { readChunk, readWavLayout } from './wav-layout';

// Import-time probe: headers and metadata only, never a decode, so a folder of 1,000 recordings
// imports in seconds (bench/probe.ts). Start-time rules: ../../../../shared/FORMATS.md.

export interface ProbeResult {
  format: 'wav' | 'flac' | 'mp3' | 'ogg';
  duration_s: number;
  sample_rate: number;
  channels: number;
  bit_depth: number | null;
  size_bytes: number;
  fingerprint: string;
  /** ISO 8601; never invented. */
  start_time: string | null;
  start_time_source: 'guano' | 'audiomoth' | 'bwf' | 'filename' | null;
  /** GUANO 'Site' / 'Loc Name' if present, else null. */
  site: string | null;
  /** Every GUANO key (prefixed 'guano.'), AudioMoth fields, bext fields, INFO fields, codec tags. */
  metadata: Record<string, string>;
}

interface WavMeta {
  guano: Record<string, string>;
  info: Record<string, string>;
  metadata: Record<string, string>;
  bextDate?: string;
  bextTime?: string;
}

async function wavMetadata(fh: FileHandle, chunks: { id: string; offset: number; size: number }[]): Promise<WavMeta> {
  const out: WavMeta = { guano: {}, info: {}, metadata: {} };
  for (const c of chunks) {
    if (c.id === 'guan') {
      Object.assign(out.guano, parseGuano(await readChunk(fh, c)));
    } else if (c.id === 'LIST') {
      Object.assign(out.info, parseInfoList(await readChunk(fh, c)));
    } else if (c.id === 'bext') {
      const b = parseBext(await readChunk(fh, c, 602));
      if (!b) continue;
      const fields: Record<string, string> = {
        'bext.description': b.description,
        'bext.originator': b.originator,
        'bext.originator_reference': b.originatorReference,
        'bext.origination_date': b.originationDate,
        'bext.origination_time': b.originationTime,
        'bext.time_reference': b.timeReference,
      };
      for (const [k, v] of Object.entries(fields)) if (v) out.metadata[k] = v;
      out.bextDate = b.originationDate;
      out.bextTime = b.originationTime;
    }
  }
  for (const [k, v] of Object.entries(out.guano)) out.metadata[`guano.${k}`] = v;
  for (const [k, v] of Object.entries(out.info)) out.metadata[`info.${k}`] = v;
  return out;
}

export async function probeRecording(path: string): Promise<ProbeResult> {
  const format = formatFromPath(path);
  const { fh, size } = await openFile(path);
  try {
    const name = basename(path);
    if (format !== 'wav') {
      const c = await probeCompressed(fh, path, format, size);
      const start = startTimeOf({ fileName: name });
      return {
        format,
        duration_s: c.duration_s,
        sample_rate: c.sample_rate,
        channels: c.channels,
        bit_depth: c.bit_depth,
        size_bytes: size,
        fingerprint: await fingerprint(path, size, fh),
        ...start,
        site: null,
        metadata: c.metadata,
      };
    }
    const layout = await readWavLayout(fh, path, size);
    const meta = await wavMetadata(fh, layout.chunks);
    const metadata = meta.metadata;
    metadata['wav.sample_format'] = layout.sampleFormat === 'float' ? 'float' : 'pcm';
    if (layout.repairs.length) metadata['wav.repaired'] = layout.repairs.join('; ');
    const moth = audioMothFields(meta.info.ICMT, meta.info.IART);
    Object.assign(metadata, moth.metadata);
    const start: StartTime = startTimeOf({
      fileName: name,
      guanoTimestamp: meta.guano.Timestamp,
      audioMothStart: moth.start,
      isAudioMoth: moth.isAudioMoth || /audiomoth/i.test(meta.guano.Make ?? ''),
      bextDate: meta.bextDate,
      bextTime: meta.bextTime,
    });
    const site = meta.guano.Site || meta.guano['Loc Name'] || null;
    return {
      format,
      duration_s: layout.totalFrames / layout.sampleRate,
      sample_rate: layout.sampleRate,
      channels: layout.channels,
      bit_depth: layout.bitDepth,
      size_bytes: size,
      fingerprint: await fingerprint(path, size, fh),
      ...start,
      site,
      metadata,
    };
  } finally {
    await fh.close();
  }
}
