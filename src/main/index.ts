import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, type IpcMainInvokeEvent } from 'electron';
import { join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppContext } from './app/app-context';
import { openWelcomeProject } from './app/welcome';
import { dispatch } from './api/dispatch';
import { handleMedia } from './media/media-handler';
import { CONTENT_SECURITY_POLICY } from './web/security';

// The Electron shell: lifecycle, window, native dialogs, and binding the API (IPC) and the media
// handler (custom protocol). The only file that imports electron (DESIGN.md). Hardening: context
// isolation, sandbox, no node integration, strict CSP, navigation/new windows/permissions denied, and
// every IPC sender checked against our own origin.
const SCHEME = 'earmark';
const ORIGIN = `${SCHEME}://app`;
const rendererDir = resolve(import.meta.dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const ctx = new AppContext('electron');

function fromOurWindow(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${ORIGIN}/`) && BrowserWindow.fromWebContents(event.sender) !== null;
}

async function serveApp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.host !== 'app') return new Response(null, { status: 404 });
  if (url.pathname.startsWith('/media/')) return handleMedia(ctx, request);
  const file = normalize(join(rendererDir, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
  if (!file.startsWith(rendererDir + sep)) return new Response(null, { status: 403 });
  const response = await net.fetch(pathToFileURL(file).href);
  const headers = new Headers(response.headers);
  headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  return new Response(response.body, { status: response.status, headers });
}

function registerIpc(): void {
  ipcMain.handle('earmark:invoke', (event, name: unknown, input: unknown) => {
    if (!fromOurWindow(event)) return { ok: false, code: 'UNAUTHORIZED', message: 'IPC from an unknown frame' };
    return dispatch(ctx, String(name), input);
  });
  ipcMain.handle('earmark:dialog', async (event, kind: unknown) => {
    const win = BrowserWindow.fromWebContents(event.sender);
    if (!fromOurWindow(event) || !win) return null;
    if (kind === 'createProject') {
      const r = await dialog.showSaveDialog(win, { title: 'New Earmark project', filters: [{ name: 'Earmark project', extensions: ['earmark'] }] });
      return r.canceled || !r.filePath ? null : r.filePath.endsWith('.earmark') ? r.filePath : `${r.filePath}.earmark`;
    }
    if (kind === 'openProject') {
      const r = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: 'Earmark project', extensions: ['earmark'] }] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    }
    const folder = kind === 'pickFolder';
    const r = await dialog.showOpenDialog(win, {
      properties: folder ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
      filters: folder ? [] : [{ name: 'Audio', extensions: ['wav', 'flac', 'mp3', 'ogg', 'oga', 'WAV', 'FLAC', 'MP3', 'OGG'] }],
    });
    return r.canceled ? [] : r.filePaths;
  });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Earmark',
    backgroundColor: '#16181d',
    webPreferences: {
      preload: join(import.meta.dirname, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  const dispose = ctx.events.listen((name, payload) => {
    if (!win.isDestroyed()) win.webContents.send('earmark:event', name, payload);
  });
  win.on('closed', dispose);
  void win.loadURL(`${ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  protocol.handle(SCHEME, serveApp);
  registerIpc();
  const projectArg = process.argv.find((arg) => arg.startsWith('--project='));
  if (projectArg) await ctx.openProject(projectArg.slice('--project='.length)).catch((e: Error) => console.error(e.message));
  else await openWelcomeProject(ctx).catch((e: Error) => console.error(e.message));
  createWindow();
});

app.on('window-all-closed', () => {
  void ctx.closeProject().finally(() => app.quit());
});
