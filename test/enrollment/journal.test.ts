import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appendFileSync,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { Journal, openJournals } from '../../core/enrollment/journal.ts';
import { tempDir } from '../support/tools.ts';
import { planRecovery } from '../../core/enrollment/recovery.ts';
import { EncryptedFileKeyStore } from '../../core/enrollment/key-store.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { parseConfig, ConfigError } from '../../core/config/config.ts';

// folders that remove themselves when the test process ends
const dir = (): string => tempDir('journal-').path;

test('recovery plans follow the journal: close before the CA, ask when a POST may have arrived, resume by ReqID', () => {
  const d = dir();
  const a = Journal.create(d, 'aaaaaaaa-1', { upn: 'alice@corp.example' });
  a.begin('keygen');
  a.done('keygen', { spki: 'AA==' });
  const b = Journal.create(d, 'bbbbbbbb-2', {});
  b.begin('submit', { requestSha256: 'ff' });
  const c = Journal.create(d, 'cccccccc-3', {});
  c.begin('submit');
  c.done('submit', { reqId: 17, disposition: 'issued' });
  c.begin('write');
  c.done('write');
  const ended = Journal.create(d, 'dddddddd-4', {});
  ended.end('issued');

  // the journals' owner is this process, and none of them is running here: all are crashes
  const plans = Object.fromEntries(openJournals(d).map((s) => [s.id, planRecovery(s, undefined)]));
  assert.equal(Object.keys(plans).length, 3, 'ended journals need no recovery');
  assert.equal(plans['aaaaaaaa-1']?.action, 'close');
  assert.equal(plans['bbbbbbbb-2']?.action, 'ask-operator');
  assert.deepEqual(
    {
      action: plans['cccccccc-3']?.action,
      reqId: plans['cccccccc-3']?.action === 'resume' ? plans['cccccccc-3'].reqId : 0,
    },
    { action: 'resume', reqId: 17 },
  );
  // the request ledger answers for a journal that cannot: the POST never left, or ReqID 9 exists
  assert.equal(planRecovery(b.read(), { state: 'not-sent' }).action, 'close');
  const known = planRecovery(b.read(), { state: 'known', reqId: 9 });
  assert.deepEqual(known.action === 'resume' ? known.reqId : 0, 9);
});

test('a line cut short by a crash does not hide the lines before it; other damage makes it unreadable', () => {
  const d = dir();
  const j = Journal.create(d, 'eeeeeeee-5', {});
  j.begin('submit');
  j.done('submit', { reqId: 4, disposition: 'pending' });
  appendFileSync(j.file, '{"kind":"begin","step":"che');
  const state = j.read();
  assert.ok(state.readable);
  assert.equal(state.facts.reqId, 4);
  assert.equal(state.inDoubt, null);
  assert.equal(statSync(j.file).mode & 0o777, 0o600);

  // an emptied journal, or a line edited in the middle, is damage: the plan asks, never closes
  const k = Journal.create(d, 'ffffffff-6', {});
  k.begin('submit');
  writeFileSync(k.file, '');
  assert.deepEqual(k.read().readable, false);
  assert.equal(planRecovery(k.read(), undefined).action, 'ask-operator');
  const m = Journal.create(d, 'gggggggg-7', {});
  m.begin('keygen');
  m.done('keygen');
  const lines = readFileSync(m.file, 'utf8').split('\n');
  lines[1] = (lines[1] ?? '').replace('keygen', 'submit');
  writeFileSync(m.file, lines.join('\n'));
  assert.equal(m.read().readable, false);
});

test('a journal is created exclusively and never written through a link', () => {
  const d = dir();
  symlinkSync('/dev/null', path.join(d, 'hhhhhhhh-8.jsonl'));
  assert.throws(
    () => Journal.create(d, 'hhhhhhhh-8', {}),
    (e: unknown) => (e as { code?: string }).code === 'STATE_UNSAFE',
  );
  const j = Journal.create(d, 'iiiiiiii-9', {});
  rmSync(j.file);
  symlinkSync(path.join(d, 'elsewhere'), j.file);
  assert.throws(
    () => j.begin('keygen'),
    (e: unknown) => (e as { code?: string }).code === 'STATE_UNSAFE',
  );
  assert.equal(existsSync(path.join(d, 'elsewhere')), false, 'nothing was written at the link target');
});

test('management keys are stored sealed under the station key and bound to their card', () => {
  const d = dir();
  const store = new EncryptedFileKeyStore(path.join(d, 'keys.json'), path.join(d, 'kek.bin'));
  const key = Secret.fromBytes(new Uint8Array(24).fill(0x5a));
  store.put('serial:1234', key);
  const onDisk = readFileSync(path.join(d, 'keys.json'), 'utf8');
  assert.ok(!onDisk.includes(Buffer.alloc(24, 0x5a).toString('base64')), 'not in clear');
  assert.ok(!onDisk.toLowerCase().includes('5a5a5a5a'), 'not in clear hex');
  assert.ok(store.get('serial:1234')?.equals(key));
  assert.equal(store.get('serial:9999'), undefined);
  const raw = JSON.parse(onDisk) as { entries: Record<string, unknown> };
  raw.entries['serial:9999'] = raw.entries['serial:1234'];
  writeFileSync(path.join(d, 'keys.json'), JSON.stringify(raw));
  assert.throws(() => store.get('serial:9999'), 'a sealed key moved to another card does not open');
});

test('configuration: https only, and a bad field is named', () => {
  const base = {
    stationId: 'kiosk-1',
    dataDir: '/var/lib/station',
    ca: {
      url: 'https://ca.corp.example/certsrv/',
      caBundleFile: 'ca.pem',
      auth: { kind: 'basic', username: 'CORP\\kiosk', passwordEnv: 'CA_PASSWORD' },
    },
  };
  const ok = parseConfig(base, '/etc/station');
  assert.equal(ok.ca.caBundleFile, '/etc/station/ca.pem');
  assert.equal(ok.card.transportPin, '12345678');
  assert.throws(
    () => parseConfig({ ...base, ca: { ...base.ca, url: 'http://ca/certsrv/' } }, '/'),
    (e: unknown) => e instanceof ConfigError && e.field === 'ca.url',
  );
  assert.throws(
    () => parseConfig({ ...base, card: { transportPin: '12ab' } }, '/'),
    (e: unknown) => e instanceof ConfigError && e.field === 'card.transportPin',
  );
});
