// Saving generated text as a file, the same way in the browser host and in Electron: a Blob URL on
// an <a download>. Electron turns it into its save dialog; a browser into a download. No file path
// crosses to the renderer, and no navigation happens (the app refuses navigation elsewhere).

export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // Kept a while: a save dialog may still be reading the Blob after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
