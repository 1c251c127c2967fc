// The non-error catalogs (progress steps, prompts, CLI words, diagnose findings): every key in
// all four languages with the same placeholders, every engine step labelled, and the formatter
// doing what the ICU forms it implements mean (plural per language, select, missing values).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STEP_TABLE } from '../../core/enrollment/steps.ts';
import { argumentNames, formatMessage, MessageSyntaxError } from '../../core/i18n/format.ts';
import { isMessageKey, MESSAGES, stepLabel, t, type MessageKey } from '../../core/i18n/index.ts';
import { LANGUAGES } from '../../core/i18n/language.ts';

describe('i18n catalogs', () => {
  test('every key exists in all four languages, non-empty, with the same placeholders', () => {
    for (const key of Object.keys(MESSAGES) as MessageKey[]) {
      const en = [...argumentNames(MESSAGES[key].en)].sort();
      for (const lang of LANGUAGES) {
        const text = MESSAGES[key][lang];
        assert.equal(typeof text, 'string', `${key} ${lang} missing`);
        assert.ok(text.trim().length > 0, `${key} ${lang} empty`);
        assert.deepEqual(
          [...argumentNames(text)].sort(),
          en,
          `${key} ${lang}: placeholders differ from English`,
        );
      }
    }
  });

  test('every progress step the engine reports has a label, and the label is not the id', () => {
    for (const id of [...STEP_TABLE.map((s) => s.id), 'done']) {
      for (const lang of LANGUAGES) {
        const label = stepLabel(id, lang);
        assert.notEqual(label, id, `${id} has no ${lang} label`);
      }
    }
    assert.equal(stepLabel('no-such-step', 'ko'), 'no-such-step');
    assert.equal(stepLabel('keygen', 'ko'), '카드에서 키를 생성하는 중');
  });

  test('every certificate-check problem has a reason text', () => {
    const source = readFileSync(join(import.meta.dirname, '../../core/pki/check.ts'), 'utf8');
    const union = /type CertificateProblem =([^;]+);/.exec(source)?.[1] ?? '';
    const problems = [...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1] as string);
    assert.ok(problems.length >= 10, union);
    for (const p of problems) assert.ok(isMessageKey(`certcheck.${p}`), `no text for ${p}`);
  });

  test('prompts and findings read as a person would in each language', () => {
    assert.equal(t('prompt.operatorPin', 'zh-Hant'), '操作員卡 PIN');
    assert.equal(t('diagnose.clock.off', 'en', { seconds: 420 }), 'off by 420 s');
    assert.equal(t('cli.enroll.result', 'en', { status: 'issued', reqId: 'none' }), 'result: issued');
    assert.equal(
      t('cli.enroll.result', 'zh-Hans', { status: '已发卡', reqId: 31 }),
      '结果：已发卡（CA 申请 31）',
    );
    assert.equal(
      t('cli.reader.card', 'en', { reader: 'R1', serial: '1234', certificate: 'yes', pin: 'no' }),
      'R1: PIV card, serial 1234, holds a certificate, factory PIN changed',
    );
  });
});

describe('formatMessage (the ICU subset)', () => {
  test('plural follows each language: English has one/other, Korean and Chinese one form', () => {
    const p = '{n, plural, =0 {none} one {# try} other {# tries}}';
    assert.equal(formatMessage(p, 'en', { n: 0 }), 'none');
    assert.equal(formatMessage(p, 'en', { n: 1 }), '1 try');
    assert.equal(formatMessage(p, 'en', { n: 3 }), '3 tries');
    assert.equal(formatMessage(p, 'ko', { n: 1 }), '1 tries'); // Korean has no "one" category
    assert.equal(formatMessage(p, 'en', {}), '? tries');
  });

  test('select picks the case or other; missing values render empty', () => {
    const s = '{who, select, operator {the operator} other {someone}} at {reader}';
    assert.equal(formatMessage(s, 'en', { who: 'operator', reader: 'R' }), 'the operator at R');
    assert.equal(formatMessage(s, 'en', { who: 'x' }), 'someone at ');
    assert.equal(formatMessage('{list}', 'en', { list: ['a', 'b'] }), 'a; b');
  });

  test('malformed patterns are refused', () => {
    for (const bad of ['{', '}', '{a b}', '{n, plural, one {x}}', '{n, number}', '{n, select, x {y}', '{1x}'])
      assert.throws(() => formatMessage(bad, 'en', {}), MessageSyntaxError, bad);
  });
});
