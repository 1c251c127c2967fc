// The proxy rules diagnose applies to the station's environment (curl's and Chromium-on-Linux's
// reading of https_proxy / HTTPS_PROXY / no_proxy / NO_PROXY), and the server-certificate
// classification against real certificates made by openssl.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { classify, proxyFor } from '../../core/ca/probe.ts';
import { issue, makeCa, openssl } from '../support/test-ca.ts';
import { tempDir } from '../support/tools.ts';

const CA = new URL('https://ca01.corp.example/certsrv/');

describe('proxyFor', () => {
  it('takes https_proxy before HTTPS_PROXY, adds http:// to a bare host:port, and ignores an empty value', () => {
    assert.equal(
      proxyFor({ https_proxy: 'http://a:3128', HTTPS_PROXY: 'http://b:8080' }, CA)?.host,
      'a:3128',
    );
    assert.equal(
      proxyFor({ HTTPS_PROXY: 'proxy.corp.example:8080' }, CA)?.href,
      'http://proxy.corp.example:8080/',
    );
    assert.equal(proxyFor({ HTTPS_PROXY: '' }, CA), undefined);
    assert.equal(proxyFor({}, CA), undefined);
  });

  it('NO_PROXY: the host, a parent domain with or without the dot or star, *, a matching port only', () => {
    const p = { HTTPS_PROXY: 'http://proxy:3128' };
    for (const noProxy of [
      'ca01.corp.example',
      'corp.example',
      '.corp.example',
      '*.corp.example',
      '*',
      'x.org, CORP.EXAMPLE',
      'ca01.corp.example:443',
    ])
      assert.equal(proxyFor({ ...p, NO_PROXY: noProxy }, CA), undefined, noProxy);
    for (const noProxy of ['other.example', 'example.corp', 'ca01.corp.example:8443', 'orp.example'])
      assert.ok(proxyFor({ ...p, no_proxy: noProxy }, CA), noProxy);
    const v6 = new URL('https://[::1]:8443/');
    for (const noProxy of ['::1', '[::1]', '[::1]:8443'])
      assert.equal(proxyFor({ ...p, NO_PROXY: noProxy }, v6), undefined);
    assert.ok(proxyFor({ ...p, NO_PROXY: '[::1]:443' }, v6));
  });
});

describe('classify', () => {
  const dir = tempDir('station-probe-');
  const ca = makeCa(dir.path, 'probe-ca');
  const leaf = (id: string, san: string, start?: string, end?: string): X509Certificate =>
    new X509Certificate(
      issue(ca, {
        id,
        subject: `/CN=${id}`,
        extensions: [`subjectAltName = ${san}`],
        ...(start === undefined ? {} : { startDate: start }),
        ...(end === undefined ? {} : { endDate: end }),
      }).certPem,
    );

  it('names self-signed, wrong name, untrusted issuer, expired and not yet valid from the handshake result', () => {
    const key = dir.file('self.key');
    const cert = dir.file('self.pem');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-subj',
      '/CN=iis',
      '-days',
      '2',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
    const self = new X509Certificate(readFileSync(cert));
    assert.equal(
      classify(self, 'ca01.corp.example', false, 'DEPTH_ZERO_SELF_SIGNED_CERT').state,
      'self-signed',
    );
    const good = leaf('web', 'DNS:ca01.corp.example, IP:127.0.0.1');
    assert.equal(classify(good, 'ca01.corp.example', true, undefined).state, 'trusted');
    assert.equal(classify(good, '127.0.0.1', true, undefined).state, 'trusted');
    assert.deepEqual(
      good && classify(good, 'ca02.corp.example', false, 'ERR_TLS_CERT_ALTNAME_INVALID').state,
      'wrong-name',
    );
    assert.equal(
      classify(good, 'ca01.corp.example', false, 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY').state,
      'untrusted-issuer',
    );
    assert.deepEqual(classify(good, 'ca01.corp.example', true, undefined).names, [
      'ca01.corp.example',
      '127.0.0.1',
    ]);
    assert.equal(classify(good, 'ca01.corp.example', true, undefined).issuer, 'probe-ca');
    const old = leaf('old', 'DNS:ca01.corp.example', '20200101000000Z', '20210101000000Z');
    assert.equal(classify(old, 'ca01.corp.example', false, 'CERT_HAS_EXPIRED').state, 'expired');
    const future = leaf('future', 'DNS:ca01.corp.example', '20990101000000Z', '20991231000000Z');
    assert.equal(classify(future, 'ca01.corp.example', false, 'CERT_NOT_YET_VALID').state, 'not-yet-valid');
    dir.remove();
  });
});
