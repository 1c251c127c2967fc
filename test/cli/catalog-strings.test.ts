// Issue 10 §1: a test fails when a visible CLI string is not in the catalogs. It reads the CLI's
// source (cli/ and the demo, dev/demo.ts) with the TypeScript parser; the first test proves the
// scan bites on planted literals of each kind, the second that the shipped source has none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { scanSource } from './visible-strings.ts';

const ROOT = path.join(import.meta.dirname, '../..');

// Literal text that is not a word of the interface: the program's name in `station --version`,
// the demo's shell commands, which are typed as they are in every language, and the purpose a
// lock file records for whoever finds it held (cli/compose.ts; a fact in a detail, for support),
// and the audit subcommands' names in usage errors ("audit list" is typed as it is).
const ALLOWED = ['station ', './run station', 'enrollment journal', 'audit '];

function files(): string[] {
  const cli = readdirSync(path.join(ROOT, 'cli'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join('cli', f));
  return [...cli, 'dev/demo.ts'].sort();
}

test('the scan finds planted literals: printed, in a template, concatenated, and a phrase kept in a variable', () => {
  const planted = [
    `printLine(out, 'card written');`,
    'process.stderr.write(`note: checked with ${key}\\n`);',
    `process.stdout.write('done: ' + count);`,
    `const why = 'the card is gone'; printLine(out, why);`,
    `throw new StationError('BAD_INPUT', { field: 'standard input' });`,
    `printLine(out, ok ? say(out, 'cli.recover.none') : 'nothing to do');`,
  ];
  for (const source of planted)
    assert.ok(scanSource('planted.ts', source).length > 0, `not found: ${source}`);
  // catalog lookups, keys, imports and punctuation pass
  const clean = [
    `import { say } from '../output.ts';`,
    `printLine(out, say(out, 'cli.recover.none'), { enrollmentId: id });`,
    'process.stdout.write(`${overview(lang)}\\n`);',
    `printLine(out, \`\${line}\\n     \${say(out, 'cli.whatToDo', { resolution })}\`);`,
    `const o = { 'keep-running': flag };`,
  ];
  for (const source of clean) assert.deepEqual(scanSource('clean.ts', source), [], source);
});

test('every string the CLI shows comes from the catalogs (core/i18n, core/errors)', () => {
  const list = files();
  assert.ok(list.includes('cli/commands/enroll.ts') && list.length >= 12, list.join(', '));
  const findings = list.flatMap((f) => scanSource(f, readFileSync(path.join(ROOT, f), 'utf8'), ALLOWED));
  assert.deepEqual(
    findings.map((f) => `${f.file}:${f.line} ${f.rule} ${JSON.stringify(f.text)}`),
    [],
    'literal text shown to a person: move it into core/i18n and print it with say()/t()',
  );
});
