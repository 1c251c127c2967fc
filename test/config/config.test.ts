// The strict configuration: one definition, from which the validator, the checked-in JSON Schema
// and the commented example come. An independent JSON Schema validator (ajv, draft-07) agrees with
// the station's own on the example and on each mistake below.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { ConfigError, loadConfig, parseConfig } from '../../core/config/config.ts';
import {
  EXAMPLE_FILE,
  SCHEMA_FILE,
  stationExampleText,
  stationSchemaText,
} from '../../core/config/documents.ts';
import { jsoncToJson } from '../../core/config/jsonc.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { formatted } from '../../scripts/config-docs.ts';
import { tempDir } from '../state/support.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const schema = JSON.parse(readFileSync(path.join(root, SCHEMA_FILE), 'utf8')) as object;
const exampleText = readFileSync(path.join(root, EXAMPLE_FILE), 'utf8');
const example = (): Record<string, Record<string, unknown>> => JSON.parse(jsoncToJson(exampleText));
const ajv = new Ajv({ allErrors: true });
const schemaAccepts = ajv.compile(schema);
const field = (name: string) => (e: unknown) =>
  e instanceof ConfigError && e.field === name && e.code === 'CONFIG_INVALID' && e.details.field === name;
const unreadable = (file: string) => (e: unknown) =>
  e instanceof StationError && e.code === 'CONFIG_UNREADABLE' && e.details.file === file;

test('the checked-in schema and example are what the definition generates', async () => {
  const stale = 'out of date: run node scripts/config-docs.ts';
  assert.equal(
    readFileSync(path.join(root, SCHEMA_FILE), 'utf8'),
    await formatted(SCHEMA_FILE, stationSchemaText()),
    stale,
  );
  assert.equal(exampleText, await formatted(EXAMPLE_FILE, stationExampleText()), stale);
});

test('JSON with comments: comments and trailing commas go, strings stay', () => {
  const text = '{ "a": "https://x//y", /* b */ "b": [1, 2,], // c\n "c": "q\\\\",\n}';
  assert.deepEqual(JSON.parse(jsoncToJson(text)), { a: 'https://x//y', b: [1, 2], c: 'q\\' });
  assert.throws(() => jsoncToJson('{ /* open'), /not closed/);
});

test('the example is valid for the schema (ajv) and for the station, comments and all', () => {
  assert.equal(schemaAccepts(example()), true, JSON.stringify(schemaAccepts.errors));
  const dir = tempDir('config-');
  const file = path.join(dir, 'station.jsonc');
  writeFileSync(file, exampleText);
  const config = loadConfig(file);
  assert.equal(config.card.managementKeyStorage, 'encrypted-file');
  assert.equal(config.ca.url, 'https://ca.corp.example/certsrv/', 'a "//" inside a string is not a comment');
  assert.equal(config.ca.caBundleFile, path.join(dir, 'ca-bundle.pem'), 'relative to the file');
  assert.deepEqual(config.pinPolicy, { minLength: 6, maxLength: 8 });
});

test('a misspelt key is refused with its path by the station and by the schema', () => {
  const bad = example();
  delete bad.card?.managementKeyStorage;
  (bad.card as Record<string, unknown>).managmentKeyStorage = 'discard';
  assert.equal(schemaAccepts(bad), false);
  assert.ok(
    schemaAccepts.errors?.some((e) => e.keyword === 'additionalProperties' && e.dataPath === '.card'),
  );
  assert.throws(
    () => parseConfig(bad, '/etc/station'),
    (e: unknown) =>
      field('card.managmentKeyStorage')(e) &&
      /did you mean "card\.managementKeyStorage"/.test((e as Error).message),
  );
});

test('each mistake is refused by both validators, with the path named and no value echoed', () => {
  const cases: readonly [string, (c: Record<string, Record<string, unknown>>) => void][] = [
    ['stationID', (c) => ((c as Record<string, unknown>).stationID = 'x')],
    ['ca.URL', (c) => ((c.ca as Record<string, unknown>).URL = 'https://x/')],
    ['ca.auth.password', (c) => ((c.ca?.auth as Record<string, unknown>).password = 'hunter2-secret')],
    ['ca.url', (c) => ((c.ca as Record<string, unknown>).url = 'http://ca/certsrv/')],
    ['ca.auth.kind', (c) => ((c.ca?.auth as Record<string, unknown>).kind = 'kerberos')],
    ['ca.submitTimeoutMs', (c) => ((c.ca as Record<string, unknown>).submitTimeoutMs = 10)],
    ['card.transportPin', (c) => ((c.card as Record<string, unknown>).transportPin = '12ab56')],
    ['card.keyAlgorithm', (c) => ((c.card as Record<string, unknown>).keyAlgorithm = 'DSA')],
    ['pinPolicy.maxLength', (c) => ((c.pinPolicy as Record<string, unknown>).maxLength = 16)],
    ['pinPolicy.minLength', (c) => ((c.pinPolicy as Record<string, unknown>).minLength = 4)],
    ['audit.checkpointEvery', (c) => ((c.audit as Record<string, unknown>).checkpointEvery = 0)],
    [
      'audit.postgresUrl',
      (c) => ((c.audit as Record<string, unknown>).postgresUrl = 'postgres://u:secretpw@db/x'),
    ],
    ['stationId', (c) => delete (c as Record<string, unknown>).stationId],
  ];
  for (const [name, mutate] of cases) {
    const c = example();
    mutate(c);
    assert.equal(schemaAccepts(c), false, `the schema refuses ${name}`);
    assert.throws(
      () => parseConfig(c, '/'),
      (e: unknown) => {
        const msg = (e as Error).message;
        return field(name)(e) && !/hunter2|12ab56|secretpw/.test(msg);
      },
      name,
    );
  }
});

test('a PIN policy wider than the PIV card edge is refused at start-up, naming the edge', () => {
  const c = example();
  c.pinPolicy = { minLength: 4, maxLength: 16 };
  assert.throws(
    () => parseConfig(c, '/'),
    (e: unknown) =>
      field('pinPolicy.minLength')(e) && /PIV card stores PINs of 6 to 8/.test((e as Error).message),
  );
  c.pinPolicy = { minLength: 8, maxLength: 6 };
  assert.throws(() => parseConfig(c, '/'), field('pinPolicy.maxLength'));
  c.pinPolicy = { minLength: 8, maxLength: 8 };
  assert.deepEqual(parseConfig(c, '/').pinPolicy, { minLength: 8, maxLength: 8 });
});

test('the other auth variants and defaults', () => {
  const c = example();
  c.ca = { ...c.ca, auth: { kind: 'ntlm', username: 'CORP\\kiosk', passwordEnv: 'CA_PASSWORD' } };
  delete (c as Record<string, unknown>).card;
  assert.equal(schemaAccepts(c), true, JSON.stringify(schemaAccepts.errors));
  const ntlm = parseConfig(c, '/');
  assert.deepEqual(ntlm.ca.auth, {
    kind: 'ntlm',
    username: 'CORP\\kiosk',
    domain: 'CORP',
    user: 'kiosk',
    passwordEnv: 'CA_PASSWORD',
  });
  assert.equal(ntlm.card.managementKeyStorage, 'encrypted-file', 'a missing section takes its defaults');
  c.ca = {
    ...c.ca,
    auth: { kind: 'client-certificate', certFile: 'c.pem', keyFile: 'k.pem', username: 'x' },
  };
  assert.equal(schemaAccepts(c), false);
  assert.throws(() => parseConfig(c, '/'), field('ca.auth.username'));
});

test('a configuration file that is /dev/zero, a FIFO or a folder is refused at once', () => {
  for (const file of ['/dev/zero', '/proc/self/environ']) {
    assert.throws(() => loadConfig(file), unreadable(file));
  }
  const dir = tempDir('config-');
  const fifo = path.join(dir, 'station.json');
  execFileSync('mkfifo', [fifo]);
  assert.throws(() => loadConfig(fifo), unreadable(fifo));
  assert.throws(() => loadConfig(dir), unreadable(dir));
});
