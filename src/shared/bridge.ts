import type { Transport } from './api-client';

/**
 * What the preload exposes as `window.earmark` inside Electron (DESIGN.md: never ipcRenderer itself).
 * In the browser host there is no bridge: lib/api.ts talks HTTP instead.
 */
export interface EarmarkBridge extends Transport {
  dialogs: {
    /** Native "save as" for a new project file; null when cancelled. */
    createProject(): Promise<string | null>;
    openProject(): Promise<string | null>;
    /** Audio files and/or folders to import; empty when cancelled. */
    pickRecordings(kind: 'files' | 'folder'): Promise<string[]>;
  };
  /** The path of a dropped File (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}

declare global {
  interface Window {
    earmark?: EarmarkBridge;
  }
}
