// `./run kiosk`: builds the screens and starts the Electron kiosk where the Electron binary can be
// had (STATION_CONFIG names the station configuration). `./run kiosk -- --browser`: where it
// cannot (build hosts like this one), starts the demo environment (pcscd, vpcd, two software
// cards, the demo CA) and serves the same bundle and CSP to Debian's Chromium, with the real
// main-process handlers and the real station behind the same bridge. Ctrl+C stops everything.
//   --headless     no window (no display): the screens run headless; a screenshot of the start
//                  screen is written to out/kiosk/browser-start.png
//   --port N       serve the bundle on 127.0.0.1:N (default: a free port)
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliStation } from '../cli/compose.ts';
import { startDemoEnvironment } from '../dev/demo-environment.ts';
import { kioskStation } from '../electron/station-adapter.ts';
import { buildKiosk } from './kiosk-build.ts';
import { launchChromium, openKiosk, serveKioskBundle } from './kiosk-browser.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  // `./run kiosk -- --browser`: npm passes the separator through; it is not an argument
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: { browser: { type: 'boolean' }, headless: { type: 'boolean' }, port: { type: 'string' } },
  // other switches (--kiosk-dev) are Electron's
  strict: false,
});

async function electron(): Promise<number> {
  let binary: string;
  try {
    // electron's package resolves to the binary's path, downloading it on first use (Electron ≥ 42)
    binary = createRequire(import.meta.url)('electron') as string;
  } catch {
    process.stderr.write(
      'The Electron binary is not available here (it is downloaded on first use and this machine cannot reach it).\n' +
        'Try the same screens in Chromium: ./run kiosk -- --browser\n',
    );
    return 2;
  }
  const main = path.join(ROOT, 'electron', 'main.ts');
  const child = spawn(binary, [main, ...process.argv.slice(2)], { stdio: 'inherit', env: process.env });
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

async function browser(): Promise<number> {
  // `on`, not `once`: a second Ctrl+C while stopping must not kill the process half-way through
  // removing what it started
  const stopped = new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  // Ctrl+C stops everything this started, the pcscd included, and leaves no temp folder behind
  const env = await startDemoEnvironment({ stopPcscd: true });
  // from here on, whatever fails (Chromium, the bundle server, the screens), the demo environment
  // and its folders are removed
  try {
    const station = kioskStation(cliStation(env.config));
    const server = await serveKioskBundle(undefined, values.port === undefined ? 0 : Number(values.port));
    const headless = values.headless === true || process.env.DISPLAY === undefined;
    const chromium = await launchChromium(headless);
    const k = await openKiosk(chromium, server, { deps: { station }, width: 1280, height: 800 });
    // the demo operator card's PIN is random per run and a person needs it to sign in: printed once,
    // as a throwaway demo credential (as `station demo --keep-running` does), never written to a file
    process.stdout.write(
      `kiosk (browser mode): ${server.origin}/index.html in Chromium${headless ? ' (headless)' : ''}\n` +
        `the demo operator card's PIN (throwaway demo credential): ${env.agentPin.use((b) => Buffer.from(b).toString('utf8'))}\n` +
        `cardholder: CORP\\alice, alice@corp.example (the demo directory)\nCtrl+C stops the kiosk and the demo.\n`,
    );
    if (headless) {
      const out = path.join(ROOT, 'out', 'kiosk');
      mkdirSync(out, { recursive: true });
      await k.page.locator('[data-screen="start"]').waitFor();
      await k.page
        .getByText('Blank card')
        .waitFor({ timeout: 30_000 })
        .catch(() => undefined);
      await k.page.screenshot({ path: path.join(out, 'browser-start.png') });
      process.stdout.write(`start screen: ${path.join(out, 'browser-start.png')}\n`);
    }
    await Promise.race([stopped, new Promise<void>((resolve) => k.page.once('close', () => resolve()))]);
    // each part stops even when an earlier one went first (Ctrl+C reaches Chromium too), none may
    // hold up the next for long, and the demo environment (its folders) goes whatever happened
    const bounded = (p: Promise<unknown>): Promise<unknown> =>
      Promise.race([p.catch(() => undefined), new Promise((r) => setTimeout(r, 10_000).unref())]);
    await bounded(k.close());
    await bounded(chromium.close());
    await bounded(server.close());
    await bounded(station.close());
  } finally {
    await env.stop();
  }
  return 0;
}

await buildKiosk();
process.exitCode = values.browser === true ? await browser() : await electron();
// everything this started is stopped and removed by now: a handle something left open (a
// Chromium that did not close in time) must not keep the process, and the readers it used, alive
process.exit();
