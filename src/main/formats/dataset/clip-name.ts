// Clip file names trace back to their source (FORMATS.md, "Dataset export"):
// `<recording name>_<clip start, seconds with ms, 6 integer digits>_<label>.wav`, e.g.
// `site3-20240501_000123.450_Song_Thrush.wav`. Names are made safe for every file system.

/** Letters, digits, '-', '.' and '_' survive (any script); the rest becomes '_'; at most 80 chars. */
export function sanitise(text: string): string {
  const safe = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 80);
  return safe || '_';
}

export function formatStart(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  return `${String(Math.floor(ms / 1000)).padStart(6, '0')}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Recording name without its audio extension. */
export function stem(recordingName: string): string {
  return recordingName.replace(/\.(wav|flac|mp3|ogg)$/i, '');
}

/** Unique names per folder: a second clip with the same name gets `-2`, then `-3` ... */
export class ClipNamer {
  private readonly used = new Set<string>();

  name(folder: string, recordingName: string, startS: number, label: string): string {
    const base = `${sanitise(stem(recordingName))}_${formatStart(startS)}_${sanitise(label)}`;
    let name = `${base}.wav`;
    for (let n = 2; this.used.has(`${folder}/${name}`.toLowerCase()); n++) name = `${base}-${n}.wav`;
    this.used.add(`${folder}/${name}`.toLowerCase());
    return name;
  }
}
