// The platform ports on their documented inputs (fixtures.ts) through the Windows
// implementations in native/windows, with the fake machine in place of powershell.exe.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CATALOG, LANGUAGES, StationError } from '../../core/errors/catalog.ts';
import {
  classifyReader,
  createArguments,
  isGidsVirtualAtr,
  requireVirtualSmartCardSupport,
  tpmProblems,
  validateCreateRequest,
  validateInstanceId,
  WinRtReaderKind,
} from '../../core/platform/index.ts';
import {
  classifyFailure,
  decodeOutcome,
  ElevatedLauncher,
  encodeOutcome,
  parseGetTpm,
  parseTpmtool,
  TpmNative,
  TpmVscManager,
  WindowsReaders,
  WindowsVersionNative,
} from '../../native/windows/index.ts';
import { helperMain } from '../../native/windows/vsc-helper.ts';
import { encodeOperation } from '../../native/windows/elevation.ts';
import { FakeWindows } from './fake-windows.ts';
import { OS, TPM, TPMTOOL_READY, TPMVSCMGR_FAILED, VSC_ATR, VSC_ATR_V3, YUBIKEY_ATR } from './fixtures.ts';

const code = (e: unknown): string => (e instanceof StationError ? e.code : String(e));

describe('Windows version', () => {
  for (const [name, expected] of [
    ['windows8', true],
    ['server2012', true],
    ['windows81', true],
    ['windows10', true],
    ['windows11', true],
    ['windows7', false],
    ['server2008r2', false],
    ['vista', false],
  ] as const) {
    test(`${OS[name].Caption}: ${expected ? 'accepted' : 'refused with WINDOWS_TOO_OLD'}`, async () => {
      const v = await new WindowsVersionNative(new FakeWindows({ os: name }), 'win32').windowsVersion();
      assert.ok(v);
      if (expected) assert.equal(requireVirtualSmartCardSupport(v), v);
      else
        assert.throws(
          () => requireVirtualSmartCardSupport(v),
          (e) => code(e) === 'WINDOWS_TOO_OLD' && (e as StationError).details.found === OS[name].Version,
        );
    });
  }
  test('not Windows: undefined, refused', async () => {
    const fake = new FakeWindows();
    assert.equal(await new WindowsVersionNative(fake, 'linux').windowsVersion(), undefined);
    assert.equal(fake.calls.length, 0, 'no PowerShell off Windows');
    assert.throws(
      () => requireVirtualSmartCardSupport(undefined),
      (e) => code(e) === 'WINDOWS_TOO_OLD',
    );
  });
  test('server product type is read', async () => {
    const v = await new WindowsVersionNative(new FakeWindows({ os: 'server2012' }), 'win32').windowsVersion();
    assert.equal(v?.productType, 'server');
  });
});

describe('TPM state', () => {
  const problems = async (tpm: keyof typeof TPM): Promise<string[]> =>
    tpmProblems(await new TpmNative(new FakeWindows({ tpm })).tpmState()).map((p) => p.code);

  test('a ready TPM 2.0 and a ready TPM 1.2 have no problems; the family is told apart', async () => {
    assert.deepEqual(await problems('ready20'), []);
    assert.deepEqual(await problems('ready12'), []);
    assert.equal(parseGetTpm(TPM.ready20).family, '2.0');
    assert.equal(parseGetTpm(TPM.ready12).family, '1.2');
  });
  for (const [state, expected] of [
    ['absent', ['TPM_NOT_PRESENT']],
    ['disabled', ['TPM_DISABLED', 'TPM_NOT_ACTIVATED']],
    ['notActivated', ['TPM_NOT_ACTIVATED']],
    ['notOwned', ['TPM_NOT_OWNED']],
    ['notReady', ['TPM_NOT_READY']],
    ['restartPending', ['TPM_RESTART_PENDING']],
    ['lockedOut', ['TPM_LOCKED_OUT']],
  ] as const) {
    test(`${state}: ${expected.join(', ')}, each with a resolution in four languages`, async () => {
      const got = await problems(state);
      assert.deepEqual(got, expected);
      for (const c of got)
        for (const l of LANGUAGES) assert.ok(CATALOG[c as keyof typeof CATALOG][l].resolution.length > 4);
    });
  }
  test('Get-Tpm refused (not elevated): tpmtool getdeviceinformation is read instead', async () => {
    const fake = new FakeWindows({ tpm: 'denied' });
    const s = await new TpmNative(fake).tpmState();
    assert.deepEqual(s, parseTpmtool(TPMTOOL_READY));
    assert.equal(s.family, '2.0');
    assert.deepEqual(tpmProblems(s), []);
    assert.deepEqual(
      fake.calls.map((c) => c.file),
      ['powershell.exe', 'tpmtool.exe'],
    );
  });
  test('lockout detail names the heal time', () => {
    const [p] = tpmProblems(parseGetTpm(TPM.lockedOut));
    assert.match(p?.detail ?? '', /10 minutes/);
  });
});

describe('readers', () => {
  test('the VSC reader with the VSC ATR (either GIDS version) is a TPM virtual reader', () => {
    assert.ok(isGidsVirtualAtr(VSC_ATR) && isGidsVirtualAtr(VSC_ATR_V3));
    assert.equal(
      classifyReader({ name: 'Microsoft Virtual Smart Card 0', atr: VSC_ATR }).kind,
      'tpm-virtual',
    );
    assert.equal(
      classifyReader({ name: 'Microsoft Virtual Smart Card 00 00', atr: VSC_ATR }).kind,
      'tpm-virtual',
    );
    assert.equal(
      classifyReader({
        name: 'Microsoft Virtual Smart Card 1',
        atr: VSC_ATR_V3,
        winrtKind: WinRtReaderKind.Tpm,
      }).kind,
      'tpm-virtual',
    );
  });
  test('Windows Hello for Business with the same ATR is not a TPM virtual smart card', () => {
    const r = classifyReader({
      name: 'Windows Hello for Business 1',
      atr: VSC_ATR,
      winrtKind: WinRtReaderKind.Tpm,
    });
    assert.equal(r.kind, 'windows-hello');
  });
  test('a physical reader with a YubiKey is physical', () => {
    assert.equal(
      classifyReader({ name: 'Yubico YubiKey OTP+FIDO+CCID 0', atr: YUBIKEY_ATR }).kind,
      'physical',
    );
  });
  test('look-alikes: a VSC name with a foreign ATR or a non-TPM kind, a VSC ATR under another name, a bad TCK', () => {
    assert.equal(
      classifyReader({ name: 'Microsoft Virtual Smart Card 0', atr: YUBIKEY_ATR }).kind,
      'unknown',
    );
    assert.equal(
      classifyReader({
        name: 'Microsoft Virtual Smart Card 0',
        atr: VSC_ATR,
        winrtKind: WinRtReaderKind.Generic,
      }).kind,
      'unknown',
    );
    assert.equal(classifyReader({ name: 'Virtual PCD 00 00', atr: VSC_ATR }).kind, 'unknown');
    const badTck = Uint8Array.from(VSC_ATR);
    badTck[16] = (badTck[16] ?? 0) ^ 1;
    assert.equal(isGidsVirtualAtr(badTck), false);
  });
  test('WindowsReaders joins PC/SC readers with WinRT kinds by name', async () => {
    const fake = new FakeWindows({
      readerKinds: { 'Microsoft Virtual Smart Card 0': 2, 'Windows Hello for Business 1': 2 },
    });
    const readers = await new WindowsReaders(fake, async () => [
      { name: 'Microsoft Virtual Smart Card 0', atr: VSC_ATR },
      { name: 'Windows Hello for Business 1', atr: VSC_ATR },
      { name: 'Generic USB Reader 0' },
    ]).readers();
    assert.deepEqual(
      readers.map((r) => [r.name, r.winrtKind, classifyReader(r).kind]),
      [
        ['Microsoft Virtual Smart Card 0', 2, 'tpm-virtual'],
        ['Windows Hello for Business 1', 2, 'windows-hello'],
        ['Generic USB Reader 0', undefined, 'physical'],
      ],
    );
  });
});

describe('virtual card manager requests', () => {
  test('tpmvscmgr arguments are fixed words plus the validated name', () => {
    assert.deepEqual(
      createArguments(validateCreateRequest({ name: 'Alice VSC', pin: 'default', adminKey: 'random' })),
      ['create', '/name', 'Alice VSC', '/AdminKey', 'RANDOM', '/PIN', 'DEFAULT', '/generate'],
    );
    assert.deepEqual(
      createArguments(
        validateCreateRequest({
          name: 'x',
          pin: 'default',
          adminKey: 'default',
          puk: 'default',
          generate: false,
        }),
      ),
      ['create', '/name', 'x', '/AdminKey', 'DEFAULT', '/PIN', 'DEFAULT', '/PUK', 'DEFAULT'],
    );
  });
  for (const bad of [
    { name: 'a" /AdminKey DEFAULT', pin: 'default', adminKey: 'random' },
    { name: 'a&calc', pin: 'default', adminKey: 'random' },
    { name: ' lead', pin: 'default', adminKey: 'random' },
    { name: 'x'.repeat(65), pin: 'default', adminKey: 'random' },
    { name: 'ok', pin: '12345678', adminKey: 'random' },
    { name: 'ok', pin: 'default', adminKey: '010203' },
    { name: 'ok', pin: 'default', adminKey: 'random', machine: 'evil' },
    'create',
  ]) {
    test(`refused: ${JSON.stringify(bad).slice(0, 60)}`, () => {
      assert.throws(
        () => validateCreateRequest(bad),
        (e) => code(e) === 'VSC_REQUEST_INVALID',
      );
    });
  }
  test('instance ids are exactly ROOT\\SMARTCARDREADER\\nnnn', () => {
    assert.equal(validateInstanceId('ROOT\\SMARTCARDREADER\\0003'), 'ROOT\\SMARTCARDREADER\\0003');
    for (const bad of [
      'ROOT\\SMARTCARDREADER\\3',
      'USB\\VID_1050\\0001',
      'ROOT\\SMARTCARDREADER\\0003 /machine x',
    ])
      assert.throws(
        () => validateInstanceId(bad),
        (e) => code(e) === 'VSC_REQUEST_INVALID',
      );
  });
  test('tpmvscmgr failures map to catalog codes', () => {
    const r = (stdout: string) => ({ exitCode: 1, stdout, stderr: '' });
    assert.equal(classifyFailure('create', r(TPMVSCMGR_FAILED.accessDenied)), 'VSC_ADMIN_REQUIRED');
    assert.equal(classifyFailure('create', r(TPMVSCMGR_FAILED.remoteSession)), 'VSC_REMOTE_SESSION');
    assert.equal(classifyFailure('create', r(TPMVSCMGR_FAILED.readerLimit)), 'VSC_READER_LIMIT');
    assert.equal(classifyFailure('create', r(TPMVSCMGR_FAILED.tpmNotReady)), 'TPM_NOT_READY');
    assert.equal(classifyFailure('create', r('something else')), 'VSC_CREATE_FAILED');
    assert.equal(classifyFailure('destroy', r(TPMVSCMGR_FAILED.destroyNotFound)), 'VSC_NOT_FOUND');
    assert.equal(
      classifyFailure('create', { exitCode: 0x800704c7 | 0, stdout: '', stderr: '' }),
      'VSC_ELEVATION_REFUSED',
    );
  });
});

describe('elevation boundary', () => {
  const request = { name: 'Alice VSC', pin: 'default', adminKey: 'default' } as const;
  test('helper outcomes travel in the exit code both ways', () => {
    for (const o of [
      { ok: true, instanceId: 'ROOT\\SMARTCARDREADER\\0007' },
      { ok: false, code: 'VSC_REMOTE_SESSION', details: {} },
    ] as const) {
      const back = decodeOutcome('create', encodeOutcome(o));
      assert.equal(back.ok, o.ok);
      if (o.ok && back.ok) assert.equal(back.instanceId, o.instanceId);
      if (!o.ok && !back.ok) assert.equal(back.code, o.code);
    }
  });
  test('the helper refuses anything but a well-formed create/destroy and never runs tpmvscmgr for it', async () => {
    const fake = new FakeWindows();
    const refused = encodeOutcome({ ok: false, code: 'VSC_REQUEST_INVALID', details: {} });
    for (const argv of [
      [],
      ['not base64!'],
      [encodeOperation({ kind: 'create', request: { ...request, name: 'x" & calc' } })],
      [Buffer.from(JSON.stringify({ kind: 'run', cmd: 'cmd.exe' })).toString('base64url')],
      [
        Buffer.from(
          JSON.stringify({ kind: 'destroy', instanceId: 'ROOT\\SMARTCARDREADER\\0000', extra: 1 }),
        ).toString('base64url'),
      ],
      ['a', 'b'],
    ]) {
      assert.equal(await helperMain(argv, fake), refused, JSON.stringify(argv));
    }
    assert.equal(fake.calls.length, 0);
  });
  test('a declined UAC prompt is VSC_ELEVATION_REFUSED and nothing is created', async () => {
    const fake = new FakeWindows({ uac: 'decline' });
    const vsc = new TpmVscManager(
      new ElevatedLauncher(fake, {
        nodePath: 'C:\\Program Files\\Station\\node.exe',
        helperPath: 'C:\\Program Files\\Station\\vsc-helper.js',
      }),
    );
    await assert.rejects(vsc.create(request), (e) => code(e) === 'VSC_ELEVATION_REFUSED');
    assert.equal(fake.cards.size, 0);
  });
  test('helper paths that could smuggle PowerShell are refused', () => {
    assert.throws(
      () => new ElevatedLauncher(new FakeWindows(), { nodePath: "C:\\x'; calc; '", helperPath: 'C:\\h.js' }),
      (e) => code(e) === 'VSC_REQUEST_INVALID',
    );
  });
  test('tpmvscmgr refusals through the elevated helper keep their meaning', async () => {
    const fake = new FakeWindows({ tpmvscmgr: 'remoteSession' });
    const vsc = new TpmVscManager(
      new ElevatedLauncher(fake, { nodePath: 'C:\\S\\node.exe', helperPath: 'C:\\S\\vsc-helper.js' }),
    );
    await assert.rejects(vsc.create(request), (e) => code(e) === 'VSC_REMOTE_SESSION');
  });
});
