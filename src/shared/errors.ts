// Error codes that cross the API boundary as data (DESIGN.md, Conventions: errors are never thrown across it).
export const ERROR_CODES = [
  'BAD_INPUT', // the call's input failed validation
  'NO_PROJECT', // a call that needs an open project was made without one
  'NOT_FOUND', // an id or path that does not exist
  'PROJECT_TOO_NEW', // the project file was written by a newer Earmark
  'NOT_A_PROJECT', // the file is not an Earmark project (or not SQLite at all)
  'LABEL_IN_USE', // deleting a label that annotations or predictions use, without force
  'CONFLICT', // a unique name or hotkey already taken
  'UNSUPPORTED_AUDIO', // a file whose format Earmark cannot read
  'BROKEN_AUDIO', // a file in a known format whose content is damaged
  'BAD_MODEL', // a model or manifest that fails validation (the message says exactly what)
  'IO', // the file system refused (missing, unreadable, full disk)
  'UNAUTHORIZED', // the browser host's token was missing or wrong
  'INTERNAL', // a bug: the message says what failed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error type Node-side code throws; transports turn it into `{ ok: false, code, message }`. */
export class EarmarkError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'EarmarkError';
  }
}

export type Failure = { ok: false; code: ErrorCode; message: string };
export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;
