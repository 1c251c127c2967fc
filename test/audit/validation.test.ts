import { test } from 'node:test';
import assert from 'node:assert/strict';
import { event, openLog, tempDir } from './fixtures.ts';
import { AuditValidationError } from '../../core/audit/errors.ts';
import type { AuditEvent } from '../../core/audit/record.ts';

function rejects(
  e: unknown,
  code: 'AUDIT_VALIDATION' | 'AUDIT_SECRET_REJECTED',
  field: string,
): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof AuditValidationError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.field, field);
    return true;
  };
}

const secretCases: [string, unknown, string][] = [
  ['a top-level pin field', { ...event(), pin: '123456' }, 'pin'],
  [
    'a nested newPin field',
    { ...event(), operator: { upn: 'a@corp.example', newPin: '654321' } },
    'operator.newPin',
  ],
  ['a puk field', { ...event(), puk: '12345678' }, 'puk'],
  ['a password field', { ...event(), password: 'hunter2' }, 'password'],
  [
    'a managementKey field',
    { ...event(), card: { edge: 'piv', managementKey: '010203' } },
    'card.managementKey',
  ],
  ['key material', { ...event(), keyMaterial: 'x' }, 'keyMaterial'],
  ['a PIN in the reason', event({ reason: 'user chose PIN 482913' }), 'reason'],
  ['a PIN assignment in the reason', event({ reason: 'pin=abc' }), 'reason'],
  [
    'a management key as hex in the reason',
    event({ reason: 'set key 010203040506070801020304050607080102030405060708' }),
    'reason',
  ],
  [
    'a base64 blob in the reason',
    event({ reason: 'blob MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA' }),
    'reason',
  ],
  ['a PEM block in the reason', event({ reason: '-----BEGIN PRIVATE KEY----- x' }), 'reason'],
  ['hex in the reader name', event({ reader: 'Reader 00112233445566778899aabb' }), 'reader'],
];

for (const [name, input, field] of secretCases) {
  test(`secret guard rejects ${name}; nothing is written and the value is not echoed`, async () => {
    const t = tempDir();
    try {
      const log = openLog(t);
      await assert.rejects(log.append(input as AuditEvent), (err: unknown) => {
        rejects(input, 'AUDIT_SECRET_REJECTED', field)(err);
        const msg = (err as Error).message;
        for (const secret of [
          '123456',
          '654321',
          '12345678',
          'hunter2',
          '482913',
          '0102030405060708',
          'MIIBIjAN',
        ])
          assert.ok(!msg.includes(secret), msg);
        return true;
      });
      assert.equal(log.lastSeq(), 0);
      log.close();
    } finally {
      t.remove();
    }
  });
}

const invalidCases: [string, unknown, string][] = [
  ['an unknown field', { ...event(), comment: 'x' }, 'comment'],
  ['a bad enrollment id', event({ enrollmentId: 'not-a-uuid' }), 'enrollmentId'],
  ['an unknown action', { ...event(), action: 'HACK' }, 'action'],
  ['an unknown outcome', { ...event(), outcome: 'maybe' }, 'outcome'],
  ['a bad UPN', event({ operator: { upn: 'no at sign' } }), 'operator.upn'],
  ['a bad target user', event({ targetUser: 'a b c' }), 'targetUser'],
  ['a non-hex ATR', event({ card: { edge: 'piv', atr: '3bzz' } }), 'card.atr'],
  [
    'a bad thumbprint',
    event({ operator: { upn: 'a@corp.example', agentCertThumbprint: 'abc' } }),
    'operator.agentCertThumbprint',
  ],
  ['a negative ReqID', event({ certificate: { caRequestId: -1 } }), 'certificate.caRequestId'],
  [
    'a non-UTC time',
    event({ certificate: { notBefore: '2025-01-01T00:00:00+02:00' } }),
    'certificate.notBefore',
  ],
  [
    'notAfter before notBefore',
    event({ certificate: { notBefore: '2026-01-01T00:00:00Z', notAfter: '2025-01-01T00:00:00Z' } }),
    'certificate.notAfter',
  ],
  ['an over-long reason', event({ reason: 'x'.repeat(501) }), 'reason'],
  ['control characters', event({ reason: 'line\r\nbreak' }), 'reason'],
  ['a wrong type', { ...event(), targetUser: 42 }, 'targetUser'],
];

for (const [name, input, field] of invalidCases) {
  test(`validation rejects ${name}`, async () => {
    const t = tempDir();
    try {
      const log = openLog(t);
      await assert.rejects(log.append(input as AuditEvent), rejects(input, 'AUDIT_VALIDATION', field));
      assert.equal(log.lastSeq(), 0);
      log.close();
    } finally {
      t.remove();
    }
  });
}

test('ordinary values pass and are normalised (hex lower-case, colons stripped, GUID braces dropped)', async () => {
  const t = tempDir();
  try {
    const log = openLog(t);
    const r = await log.append(
      event({
        targetUser: 'CORP\\jdoe',
        reason: 'CA denied the request: template not published (see error code)',
        errorCode: '0x80094800',
        card: { edge: 'gids', atr: '3B:F8:13', guid: '{6F1E7A2C-0D4B-4F3A-9C2E-1B2A3C4D5E6F}' },
        certificate: { thumbprint: 'AB:'.repeat(19) + 'AB', caRequestId: 77 },
      }),
    );
    assert.equal(r.cardAtr, '3bf813');
    assert.equal(r.cardGuid, '6f1e7a2c0d4b4f3a9c2e1b2a3c4d5e6f');
    assert.equal(r.certThumbprint, 'ab'.repeat(20));
    assert.equal(r.targetUser, 'CORP\\jdoe');
    log.close();
  } finally {
    t.remove();
  }
});
