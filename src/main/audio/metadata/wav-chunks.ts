// Parsers for the metadata chunks of field-recorder WAV files (../../../../shared/FORMATS.md):
// GUANO (`guan`), RIFF LIST/INFO and BWF `bext`. Each takes the raw chunk body and is forgiving:
// a malformed metadata chunk loses its fields, never the recording.

/** GUANO v1: UTF-8 "Key: Value" lines. Every key is kept, including unknown and namespaced ones. */
export function parseGuano(body: Uint8Array): Record<string, string> {
  const text = Buffer.from(body).toString('utf8').replace(/\0+$/, '');
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const i = raw.indexOf(':');
    if (i <= 0) continue;
    const key = raw.slice(0, i).trim();
    const value = raw.slice(i + 1).trim();
    if (key) out[key] = value;
  }
  return out;
}

/** LIST/INFO sub-chunks (ICMT, IART, INAM, ICRD ...), NUL-terminated strings. */
export function parseInfoList(body: Uint8Array): Record<string, string> {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const out: Record<string, string> = {};
  if (buf.length < 4 || buf.toString('latin1', 0, 4) !== 'INFO') return out;
  let pos = 4;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const end = Math.min(buf.length, pos + 8 + size);
    if (!/^[\x20-\x7e]{4}$/.test(id)) break;
    const value = buf.toString('utf8', pos + 8, end).replace(/\0.*$/s, '').trim();
    if (value) out[id] = value;
    pos = pos + 8 + size + (size & 1);
  }
  return out;
}

export interface Bext {
  description: string;
  originator: string;
  originatorReference: string;
  originationDate: string;
  originationTime: string;
  timeReference: string;
}

function fixed(buf: Buffer, start: number, length: number): string {
  if (start >= buf.length) return '';
  return buf
    .toString('latin1', start, Math.min(buf.length, start + length))
    .replace(/\0.*$/s, '')
    .trim();
}

/** EBU Tech 3285 `bext`: fixed-width ASCII fields followed by a 64-bit sample count since midnight. */
export function parseBext(body: Uint8Array): Bext | null {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (buf.length < 338) return null;
  return {
    description: fixed(buf, 0, 256),
    originator: fixed(buf, 256, 32),
    originatorReference: fixed(buf, 288, 32),
    originationDate: fixed(buf, 320, 10),
    originationTime: fixed(buf, 330, 8),
    timeReference: buf.length >= 346 ? buf.readBigUInt64LE(338).toString() : '',
  };
}
