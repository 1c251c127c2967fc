// ca.auth { kind: 'ntlm' } in the station configuration: DOMAIN\user or a UPN, the password only
// by environment variable name, and nothing else accepted.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, parseConfig } from '../../core/config/config.ts';

const base = (auth: Record<string, unknown>) => ({
  stationId: 'kiosk-1',
  dataDir: '/var/lib/station',
  ca: { url: 'https://ca.corp.example/certsrv/', caBundleFile: 'ca.pem', auth },
});

describe('ca.auth kind ntlm', () => {
  it('DOMAIN\\user is split into the NTLM domain and user', () => {
    const c = parseConfig(base({ kind: 'ntlm', username: 'CORP\\kiosk', passwordEnv: 'CA_PASSWORD' }), '/');
    assert.deepEqual(c.ca.auth, {
      kind: 'ntlm',
      username: 'CORP\\kiosk',
      domain: 'CORP',
      user: 'kiosk',
      passwordEnv: 'CA_PASSWORD',
    });
  });

  it('a UPN goes as the user name with an empty domain', () => {
    const c = parseConfig(
      base({ kind: 'ntlm', username: 'kiosk@corp.example', passwordEnv: 'CA_PASSWORD' }),
      '/',
    );
    assert.equal(c.ca.auth.kind, 'ntlm');
    if (c.ca.auth.kind === 'ntlm')
      assert.deepEqual([c.ca.auth.domain, c.ca.auth.user], ['', 'kiosk@corp.example']);
  });

  for (const [name, auth, field] of [
    [
      'a bare name (which domain?)',
      { kind: 'ntlm', username: 'kiosk', passwordEnv: 'P' },
      'ca.auth.username',
    ],
    ['two backslashes', { kind: 'ntlm', username: 'CORP\\a\\b', passwordEnv: 'P' }, 'ca.auth.username'],
    ['a password in the file', { kind: 'ntlm', username: 'CORP\\kiosk', password: 'x' }, 'ca.auth.password'],
    ['an unknown kind', { kind: 'kerberos', username: 'CORP\\kiosk', passwordEnv: 'P' }, 'ca.auth.kind'],
  ] as const) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parseConfig(base(auth), '/'),
        (e: unknown) => e instanceof ConfigError && e.field === field,
      );
    });
  }
});
