import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal, unfinishedJournals } from '../../core/enrollment/journal.ts';
import { planRecovery } from '../../core/enrollment/recovery.ts';
import { EncryptedFileKeyStore } from '../../core/enrollment/key-store.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { parseConfig, ConfigError } from '../../core/config/config.ts';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'journal-'));

test('recovery plans follow how far the journal got: roll back, ask, or resume by ReqID', () => {
  const d = dir();
  const a = Journal.create(d, 'aaaaaaaa-1');
  a.record('started', { upn: 'alice@corp.example' });
  a.record('key-generated', { spki: 'AA==' });
  const b = Journal.create(d, 'bbbbbbbb-2');
  b.record('started');
  b.record('submit-intent', { requestSha256: 'ff' });
  const c = Journal.create(d, 'cccccccc-3');
  c.record('started');
  c.record('submit-intent');
  c.record('submitted', { reqId: 17, disposition: 'issued' });
  c.record('certificate-written');
  const done = Journal.create(d, 'dddddddd-4');
  done.record('started');
  done.record('finished', { status: 'issued' });

  const plans = Object.fromEntries(unfinishedJournals(d).map((s) => [s.id, planRecovery(s)]));
  assert.equal(Object.keys(plans).length, 3, 'finished journals need no recovery');
  assert.equal(plans['aaaaaaaa-1']?.action, 'roll-back');
  assert.equal(plans['bbbbbbbb-2']?.action, 'ask-operator');
  assert.deepEqual(
    {
      action: plans['cccccccc-3']?.action,
      reqId: plans['cccccccc-3']?.action === 'resume' ? plans['cccccccc-3'].reqId : 0,
    },
    { action: 'resume', reqId: 17 },
  );
});

test('a line cut short by a crash does not hide the entries before it', () => {
  const d = dir();
  const j = Journal.create(d, 'eeeeeeee-5');
  j.record('started');
  j.record('submitted', { reqId: 4, disposition: 'pending' });
  appendFileSync(j.file, '{"step":"certificate-chec');
  const state = j.read();
  assert.equal(state.last, 'submitted');
  assert.equal(state.facts.reqId, 4);
  assert.equal(statSync(j.file).mode & 0o777, 0o600);
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
