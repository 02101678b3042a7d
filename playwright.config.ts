import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3200);
/** An app already running elsewhere (bench/two-servers.ts: HAProxy in front of two servers); no server is started then. */
const BASE_URL = process.env.E2E_BASE_URL;

/**
 * Journeys in Debian's Chromium (never a downloaded browser) against the built app (`next start`) on
 * its own embedded database folder, created fresh and seeded for each run. Each journey has its own agency
 * (e2e/fixtures.ts), so two spec files run at once; the tests of one file run in order.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: BASE_URL ?? `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"], channel: undefined },
    },
  ],
  webServer: BASE_URL
    ? undefined
    : {
        command: `rm -rf .data/e2e-db && node server/cli/start.mjs`,
        env: {
          PORT: String(PORT),
          PGLITE_DIR: ".data/e2e-db",
          OUTBOX_FILE: ".data/e2e-outbox.log",
          LOG_LEVEL: "warn",
        },
        // Ready when the demo data is written (the login page answers earlier, saying it is being prepared).
        url: `http://localhost:${PORT}/api/ready`,
        timeout: 600_000,
        reuseExistingServer: false,
        stdout: "pipe",
      },
});
