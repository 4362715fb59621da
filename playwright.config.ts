import { defineConfig } from '@playwright/test';

// Debian's Chromium; never `npx playwright install` (no browser downloads on these machines).
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 90_000,
  // Shared 2-core machines: give UI assertions time under load (they still assert the same things).
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    viewport: { width: 1400, height: 900 },
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
  },
});
