import type { Database } from 'better-sqlite3';
import { SHUFFLE_KEY_SQL } from './shuffle-key';

// Numbered, append-only migrations (DESIGN.md, Storage). Never edit a shipped one: add the next.
// Each runs inside one transaction together with the `user_version` bump.
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    description: 'recordings, labels, models, runs, predictions, annotations, history',
    up(db) {
      db.exec(`
        CREATE TABLE recordings (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          format TEXT,
          duration_s REAL,
          sample_rate INTEGER,
          channels INTEGER,
          bit_depth INTEGER,
          size_bytes INTEGER NOT NULL,
          start_time TEXT,
          start_time_source TEXT,
          site TEXT,
          status TEXT NOT NULL CHECK (status IN ('ok', 'missing', 'error')),
          error TEXT,
          metadata TEXT NOT NULL DEFAULT '{}',
          imported_at TEXT NOT NULL
        );
        CREATE INDEX recordings_fingerprint ON recordings (fingerprint);

        CREATE TABLE labels (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          color TEXT NOT NULL,
          hotkey TEXT UNIQUE
        );

        CREATE TABLE models (
          id TEXT PRIMARY KEY,
          name TEXT NOT NULL,
          manifest TEXT NOT NULL,
          added_at TEXT NOT NULL
        );

        CREATE TABLE runs (
          id INTEGER PRIMARY KEY,
          model_id TEXT NOT NULL,
          -- model version, window, hop, min score, labels, channel: a resumed run must match exactly
          params TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
          created_at TEXT NOT NULL,
          finished_at TEXT
        );

        -- Per-file run state for resume: predictions of a batch and next_window are written in the
        -- same transaction, so after a crash a file resumes exactly at its first unstored window.
        CREATE TABLE run_files (
          run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          recording_id INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed')),
          next_window INTEGER NOT NULL DEFAULT 0,
          total_windows INTEGER,
          done_s REAL NOT NULL DEFAULT 0,
          error TEXT,
          PRIMARY KEY (run_id, recording_id)
        );

        CREATE TABLE predictions (
          id INTEGER PRIMARY KEY,
          run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
          recording_id INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          start_s REAL NOT NULL,
          end_s REAL NOT NULL,
          label_id INTEGER NOT NULL REFERENCES labels (id),
          score REAL NOT NULL,
          window_index INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX predictions_unique ON predictions (run_id, recording_id, window_index, label_id);
        CREATE INDEX predictions_recording ON predictions (recording_id, start_s);
        CREATE INDEX predictions_label_score ON predictions (label_id, score);

        CREATE TABLE annotations (
          id INTEGER PRIMARY KEY,
          recording_id INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          start_s REAL NOT NULL,
          end_s REAL NOT NULL,
          low_hz REAL,
          high_hz REAL,
          label_id INTEGER REFERENCES labels (id),
          source TEXT NOT NULL CHECK (source IN ('human', 'model', 'import')),
          status TEXT CHECK (status IN ('positive', 'negative', 'uncertain')),
          reviewer TEXT,
          note TEXT,
          prediction_id INTEGER REFERENCES predictions (id) ON DELETE SET NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX annotations_recording ON annotations (recording_id, start_s);
        CREATE INDEX annotations_prediction ON annotations (prediction_id);

        CREATE TABLE history (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT,
          entity TEXT NOT NULL,
          entity_id INTEGER NOT NULL,
          action TEXT NOT NULL,
          before TEXT,
          after TEXT
        );
        CREATE INDEX history_entity ON history (entity, entity_id);
      `);
    },
  },
  {
    version: 2,
    description: 'review: one verdict per (prediction, reviewer), undo steps in history, queue indexes',
    up(db) {
      db.exec(`
        -- Two reviewers' verdicts on one detection are both kept, but one reviewer has one verdict
        -- per detection: a second decision updates it (issue 4).
        CREATE UNIQUE INDEX annotations_verdict ON annotations (prediction_id, reviewer) WHERE prediction_id IS NOT NULL;

        -- step groups the rows of one user action (an event verdict touches many rows but is one
        -- undo); origin says whether a row was a new action, an undo or a redo; prediction_id finds
        -- a detection's history even after its verdict row was deleted.
        ALTER TABLE history ADD COLUMN step INTEGER;
        ALTER TABLE history ADD COLUMN origin TEXT CHECK (origin IN ('do', 'undo', 'redo'));
        ALTER TABLE history ADD COLUMN prediction_id INTEGER;
        CREATE INDEX history_step ON history (step);
        CREATE INDEX history_prediction ON history (prediction_id) WHERE prediction_id IS NOT NULL;

        -- Review queue on a million predictions: every order walks an index and stops at the page.
        CREATE INDEX predictions_run_label_score ON predictions (run_id, label_id, score);
        CREATE INDEX predictions_score ON predictions (score);
        CREATE INDEX predictions_label_time ON predictions (label_id, recording_id, start_s);
        -- Random order: a fixed pseudo-random permutation of ids (an integer hash built from SQL
        -- arithmetic, so the index needs no application function); a seed picks where to start in it.
        CREATE INDEX predictions_label_shuffle ON predictions (label_id, ${SHUFFLE_KEY_SQL});
        CREATE INDEX predictions_shuffle ON predictions (${SHUFFLE_KEY_SQL});
      `);
    },
  },
  {
    version: 3,
    description: 'datasets and QA: fully annotated recordings, per-label thresholds, table imports',
    up(db) {
      db.exec(`
        -- A recording a person has annotated completely: its human annotations are ground truth for
        -- recall (issue 6).
        ALTER TABLE recordings ADD COLUMN fully_annotated INTEGER NOT NULL DEFAULT 0;

        -- Per-label score thresholds of a model, set by hand or from the QA view's calibration; they
        -- filter exports and the review queue (issues 5 and 6). model_id '' applies to every model.
        CREATE TABLE thresholds (
          model_id TEXT NOT NULL,
          label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
          threshold REAL NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('manual', 'calibration')),
          -- calibration: the probability of being right the threshold was chosen for (0.9, 0.95, 0.99)
          probability REAL,
          updated_at TEXT NOT NULL,
          PRIMARY KEY (model_id, label_id)
        );

        -- One imported table (Raven, Audacity, BirdNET, Chirpity, CSV). Rows with a score became
        -- predictions of run_id (an "imported" run); rows without became annotations with import_id.
        -- import_coverage lists the recordings the table covers: its annotations are the reference
        -- there, even when it has no row for a recording (issue 6, recall).
        CREATE TABLE imports (
          id INTEGER PRIMARY KEY,
          format TEXT NOT NULL,
          path TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          run_id INTEGER REFERENCES runs (id) ON DELETE SET NULL,
          rows INTEGER NOT NULL,
          matched INTEGER NOT NULL,
          unmatched INTEGER NOT NULL,
          -- JSON: unmatched rows with line numbers and reasons, column mapping used
          report TEXT NOT NULL DEFAULT '{}'
        );
        CREATE TABLE import_coverage (
          import_id INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
          recording_id INTEGER NOT NULL REFERENCES recordings (id) ON DELETE CASCADE,
          PRIMARY KEY (import_id, recording_id)
        );
        ALTER TABLE annotations ADD COLUMN import_id INTEGER REFERENCES imports (id) ON DELETE SET NULL;
        CREATE INDEX annotations_import ON annotations (import_id) WHERE import_id IS NOT NULL;
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1].version;
