import { test } from '@playwright/test';
import { removeDir, startHost, type RunningHost } from './host';

/**
 * One browser host for a spec file: started before its tests (then `setup` runs, e.g. to write audio
 * into host.dir), stopped and its folder removed after them. The returned object reads through to the
 * running host, so specs use `host.url`, `host.dir` as if they held it themselves.
 */
export function hostPerFile(setup?: (host: RunningHost) => void | Promise<void>): RunningHost {
  let current: RunningHost | undefined;
  test.beforeAll(async () => {
    current = await startHost();
    await setup?.(current);
  });
  test.afterAll(async () => {
    if (!current) return;
    await current.stop();
    removeDir(current.dir);
  });
  const running = (): RunningHost => {
    if (!current) throw new Error('The browser host starts in beforeAll: use it inside a test');
    return current;
  };
  return {
    get url() {
      return running().url;
    },
    get origin() {
      return running().origin;
    },
    get token() {
      return running().token;
    },
    get dir() {
      return running().dir;
    },
    get child() {
      return running().child;
    },
    stop: (signal) => running().stop(signal),
  };
}
