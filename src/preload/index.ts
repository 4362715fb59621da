import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { EarmarkBridge } from '../shared/bridge';
import type { CallName, EventName } from '../shared/contract';
import type { Result } from '../shared/errors';

// Runs sandboxed (CommonJS build). Exposes only these functions — never ipcRenderer itself
// (DESIGN.md, Electron hardening). The main process validates every call against the contract.
const bridge: EarmarkBridge = {
  invoke: (name: CallName, input: unknown) => ipcRenderer.invoke('earmark:invoke', name, input) as Promise<Result<unknown>>,
  subscribe(name: EventName, listener: (payload: unknown) => void) {
    const handler = (_event: Electron.IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === name) listener(payload);
    };
    ipcRenderer.on('earmark:event', handler);
    return () => ipcRenderer.removeListener('earmark:event', handler);
  },
  dialogs: {
    createProject: () => ipcRenderer.invoke('earmark:dialog', 'createProject') as Promise<string | null>,
    openProject: () => ipcRenderer.invoke('earmark:dialog', 'openProject') as Promise<string | null>,
    pickRecordings: (kind) => ipcRenderer.invoke('earmark:dialog', kind === 'folder' ? 'pickFolder' : 'pickFiles') as Promise<string[]>,
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('earmark', bridge);
