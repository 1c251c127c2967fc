// End to end with real pcscd + vpcd, two software cards and the demo CA: the operator enrolls a
// blank card on behalf of CORP\alice through the `station` CLI, and independent tools decide
// whether it worked. Also: no PIN reaches the log, the CLI output or the station's files.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { stationPaths } from '../../core/config/config.ts';
import { EncryptedFileKeyStore } from '../../core/enrollment/key-store.ts';
import { cardIdFor } from '../../core/card/edge.ts';
import { pukEntry } from '../../core/enrollment/ports.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, ON_BEHALF_STEPS, openscReaderIndex, run, station, text } from './helpers.ts';

let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair() });
});
after(async () => {
  await env?.stop();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => path.join(dir, f))
    .filter((f) => statSync(f).isFile());
}

test('operator enrolls a Smartcard User certificate on behalf of CORP\\alice; OpenSC and openssl confirm it', async () => {
  const agentPin = text(env.agentPin);
  const newPin = text(randomHolderPin());
  const result = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${agentPin}\n${newPin}\n${newPin}\n`,
  });
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const steps = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; step?: string; percent?: number });
  const progress = steps.filter((s) => s.type === 'progress').map((s) => s.step);
  assert.deepEqual(progress, [...ON_BEHALF_STEPS, 'done']);

  // OpenSC: the certificate is on the card, in the PIV Authentication container
  const reader = String(await openscReaderIndex(env.targetReader));
  const listing = await run('pkcs15-tool', ['--reader', reader, '--list-certificates'], { encoding: 'utf8' });
  assert.match(listing.stdout, /Certificate for PIV Authentication/);
  const der = path.join(env.root, 'card9a.der');
  const M = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
  await run('pkcs11-tool', [
    '--module',
    M,
    '--slot-index',
    reader,
    '--read-object',
    '--type',
    'cert',
    '--id',
    '01',
    '-o',
    der,
  ]);
  // openssl: chains to the CA, Smartcard User EKUs, UPN, e-mail and SID of alice
  const verify = await run('openssl', [
    'verify',
    '-CAfile',
    env.ca.caBundleFile,
    '-purpose',
    'sslclient',
    `-inform`,
    'DER',
    der,
  ]).catch(async () =>
    run('sh', [
      '-c',
      `openssl x509 -inform DER -in '${der}' | openssl verify -CAfile '${env.ca.caBundleFile}'`,
    ]),
  );
  assert.match(verify.stdout, /OK/);
  const shown = (
    await run('openssl', ['x509', '-inform', 'DER', '-in', der, '-noout', '-text'], { encoding: 'utf8' })
  ).stdout;
  assert.match(shown, /TLS Web Client Authentication/);
  assert.match(shown, /1\.3\.6\.1\.4\.1\.311\.20\.2\.2|Microsoft Smartcard Login/);
  assert.match(shown, /othername: UPN::alice@corp\.example/);
  assert.match(shown, /email:alice@corp\.example/);
  assert.match(shown, /1\.3\.6\.1\.4\.1\.311\.25\.2/);

  // the new PIN opens the card, the transport PIN does not
  await run('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', newPin]);
  await assert.rejects(run('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', '12345678']));

  // the factory PUK no longer unblocks the card (yubico-piv-tool: "wrong PUK"); the PUK the
  // station sealed in its key store does
  const ykReader = env.targetReader;
  const factoryPuk = await run(
    'yubico-piv-tool',
    ['-r', ykReader, '-a', 'unblock-pin', '-P', '12345678', '-N', '24681357'],
    { encoding: 'utf8' },
  ).then(
    () => 'accepted',
    (e: { stderr?: string }) => e.stderr ?? '',
  );
  assert.notEqual(factoryPuk, 'accepted', 'the factory PUK must be replaced');
  const paths = stationPaths(env.config);
  const keys = new EncryptedFileKeyStore(paths.managementKeys, paths.keyEncryptionKey);
  // the card's station id: its serial with the card type (ATR as OpenSC reads it), so two vendors'
  // equal serials never share keys
  const atr = (await run('opensc-tool', ['--reader', reader, '--atr'], { encoding: 'utf8' })).stdout
    .trim()
    .replace(/:/g, '')
    .toLowerCase();
  const held = keys.get(pukEntry(cardIdFor('piv', atr, String(env.target.status().serial), null)));
  assert.ok(held, 'the station keeps the card PUK');
  const heldPuk = text(held);
  assert.match(heldPuk, /^[0-9]{8}$/);
  await run('yubico-piv-tool', ['-r', ykReader, '-a', 'change-puk', '-P', heldPuk, '-N', heldPuk]);

  // the on-card key signs, and openssl verifies against the certificate
  const msg = path.join(env.root, 'msg.txt');
  writeFileSync(msg, 'prove it\n');
  const sig = path.join(env.root, 'msg.sig');
  await run('pkcs11-tool', [
    '--module',
    M,
    '--slot-index',
    reader,
    '--login',
    '--pin',
    newPin,
    '--sign',
    '--id',
    '01',
    '-m',
    'SHA256-RSA-PKCS',
    '-i',
    msg,
    '-o',
    sig,
  ]);
  const pub = path.join(env.root, 'pub.pem');
  writeFileSync(
    pub,
    (await run('openssl', ['x509', '-inform', 'DER', '-in', der, '-pubkey', '-noout'], { encoding: 'utf8' }))
      .stdout,
  );
  const ok = await run('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, msg], {
    encoding: 'utf8',
  });
  assert.match(ok.stdout, /Verified OK/);

  // the enrollment log verifies and records the issuance
  const verified = await station(['audit', 'verify', '--db', path.join(env.config.dataDir, 'audit.sqlite')], {
    env: env.env,
  });
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
  const listed = await station(
    ['audit', 'list', '--db', path.join(env.config.dataDir, 'audit.sqlite'), '--user', 'CORP\\alice'],
    { env: env.env },
  );
  assert.match(listed.stdout, /ENROLLMENT_FINISHED +success/);
  assert.match(listed.stdout, /PIN_CHANGED +success/);

  // no PIN anywhere: CLI output, the station's files (SQLite log, journal, ledger, key store)
  const haystacks = [
    result.stdout,
    result.stderr,
    verified.stdout,
    listed.stdout,
    ...filesUnder(env.config.dataDir).map((f) => readFileSync(f).toString('latin1')),
  ];
  for (const pin of [newPin, agentPin, heldPuk]) {
    for (const h of haystacks) assert.ok(!h.includes(pin), 'a PIN or PUK leaked into output or files');
  }
});

test('re-issue of a card whose holder changed the PIN: the station-held PUK resets it, the holder picks a new one', async () => {
  const agentPin = text(env.agentPin);
  const newPin = text(randomHolderPin());
  const r = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${agentPin}\n${newPin}\n${newPin}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /"status":"issued"/);
  const reader = String(await openscReaderIndex(env.targetReader));
  await run('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', newPin]);
  await assert.rejects(run('pkcs15-tool', ['--reader', reader, '--verify-pin', '--pin', '12345678']));
  const listed = await station(
    ['audit', 'list', '--db', path.join(env.config.dataDir, 'audit.sqlite'), '--user', 'CORP\\alice'],
    { env: env.env },
  );
  assert.match(listed.stdout, /CARD_RESET +success/);
  assert.match(listed.stdout, /PIN_UNBLOCK +success/);
});

test('a card that already holds a certificate is not overwritten without an explicit re-issue', async () => {
  const agentPin = text(env.agentPin);
  const r = await station([...enrollAlice(env.configFile), '--no-pin-change', '--json'], {
    env: env.env,
    stdin: `${agentPin}\n`,
  });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /"code":"CARD_ALREADY_ISSUED"/);
});

test('a PIN that breaks the policy is refused before the card is touched', async () => {
  const before = env.target.apduCount;
  const r = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n123456\n123456\n`,
  });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /"code":"PIN_IS_DEFAULT"/);
  assert.equal(env.target.apduCount, before, 'no APDU reached the card');
});

test('a holder who does not choose a PIN leaves the card "issued, PIN not changed", and it is listed as such', async () => {
  const issuedSerial = env.target.status().serial;
  const blank = await env.insertBlankCard();
  const r = await station([...enrollAlice(env.configFile), '--no-pin-change', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /"status":"issued-pin-not-changed"/);
  // the card still opens with the transport PIN (yubico-piv-tool), and the station says so
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', '12345678']);
  const status = await station(['status', '--config', env.configFile], { env: env.env });
  assert.match(
    status.stdout,
    new RegExp(
      `serial ${blank.status().serial}, issued to alice@corp.example, the vendor's factory PIN is still set; log: the holder has not chosen a PIN yet`,
    ),
  );

  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const cards = async (...extra: string[]): Promise<Array<{ card: string; state: string }>> =>
    (await station(['audit', 'cards', '--db', db, '--json', ...extra], { env: env.env })).stdout
      .split('\n')
      .filter((l) => l.includes('"card":{'))
      .map((l) => (JSON.parse(l) as { card: { card: string; state: string } }).card);
  const pending = await cards('--pin-not-changed');
  assert.deepEqual(
    pending.map((c) => [c.card, c.state]),
    [[`serial:${blank.status().serial}`, 'issued-pin-not-changed']],
  );
  assert.equal((await cards()).find((c) => c.card === `serial:${issuedSerial}`)?.state, 'issued');
});
