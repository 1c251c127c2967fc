// Station health's central log backlog on the real station with a real PostgreSQL 15 (the
// other case, no central store configured, is asserted on the Start screen by
// enroll-screens.test.ts). The backlog is the number of records of the local log the central
// store has not confirmed: zero once the station's forwarder caught up; while the database is
// down an enrollment still completes and its records wait (the number the health reports is the
// local log's newest seq minus the central copy's, both read outside the station); once the
// database is back they leave and the backlog returns to zero. The Start screen shows the count
// in each language.
// Run inside scripts/private-ns.sh (it starts pcscd), as `npm run test:unit` does.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { Browser } from 'playwright-core';
import { cliStation } from '../../cli/compose.ts';
import type { StationConfig } from '../../core/config/config.ts';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { runTool } from '../../dev/tools.ts';
import { kioskStation } from '../../electron/station-adapter.ts';
import type { KioskStation } from '../../electron/station-port.ts';
import type { Station } from '../../station/index.ts';
import {
  buildKiosk,
  launchChromium,
  openKiosk,
  serveKioskBundle,
  type BundleServer,
} from '../../scripts/kiosk-browser.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { inspect } from './inspect.ts';

const URL_ENV = 'STATION_KIOSK_TEST_CENTRAL_URL';
const SHOTS = path.join(import.meta.dirname, '..', '..', 'out', 'kiosk', 'screens');

let db: TestPostgres;
let env: DemoEnvironment;
let station: Station;
let kiosk: KioskStation;
let server: BundleServer;
let browser: Browser;

before(async () => {
  db = await startPostgres();
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'kiosk-central' });
  process.env[URL_ENV] = db.connectionString;
  const config: StationConfig = { ...env.config, audit: { ...env.config.audit, postgresUrlEnv: URL_ENV } };
  station = cliStation(config);
  kiosk = kioskStation(station);
  await buildKiosk();
  server = await serveKioskBundle();
  browser = await launchChromium();
});
after(async () => {
  await kiosk?.close();
  await browser?.close();
  await server?.close();
  await env?.stop();
  await db?.cleanup();
});

/** the local log's newest record, read by the sqlite3 CLI rather than by the station */
async function localHead(): Promise<number> {
  const r = await runTool('sqlite3', [
    '-readonly',
    path.join(env.config.dataDir, 'audit.sqlite'),
    'SELECT max(seq) FROM audit_log',
  ]);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}

/** the central copy's newest record of this station, read with the pg client */
async function centralHead(): Promise<number> {
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  try {
    const r = await c.query<{ head: string | null }>(
      "SELECT max(seq) AS head FROM station_audit_log WHERE station_id = 'kiosk-central'",
    );
    return Number(r.rows[0]?.head ?? 0);
  } finally {
    await c.end();
  }
}

async function backlogBecomes(want: (n: number) => boolean, what: string): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const c = station.centralLog();
    assert.ok(c.configured);
    if (want(c.backlog)) return c.backlog;
    if (Date.now() > deadline) throw new Error(`${what}: the backlog stayed at ${c.backlog}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One on-behalf enrollment of CORP\\alice through the kiosk's port (what the screens call). */
async function enrollAlice(): Promise<void> {
  const operator = await kiosk.signInOperator(env.agentPin.clone());
  try {
    const outcome = await kiosk.enroll(
      {
        requesterName: 'CORP\\alice',
        upn: 'alice@corp.example',
        email: 'alice@corp.example',
        reissue: false,
      },
      operator,
      { askNewPin: () => Promise.resolve(randomHolderPin()) },
    );
    assert.equal(outcome.status, 'issued');
  } finally {
    await operator.close();
  }
}

describe('the central log backlog in station health', () => {
  it('zero once forwarded; records waiting while PostgreSQL is down, counted and shown; zero again when it is back', async () => {
    // an enrollment with the database up: its records reach the central copy at once
    await enrollAlice();
    await backlogBecomes((n) => n === 0, 'the forwarder catches up');
    const caughtUp = await localHead();
    assert.ok(caughtUp > 5, `records: ${caughtUp}`);
    assert.equal(await centralHead(), caughtUp, 'the central copy holds every record');
    const healthy = await kiosk.health();
    assert.deepEqual(healthy.central, { state: 'ok', backlog: 0 });

    // the database goes away; the next enrollment still completes and its records wait
    await db.stop();
    await env.insertBlankCard();
    await enrollAlice();
    const waiting = (await localHead()) - caughtUp;
    assert.ok(waiting > 5, `the enrollment's records: ${waiting}`);
    const down = await kiosk.health();
    assert.deepEqual(down.central, { state: 'warning', backlog: waiting });

    // the Start screen: the count, in each language
    const k = await openKiosk(browser, server, { deps: { station: kiosk } });
    try {
      const row = k.page.locator('.health-row.warning', { hasText: 'Central log' });
      await row.getByText(`${waiting} records waiting`).waitFor({ timeout: 30_000 });
      for (const [lang, name, words] of [
        ['ko', '한국어', `레코드 ${waiting}개 전달 대기 중`],
        ['zh-Hans', '简体中文', `${waiting} 条记录等待转发`],
        ['zh-Hant', '繁體中文', `${waiting} 筆記錄等待轉送`],
      ] as const) {
        await k.page.getByRole('button', { name }).click();
        await k.page.locator('.health-row.warning').getByText(words).waitFor();
        assert.deepEqual(await inspect(k.page, SHOTS, `live-start-backlog-${lang}`), [], lang);
      }
    } finally {
      await k.close();
    }

    // the database is back: the station's own forwarder sends them, nothing else runs
    await db.start();
    await backlogBecomes((n) => n === 0, 'the records leave once PostgreSQL is back');
    assert.equal(await centralHead(), await localHead());
    const back = await kiosk.health();
    assert.deepEqual(back.central, { state: 'ok', backlog: 0 });
  });
});
