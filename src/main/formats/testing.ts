import { join } from 'node:path';
import { writeWav } from '../../../test/fixtures/audio-fixtures';
import { Project } from '../app/project';
import { importRecordings } from '../recordings/import-recordings';

// A real project with real (near-silent) WAV recordings for the format tests, shaped like a field survey:
// site-a/rec1.wav (16 kHz), site-a/rec2.wav (32 kHz), site-b/rec3.wav (16 kHz), 60 s each. The
// fixture tables in test/fixtures/formats name these files.

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures', 'formats');
export const fixture = (name: string) => join(FIXTURES, name);

export const SURVEY = [
  { path: 'site-a/rec1.wav', rate: 16000 },
  { path: 'site-a/rec2.wav', rate: 32000 },
  { path: 'site-b/rec3.wav', rate: 16000 },
];

/** Writes the survey's recordings under dir/audio (once per dir) and imports them into a new project. */
export async function surveyProject(dir: string, projectName = 'survey.earmark'): Promise<Project> {
  const audio = join(dir, 'audio');
  for (const [i, { path, rate }] of SURVEY.entries()) {
    // Faint, different content per file: identical files would share a fingerprint and be taken for one moved file.
    writeWav(join(audio, path), { sampleRate: rate, samples: { frames: rate * 60, channels: 1, at: (f: number) => ((f * (i + 1)) % 97) / 10000 } });
  }
  const project = Project.open(join(dir, projectName), { create: true });
  await importRecordings(project.db, project.recordings, [audio]);
  return project;
}

export function recordingId(project: Project, name: string): number {
  const found = project.recordings.list().find((r) => r.name === name);
  if (!found) throw new Error(`no recording ${name}`);
  return found.id;
}

/** Annotations of a project as comparable plain rows (recording name, times, bounds, label, status). */
export function annotationRows(project: Project, where = '1 = 1') {
  return project.db
    .prepare(`SELECT r.name AS recording, a.start_s, a.end_s, a.low_hz, a.high_hz, l.name AS label, a.source, a.status, a.reviewer, a.note, a.prediction_id IS NOT NULL AS verdict
      FROM annotations a JOIN recordings r ON r.id = a.recording_id LEFT JOIN labels l ON l.id = a.label_id
      WHERE ${where} ORDER BY r.name, a.start_s, l.name`)
    .all() as { recording: string; start_s: number; end_s: number; low_hz: number | null; high_hz: number | null; label: string | null; source: string; status: string | null; reviewer: string | null; note: string | null; verdict: number }[];
}

export function predictionRows(project: Project) {
  return project.db
    .prepare(`SELECT r.name AS recording, p.start_s, p.end_s, l.name AS label, p.score, p.run_id
      FROM predictions p JOIN recordings r ON r.id = p.recording_id JOIN labels l ON l.id = p.label_id ORDER BY r.name, p.start_s, l.name`)
    .all() as { recording: string; start_s: number; end_s: number; label: string; score: number; run_id: number }[];
}
