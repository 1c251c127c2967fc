// The NTLM client codec against published answers: MS-NLMP 4.2.4 (NTLMv2 with User / Domain /
// Password, server challenge 0123456789abcdef, client challenge aaaaaaaaaaaaaaaa, time 0) and
// RFC 5929 tls-server-end-point hashes computed by openssl. Hostile CHALLENGE bytes must end in an
// NtlmError, never in another exception.
import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import {
  channelBindingHash,
  endPointHashAlgorithm,
  gssChannelBindings,
  tlsServerEndPoint,
} from '../../core/ca/ntlm/channel-binding.ts';
import { NtlmClientHandshake, NtlmCredentials } from '../../core/ca/ntlm/client.ts';
import { challengeToken, offersNtlm } from '../../core/ca/ntlm/http.ts';
import {
  AvId,
  decodeAvPairs,
  decodeChallenge,
  encodeNegotiate,
  Flag,
  NtlmError,
} from '../../core/ca/ntlm/messages.ts';
import {
  clientBlob,
  fileTime,
  lmv2Response,
  ntHash,
  ntlmv2Response,
  ntowfv2,
} from '../../core/ca/ntlm/ntlmv2.ts';
import { openssl, opensslBytes, tempDir } from '../pki/openssl.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

// MS-NLMP 4.2.4.3: the CHALLENGE_MESSAGE of the NTLMv2 example.
const SPEC_CHALLENGE =
  '4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef' +
  '00000000000000002400240044000000060070170000000f5300650072007600' +
  '6500720002000c0044006f006d00610069006e0001000c005300650072007600' +
  '6500720000000000';
// MS-NLMP 4.2.4.1.3: the AV pairs (MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", EOL).
const SPEC_TARGET_INFO = '02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000';
const SERVER_CHALLENGE = bytes('0123456789abcdef');
const CLIENT_CHALLENGE = bytes('aaaaaaaaaaaaaaaa');
const TIME_ZERO = new Uint8Array(8);

describe('NTLMv2 known answers (MS-NLMP 4.2.4)', () => {
  it('NT hash of "Password" (MD4 via hash-wasm; OpenSSL 3 has none)', async () => {
    assert.equal(hex(await ntHash('Password')), 'a4f49c406510bdcab6824ee7c30fd852');
  });

  it('NTOWFv2 (4.2.4.1.1): upper-cases the user, keeps the domain as given', async () => {
    const nt = await ntHash('Password');
    assert.equal(hex(ntowfv2(nt, 'User', 'Domain')), '0c868a403bfd7a93a3001ef22ef02e3f');
    assert.equal(hex(ntowfv2(nt, 'user', 'Domain')), '0c868a403bfd7a93a3001ef22ef02e3f');
    assert.notEqual(hex(ntowfv2(nt, 'User', 'DOMAIN')), '0c868a403bfd7a93a3001ef22ef02e3f');
  });

  it('LMv2 response (4.2.4.2.1)', () => {
    const key = bytes('0c868a403bfd7a93a3001ef22ef02e3f');
    assert.equal(
      hex(lmv2Response(key, SERVER_CHALLENGE, CLIENT_CHALLENGE)),
      '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa',
    );
  });

  it('temp (4.2.4.1.3), NTProofStr (4.2.4.2.2) and SessionBaseKey (4.2.4.1.2)', () => {
    const key = bytes('0c868a403bfd7a93a3001ef22ef02e3f');
    const temp = clientBlob(TIME_ZERO, CLIENT_CHALLENGE, bytes(SPEC_TARGET_INFO));
    assert.equal(
      hex(temp),
      '01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000' + SPEC_TARGET_INFO + '00000000',
    );
    const r = ntlmv2Response(key, SERVER_CHALLENGE, temp);
    assert.equal(hex(r.ntProofStr), '68cd0ab851e51c96aabc927bebef6a1c');
    assert.equal(hex(r.sessionBaseKey), '8de40ccadbc14a82f15cb0ad0de95ca3');
    assert.equal(hex(r.ntChallengeResponse), '68cd0ab851e51c96aabc927bebef6a1c' + hex(temp));
  });

  it('decodes the 4.2.4.3 CHALLENGE field by field', () => {
    const c = decodeChallenge(bytes(SPEC_CHALLENGE));
    assert.equal(c.flags >>> 0, 0xe28a8233);
    assert.equal(hex(c.serverChallenge), '0123456789abcdef');
    assert.equal(c.targetName, 'Server');
    assert.deepEqual(
      c.targetInfo.map((p) => [p.id, Buffer.from(p.value).toString('utf16le')]),
      [
        [AvId.NbDomainName, 'Domain'],
        [AvId.NbComputerName, 'Server'],
      ],
    );
  });

  it('FILETIME: 0 at 1601-01-01, 116444736000000000 at the Unix epoch', () => {
    assert.equal(hex(fileTime(new Date(-11_644_473_600_000))), '0000000000000000');
    assert.equal(Buffer.from(fileTime(new Date(0))).readBigUInt64LE(), 116_444_736_000_000_000n);
  });
});

/** Reads an AUTHENTICATE (Len, MaxLen, Offset) field, for checking what the client wrote. */
function field(m: Buffer, at: number): Buffer {
  return m.subarray(m.readUInt32LE(at + 4), m.readUInt32LE(at + 4) + m.readUInt16LE(at));
}

describe('AUTHENTICATE built for the 4.2.4.3 CHALLENGE', () => {
  const credentials = new NtlmCredentials('Domain', 'User', 'Password');
  const cbt = bytes('00112233445566778899aabbccddeeff');

  it('carries the spec LMv2 (no MsvAvTimestamp), Unicode names, the added AV pairs and a MIC', async () => {
    const handshake = new NtlmClientHandshake(credentials);
    const msg = Buffer.from(
      await handshake.authenticate(bytes(SPEC_CHALLENGE), {
        clientChallenge: CLIENT_CHALLENGE,
        now: () => new Date(-11_644_473_600_000),
        channelBinding: cbt,
        targetName: 'HTTP/ca.corp.example',
      }),
    );
    assert.equal(msg.subarray(0, 8).toString('latin1'), 'NTLMSSP\0');
    assert.equal(msg.readUInt32LE(8), 3);
    assert.equal(hex(field(msg, 12)), '86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa');
    assert.equal(field(msg, 28).toString('utf16le'), 'Domain');
    assert.equal(field(msg, 36).toString('utf16le'), 'User');
    assert.equal(field(msg, 52).length, 0, 'no EncryptedRandomSessionKey');
    const flags = msg.readUInt32LE(60);
    assert.equal(flags & Flag.KEY_EXCH, 0, 'KEY_EXCH is never agreed');
    assert.equal(flags & (Flag.SIGN | Flag.SEAL), 0);
    assert.ok(flags & Flag.UNICODE);

    const nt = field(msg, 20);
    const temp = nt.subarray(16);
    assert.equal(hex(temp.subarray(0, 28)), '01010000000000000000000000000000aaaaaaaaaaaaaaaa00000000');
    const pairs = decodeAvPairs(temp.subarray(28, temp.length - 4));
    assert.deepEqual(
      pairs.map((p) => p.id),
      [AvId.NbDomainName, AvId.NbComputerName, AvId.Flags, AvId.ChannelBindings, AvId.TargetName],
    );
    assert.equal(Buffer.from(pairs[2]?.value ?? []).readUInt32LE(0), 2, 'MsvAvFlags: MIC present');
    assert.equal(hex(pairs[3]?.value ?? new Uint8Array()), hex(cbt));
    assert.equal(Buffer.from(pairs[4]?.value ?? []).toString('utf16le'), 'HTTP/ca.corp.example');

    // NTProofStr and MIC recomputed here from the spec key with node:crypto alone
    const key = Buffer.from('0c868a403bfd7a93a3001ef22ef02e3f', 'hex');
    const proof = createHmac('md5', key).update(SERVER_CHALLENGE).update(temp).digest();
    assert.equal(hex(nt.subarray(0, 16)), hex(proof));
    const sessionBaseKey = createHmac('md5', key).update(proof).digest();
    const zeroed = Buffer.from(msg);
    zeroed.fill(0, 72, 88);
    const mic = createHmac('md5', sessionBaseKey)
      .update(handshake.negotiate)
      .update(bytes(SPEC_CHALLENGE))
      .update(zeroed)
      .digest();
    assert.equal(hex(msg.subarray(72, 88)), hex(mic));
  });

  it('uses the server MsvAvTimestamp and then sends Z(24) as the LM response', async () => {
    const c = Buffer.from(SPEC_CHALLENGE, 'hex');
    // rebuild the target info with an MsvAvTimestamp before EOL
    const stamp = Buffer.from('0090d336b734d601', 'hex');
    const info = Buffer.concat([
      Buffer.from(SPEC_TARGET_INFO.slice(0, -8), 'hex'),
      Buffer.from([7, 0, 8, 0]),
      stamp,
      Buffer.alloc(4),
    ]);
    const head = Buffer.from(c.subarray(0, 0x44));
    head.writeUInt16LE(info.length, 40);
    head.writeUInt16LE(info.length, 42);
    const msg = Buffer.from(
      await new NtlmClientHandshake(credentials).authenticate(Buffer.concat([head, info]), {
        clientChallenge: CLIENT_CHALLENGE,
      }),
    );
    assert.equal(hex(field(msg, 12)), '00'.repeat(24));
    const temp = field(msg, 20).subarray(16);
    assert.equal(hex(temp.subarray(8, 16)), hex(stamp));
  });

  it('NEGOTIATE asks for NTLMv2 essentials and no KEY_EXCH, SIGN or SEAL', () => {
    const n = Buffer.from(encodeNegotiate());
    assert.equal(n.readUInt32LE(8), 1);
    const flags = n.readUInt32LE(12);
    for (const f of [Flag.UNICODE, Flag.NTLM, Flag.EXTENDED_SESSIONSECURITY, Flag.REQUEST_TARGET])
      assert.ok(flags & f);
    assert.equal(flags & (Flag.KEY_EXCH | Flag.SIGN | Flag.SEAL | Flag.OEM), 0);
  });

  it('the password is not kept and not printed', () => {
    const c = new NtlmCredentials('CORP', 'alice', 'Sup3r-Secret!');
    const shown = `${String(c)} ${JSON.stringify({ c })} ${JSON.stringify(Object.entries(c))}`;
    assert.doesNotMatch(shown, /Sup3r-Secret/);
  });
});

describe('hostile CHALLENGE messages end in NtlmError', () => {
  const spec = (): Buffer => Buffer.from(SPEC_CHALLENGE, 'hex');
  const cases: Array<[string, () => Uint8Array]> = [
    ['empty', () => new Uint8Array(0)],
    ['truncated header', () => spec().subarray(0, 40)],
    ['truncated target info', () => spec().subarray(0, spec().length - 10)],
    ['bad signature', () => Object.assign(spec(), { 0: 0x4f })],
    [
      'message type 1',
      () => {
        const b = spec();
        b.writeUInt32LE(1, 8);
        return b;
      },
    ],
    [
      'target info offset past the end',
      () => {
        const b = spec();
        b.writeUInt32LE(0xffff_fff0, 44);
        return b;
      },
    ],
    [
      'target info inside the header',
      () => {
        const b = spec();
        b.writeUInt32LE(8, 44);
        return b;
      },
    ],
    [
      'AV pair longer than target info',
      () => {
        const b = spec();
        b.writeUInt16LE(0x4000, 0x44 + 2);
        return b;
      },
    ],
    [
      'no MsvAvEOL',
      () => {
        const b = spec();
        b.writeUInt16LE(0x24 - 4, 40);
        return b.subarray(0, b.length - 4);
      },
    ],
    [
      'OEM only',
      () => {
        const b = spec();
        b.writeUInt32LE((b.readUInt32LE(20) & ~Flag.UNICODE) >>> 0, 20);
        return b;
      },
    ],
    ['oversized', () => Buffer.concat([spec(), Buffer.alloc(9000)])],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      assert.throws(
        () => decodeChallenge(make()),
        (e: unknown) => e instanceof NtlmError,
      );
    });
  }

  it('MsvAvTimestamp of the wrong size and duplicate pairs', () => {
    assert.throws(() => decodeAvPairs(bytes('07000400000000000000' + '00000000')), NtlmError);
    assert.throws(() => decodeAvPairs(bytes('0100020041000100020041000000' + '0000')), NtlmError);
  });

  it('5000 random mutations: an NtlmError or a valid decode, nothing else', async () => {
    const handshake = new NtlmClientHandshake(new NtlmCredentials('CORP', 'alice', 'pw'));
    const base = spec();
    for (let i = 0; i < 5000; i++) {
      const m = Buffer.from(base);
      const flips = 1 + (i % 4);
      for (let k = 0; k < flips; k++) m[randomBytes(1)[0]! % m.length] = randomBytes(1)[0]!;
      const cut = i % 7 === 0 ? m.subarray(0, randomBytes(1)[0]! % m.length) : m;
      try {
        await handshake.authenticate(cut);
      } catch (e) {
        assert.ok(e instanceof NtlmError, `mutation ${i} threw ${String(e)}`);
      }
    }
  });

  it('WWW-Authenticate parsing: token found among schemes; bad base64 refused', () => {
    assert.equal(challengeToken(['Negotiate', 'NTLM']), undefined);
    assert.ok(offersNtlm(['Negotiate, NTLM']));
    assert.ok(!offersNtlm(['Basic realm="x"', 'Negotiate']));
    assert.equal(
      hex(
        challengeToken(['Negotiate', `NTLM ${Buffer.from(SPEC_CHALLENGE, 'hex').toString('base64')}`]) ??
          new Uint8Array(),
      ),
      SPEC_CHALLENGE,
    );
    assert.throws(() => challengeToken(['NTLM TlRM$$$$']), NtlmError);
    assert.throws(() => challengeToken([`NTLM ${'A'.repeat(20000)}`]), NtlmError);
  });
});

describe('RFC 5929 tls-server-end-point', () => {
  const tmp = tempDir('ntlm-cbt-');
  after(() => tmp.remove());

  function selfSigned(digest: string, keyAlg: string[]): Uint8Array {
    const key = tmp.file(`${digest}.key`, '');
    opensslBytes(['genpkey', ...keyAlg, '-out', key]);
    return opensslBytes([
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      `-${digest}`,
      '-subj',
      '/CN=ca.corp.example',
      '-days',
      '2',
      '-outform',
      'DER',
    ]);
  }

  const openSslHash = (der: Uint8Array, digest: string): string =>
    Buffer.from(opensslBytes(['dgst', `-${digest}`, '-binary'], der)).toString('hex');

  it('a SHA-256-signed certificate binds with SHA-256', () => {
    const der = selfSigned('sha256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    assert.equal(endPointHashAlgorithm(der), 'sha256');
    const appData = tlsServerEndPoint(der);
    assert.equal(Buffer.from(appData).toString('latin1').slice(0, 21), 'tls-server-end-point:', 'prefix');
    assert.equal(hex(appData.subarray(21)), openSslHash(der, 'sha256'));
  });

  it('a SHA-1-signed certificate binds with SHA-256 (RFC 5929 §4.1)', () => {
    const der = selfSigned('sha1', ['-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048']);
    assert.match(
      openssl(['x509', '-inform', 'DER', '-noout', '-text'], der),
      /Signature Algorithm: sha1WithRSAEncryption/,
    );
    assert.equal(endPointHashAlgorithm(der), 'sha256');
    assert.equal(hex(tlsServerEndPoint(der).subarray(21)), openSslHash(der, 'sha256'));
  });

  it('a SHA-384-signed certificate binds with SHA-384', () => {
    const der = selfSigned('sha384', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384']);
    assert.equal(hex(tlsServerEndPoint(der).subarray(21)), openSslHash(der, 'sha384'));
  });

  it('an Ed25519 certificate has no defined binding: a clear error, not a guess', () => {
    const key = tmp.file('ed.key', '');
    opensslBytes(['genpkey', '-algorithm', 'ED25519', '-out', key]);
    const der = opensslBytes(['req', '-x509', '-new', '-key', key, '-subj', '/CN=x', '-outform', 'DER']);
    assert.throws(() => channelBindingHash(der), NtlmError);
  });

  it('the AV pair value is MD5 over the gss_channel_bindings_struct', () => {
    const der = selfSigned('sha256', ['-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const struct = gssChannelBindings(tlsServerEndPoint(der));
    assert.equal(hex(struct.subarray(0, 16)), '00'.repeat(16));
    assert.equal(Buffer.from(struct).readUInt32LE(16), 21 + 32);
    assert.equal(hex(channelBindingHash(der)), createHash('md5').update(struct).digest('hex'));
  });
});
