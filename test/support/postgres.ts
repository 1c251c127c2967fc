// A throwaway PostgreSQL 15 server for tests: initdb into a fresh temp dir, pg_ctl start on a
// free 127.0.0.1 port, trust auth for the "postgres" superuser. It never touches the Debian
// cluster (pg_ctlcluster / port 5432), whether or not that one is running.
//
// PostgreSQL refuses to run as root, so when the tests run as root every binary runs as the
// "postgres" system user (created by the Debian package) via runuser, and the temp dir is
// chowned to it. stop()/start() simulate an outage on the same port and data directory.
import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const TIMEOUT_MS = 60_000;

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly connectionString: string;
  readonly dataDir: string;
  running(): boolean;
  /** stop the server (default mode "fast"; "immediate" is a crash without a shutdown checkpoint) */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** stop if running and delete the data directory */
  cleanup(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function postgresUid(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const parts = line?.split(':');
  if (!parts || parts.length < 4)
    throw new Error('no "postgres" system user: install the Debian package postgresql');
  return { uid: Number(parts[2]), gid: Number(parts[3]) };
}

async function run(bin: string, args: string[], asPostgres: boolean): Promise<string> {
  const exe = path.join(PG_BIN, bin);
  if (!existsSync(exe)) throw new Error(`${exe} not found: install the Debian package postgresql (15)`);
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', exe, ...args]] : [exe, args];
  try {
    const { stdout } = await execFileP(cmd, argv, { timeout: TIMEOUT_MS, cwd: '/tmp' });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${bin} failed: ${e.stderr?.trim() || e.message}`, { cause: err });
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const asPostgres = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(os.tmpdir(), 'station-pg-'));
  if (asPostgres) {
    const { uid, gid } = postgresUid();
    chownSync(base, uid, gid);
  }
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'server.log');
  const port = await freePort();
  await run(
    'initdb',
    [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
      '--no-instructions',
    ],
    asPostgres,
  );
  // Sockets go into the private temp dir (not /var/run/postgresql, which may not exist or be
  // the Debian cluster's); fsync off because the data is thrown away.
  const opts = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=50`;
  let isRunning = false;
  const start = async (): Promise<void> => {
    await run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', opts, '-w', '-t', '60', 'start'], asPostgres);
    isRunning = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast'): Promise<void> => {
    if (!isRunning) return;
    await run('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop'], asPostgres);
    isRunning = false;
  };
  try {
    await start();
  } catch (err) {
    rmSync(base, { recursive: true, force: true });
    throw err;
  }
  return {
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    running: () => isRunning,
    stop,
    start,
    cleanup: async () => {
      try {
        await stop('immediate');
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    },
  };
}
