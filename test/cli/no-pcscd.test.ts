// Issue 10 §2: `status`, `enroll`, `recover` and `diagnose` do not hang when the smart-card service
// is down. Run inside test/piv/run-private.sh, whose namespace has an empty /run/pcscd and no
// pcscd unless a test starts one (this file starts none).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { station } from '../e2e/helpers.ts';
import { stopPcscd } from '../support/pcscd.ts';
import { tempDir } from '../support/tools.ts';

let configFile: string;
const env = { ...process.env, NO_PCSCD_CA_PASSWORD: 'not-used' };

before(async () => {
  // the suite's namespace may run the pcscd an earlier test file started: stop it (the next file
  // that needs one starts it again)
  await stopPcscd();
  rmSync('/run/pcscd/pcscd.comm', { force: true });
  assert.ok(
    !existsSync('/run/pcscd/pcscd.comm'),
    'a pcscd socket exists: run this inside test/piv/run-private.sh',
  );
  const root = tempDir('station-no-pcscd-').path;
  const bundle = path.join(root, 'ca.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(root, 'ca.key'),
      '-out',
      bundle,
      '-subj',
      '/CN=No pcscd test CA',
      '-days',
      '1',
    ],
    { stdio: 'ignore' },
  );
  configFile = path.join(root, 'station.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      stationId: 'no-pcscd',
      dataDir: './station',
      // nothing listens on the discard port: a command that reached the CA would fail with CA_*
      ca: {
        url: 'https://127.0.0.1:9/certsrv/',
        caBundleFile: bundle,
        auth: { kind: 'basic', username: 'CORP\\kiosk', passwordEnv: 'NO_PCSCD_CA_PASSWORD' },
      },
      card: { transportPin: '12345678', factoryPin: '12345678', keyAlgorithm: 'RSA' },
      audit: { checkpointEvery: 10 },
    }),
  );
});

const enroll = (): string[] => [
  'enroll',
  '--config',
  configFile,
  '--user',
  'CORP\\alice',
  '--upn',
  'alice@corp.example',
];

for (const [name, args, stdin] of [
  ['status', (): string[] => ['status', '--config', configFile], ''],
  ['enroll', enroll, '11223344\n'],
  ['change-pin', (): string[] => ['change-pin', '--config', configFile], ''],
] as const) {
  test(`${name} with pcscd down ends at once with PCSC_UNAVAILABLE, before any PIN`, async () => {
    const started = Date.now();
    const r = await station(args(), { env, stdin, timeoutMs: 30_000 });
    const took = Date.now() - started;
    assert.equal(r.signal, null, `killed after ${took} ms: it hung`);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^error PCSC_UNAVAILABLE: The smart-card service is not running\./m);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    assert.ok(took < 10_000, `took ${took} ms`);
  });
}

test('recover with pcscd down and nothing open ends at once; diagnose reports the service down', async () => {
  const recover = await station(['recover', '--config', configFile], { env, timeoutMs: 30_000 });
  assert.equal(recover.signal, null, 'recover hung');
  assert.equal(recover.code, 0, recover.stderr);
  assert.equal(recover.stdout, 'no interrupted enrollments\n');
  const diagnose = await station(['diagnose', '--config', configFile, '--lang', 'zh-Hant'], {
    env,
    timeoutMs: 30_000,
  });
  assert.equal(diagnose.signal, null, 'diagnose hung');
  assert.equal(diagnose.code, 1);
  assert.match(diagnose.stdout, /^失敗 智慧卡服務：智慧卡服務未執行。 \(PCSC_UNAVAILABLE\)$/m);
});
