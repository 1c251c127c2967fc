// The independent judges of issue 8's "nothing lost" tests: after each refusal, fault or recovery,
// yubico-piv-tool and openssl say what the card holds (the holder's certificate, whether the slot's
// key is the certified one), and the station's own `audit cards` / `audit verify` must agree.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DemoEnvironment } from '../../dev/demo-environment.ts';
import { run as runSync } from '../../dev/tools.ts';
import { runTool, type RunResult } from '../../dev/tools.ts';
import { station, enrollAlice, text, openscReaderIndex } from './helpers.ts';

export const dbOf = (env: DemoEnvironment): string => path.join(env.config.dataDir, 'audit.sqlite');
export const journalDirOf = (env: DemoEnvironment): string => path.join(env.config.dataDir, 'journal');

/**
 * yubico-piv-tool on the target reader. After a SIGKILLed station pcscd may hold the card a moment
 * longer (it releases the dead process's exclusive handle on its next poll): a refused connection
 * is tried again for a few seconds.
 */
export async function ypt(env: DemoEnvironment, args: readonly string[]): Promise<RunResult> {
  return cardTool('yubico-piv-tool', ['-r', env.targetReader, ...args]);
}

async function cardTool(cmd: string, args: readonly string[]): Promise<RunResult> {
  for (let attempt = 0; ; attempt++) {
    const r = await runTool(cmd, args);
    if (!/Failed to connect|Reader in use/.test(r.stderr + r.stdout) || attempt >= 20) return r;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The PEM certificate yubico-piv-tool reads from slot 9a, or null when the slot holds none. */
export async function certificateOnCard(env: DemoEnvironment): Promise<string | null> {
  const r = await ypt(env, ['-a', 'read-certificate', '-s', '9a']);
  return r.status === 0 && r.stdout.includes('BEGIN CERTIFICATE') ? r.stdout : null;
}

/** openssl's SHA-256 fingerprint of a PEM certificate. */
export function fingerprint(pem: string): string {
  const r = runSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/**
 * yubico-piv-tool signs with slot 9a after the PIN and checks the signature against `certificate`
 * (PEM): ok only when the key on the card is the one that certificate certifies.
 */
export async function cardSignsFor(
  env: DemoEnvironment,
  pin: string,
  certificate: string,
): Promise<{ ok: boolean; output: string }> {
  const file = path.join(env.root, `judge-${process.hrtime.bigint()}.pem`);
  writeFileSync(file, certificate);
  const r = await ypt(env, ['-a', 'verify-pin', '-P', pin, '-a', 'test-signature', '-s', '9a', '-i', file]);
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

/** PIN tries left as yubico-piv-tool's status reads them. */
export async function pinTriesLeft(env: DemoEnvironment): Promise<number> {
  const r = await ypt(env, ['-a', 'status']);
  const m = /PIN tries left:\s*(\d+)/.exec(r.stdout);
  assert.ok(m, `yubico-piv-tool status printed no PIN tries: ${r.stdout}${r.stderr}`);
  return Number(m[1]);
}

/** openssl's view of a PEM certificate's public key (SubjectPublicKeyInfo PEM). */
export function certificatePublicKey(pem: string): string {
  const r = runSync('openssl', ['x509', '-noout', '-pubkey'], { input: pem });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

/** The certificates the demo CA issued on behalf of a user, as PEM. */
export function issuedBy(env: DemoEnvironment, user = 'CORP\\alice'): string[] {
  return env.ca
    .list()
    .filter((r) => r.status === 'issued' && r.onBehalfOf === user && r.certificate !== undefined)
    .map((r) => new X509Certificate(Buffer.from(r.certificate as string, 'base64')).toString());
}

export interface CardLine {
  readonly card: string;
  readonly state: string;
  readonly certificateSerial: string | null;
}

/** `station audit cards --json`: each card's state by the log. */
export async function auditCards(env: DemoEnvironment): Promise<CardLine[]> {
  const r = await station(['audit', 'cards', '--db', dbOf(env), '--json'], { env: env.env });
  return r.stdout
    .split('\n')
    .filter((l) => l.includes('"card":{'))
    .map((l) => (JSON.parse(l) as { card: CardLine }).card);
}

/** `station audit verify`: exit 0 and no complaint. */
export async function assertLogVerifies(env: DemoEnvironment): Promise<void> {
  const r = await station(['audit', 'verify', '--db', dbOf(env)], { env: env.env });
  assert.equal(r.code, 0, `audit verify: ${r.stdout}${r.stderr}`);
}

/**
 * The log's records (`audit export --format json`), without the auditors' own review records
 * (LOG_EXPORTED, LOG_VERIFIED), which each export and verify appends.
 */
export async function logRecords(env: DemoEnvironment): Promise<Array<Record<string, unknown>>> {
  const r = await station(['audit', 'export', '--db', dbOf(env), '--format', 'json'], { env: env.env });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const parsed = JSON.parse(r.stdout) as { records?: unknown };
  assert.ok(Array.isArray(parsed.records), 'audit export --format json holds the records');
  return (parsed.records as Array<Record<string, unknown>>).filter(
    (rec) => rec.action !== 'LOG_EXPORTED' && rec.action !== 'LOG_VERIFIED',
  );
}

/** Files directly in the journal folder (open journals) and in journal/done (ended ones). */
export function journals(env: DemoEnvironment): { open: string[]; done: string[] } {
  const dir = journalDirOf(env);
  const list = (d: string): string[] => {
    try {
      return readdirSync(d).filter((n) => n.endsWith('.jsonl'));
    } catch {
      return [];
    }
  };
  return { open: list(dir), done: list(path.join(dir, 'done')) };
}

export const parseJsonLines = (stdout: string): Array<Record<string, unknown>> =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Enrolls CORP\\alice on the target card with a chosen PIN; returns the certificate on the card. */
export async function issueAlice(
  env: DemoEnvironment,
  pin: string,
  extra: readonly string[] = [],
): Promise<string> {
  const r = await station([...enrollAlice(env.configFile), ...extra, '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const pem = await certificateOnCard(env);
  assert.ok(pem, 'yubico-piv-tool reads a certificate from slot 9a');
  return pem;
}

/**
 * The common end check: the holder's certificate is in slot 9a, the card signs for it with the
 * holder's PIN, `audit cards` lists the card issued, and the log verifies.
 */
export async function assertHolderIntact(
  env: DemoEnvironment,
  expect: { certificate: string; pin: string; serial: number | null },
): Promise<void> {
  const now = await certificateOnCard(env);
  assert.ok(now, "the holder's certificate is still in slot 9a");
  assert.equal(fingerprint(now), fingerprint(expect.certificate), 'the same certificate as before');
  const signs = await cardSignsFor(env, expect.pin, now);
  assert.ok(signs.ok, `the card still signs for the certificate: ${signs.output}`);
  if (expect.serial !== null) {
    const line = (await auditCards(env)).find((c) => c.card === `serial:${expect.serial}`);
    assert.ok(line, 'audit cards lists the card');
    assert.match(line.state, /^issued/, `audit cards: ${JSON.stringify(line)}`);
  }
  await assertLogVerifies(env);
}

/**
 * opensc-tool sends SELECT PIV and GET METADATA for slot 9a (YubiKey 5.3+, the soft card): the
 * slot's public key as the card reports it (hex of the response), or null when the slot is empty
 * (SW 6A88).
 */
export async function slotKeyMetadata(env: DemoEnvironment): Promise<string | null> {
  const reader = String(await openscReaderIndex(env.targetReader));
  const r = await cardTool('opensc-tool', [
    '--reader',
    reader,
    '-s',
    '00:A4:04:00:09:A0:00:00:03:08:00:00:10:00',
    '-s',
    '00:F7:00:9A:00',
  ]);
  const parts = r.stdout.split(/Received \(SW1=0x([0-9A-Fa-f]{2}), SW2=0x([0-9A-Fa-f]{2})\):?/);
  assert.ok(parts.length >= 7, `opensc-tool answered SELECT and GET METADATA: ${r.stdout}${r.stderr}`);
  const sw = `${parts.at(-3) ?? ''}${parts.at(-2) ?? ''}`.toLowerCase();
  if (sw === '6a88') return null;
  assert.equal(sw, '9000', r.stdout);
  return (parts.at(-1) ?? '').trim();
}

/** A copy of the demo configuration with changes, written beside it; returns its path. */
export function configVariant(
  env: DemoEnvironment,
  name: string,
  change: (raw: Record<string, Record<string, unknown>>) => void,
): string {
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as Record<string, Record<string, unknown>>;
  change(raw);
  const file = path.join(env.root, `${name}.json`);
  writeFileSync(file, JSON.stringify(raw, null, 2));
  return file;
}
