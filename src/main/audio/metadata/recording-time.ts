import { bextStart, filenameStart, guanoStart, parseAudioMothComment } from './start-time';

// Chooses a recording's start time by source priority (FORMATS.md): GUANO Timestamp, then the
// AudioMoth comment, then BWF bext, then the file name. A source that is present but unreadable is
// skipped rather than guessed at.

export interface StartTime {
  start_time: string | null;
  start_time_source: 'guano' | 'audiomoth' | 'bwf' | 'filename' | null;
}

export interface StartTimeInputs {
  fileName: string;
  guanoTimestamp?: string;
  audioMothStart?: string | null;
  isAudioMoth?: boolean;
  bextDate?: string;
  bextTime?: string;
}

export function startTimeOf(i: StartTimeInputs): StartTime {
  const guano = guanoStart(i.guanoTimestamp);
  if (guano) return { start_time: guano, start_time_source: 'guano' };
  if (i.audioMothStart) return { start_time: i.audioMothStart, start_time_source: 'audiomoth' };
  const bwf = bextStart(i.bextDate, i.bextTime);
  if (bwf) return { start_time: bwf, start_time_source: 'bwf' };
  const fromName = filenameStart(i.fileName, !!i.isAudioMoth);
  if (fromName) return { start_time: fromName, start_time_source: 'filename' };
  return { start_time: null, start_time_source: null };
}

/** AudioMoth identity and recording conditions from the INFO ICMT comment and IART artist. */
export function audioMothFields(
  comment: string | undefined,
  artist: string | undefined,
): { isAudioMoth: boolean; start: string | null; metadata: Record<string, string> } {
  const parsed = parseAudioMothComment(comment);
  const metadata: Record<string, string> = {};
  const idFromArtist = /AudioMoth ([0-9A-Fa-f]{16})/.exec(artist ?? '')?.[1];
  const id = parsed?.id ?? idFromArtist;
  if (id) metadata['audiomoth.id'] = id;
  if (parsed?.gain) metadata['audiomoth.gain'] = parsed.gain;
  if (parsed?.battery) metadata['audiomoth.battery'] = parsed.battery;
  if (parsed?.temperature) metadata['audiomoth.temperature'] = parsed.temperature;
  const isAudioMoth = !!parsed || /AudioMoth/i.test(artist ?? '') || /AudioMoth/i.test(comment ?? '');
  return { isAudioMoth, start: parsed?.start ?? null, metadata };
}
