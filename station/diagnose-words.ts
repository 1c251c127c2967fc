// What each diagnose finding says, by its id and facts, in one language: what was checked, what
// was found and, when it failed, what to do. The CLI (`station diagnose --lang`) and the kiosk's
// diagnostics screen both print these, so they say the same thing in each language. A check that
// failed because of an error (the CA connection, the smart-card service) shows that error through
// explainCode, so diagnose and the failing command say the same thing too.
import { explainCode } from '../core/errors/explain.ts';
import type { Surface } from '../core/errors/entry.ts';
import { t, type Language, type MessageKey, type MessageValues } from '../core/i18n/index.ts';
import type { Finding, FindingId } from './diagnose.ts';

export interface FindingWords {
  readonly id: FindingId;
  readonly ok: boolean;
  /** what was checked */
  readonly check: string;
  /** what was found (with the error's message when an error made the check fail) */
  readonly detail: string;
  /** what to do; only for a failed check */
  readonly resolution?: string;
  /** the error code (and transport failure) behind a failed check */
  readonly code?: string;
}

interface Words {
  readonly check: string;
  readonly detail: string;
  readonly resolution?: string;
}

/** Checks whose failure is an error the catalog explains better than the check's own words. */
const EXPLAINED_BY_ERROR: ReadonlySet<FindingId> = new Set(['config', 'ca-reachable', 'pcsc']);

const SERVER_CERT: Readonly<Record<string, readonly [MessageKey, MessageKey | undefined]>> = {
  trusted: ['diagnose.serverCert.trusted', undefined],
  'self-signed': ['diagnose.serverCert.selfSigned', 'diagnose.serverCert.resolution.selfSigned'],
  'wrong-name': ['diagnose.serverCert.wrongName', 'diagnose.serverCert.resolution.wrongName'],
  expired: ['diagnose.serverCert.expired', 'diagnose.serverCert.resolution.expired'],
  'not-yet-valid': ['diagnose.serverCert.notYetValid', 'diagnose.clock.resolution'],
  'untrusted-issuer': [
    'diagnose.serverCert.untrustedIssuer',
    'diagnose.serverCert.resolution.untrustedIssuer',
  ],
};

const PROXY: Readonly<Record<string, MessageKey>> = {
  'passes-through': 'diagnose.proxy.passes',
  unreachable: 'diagnose.proxy.unreachable',
  refused: 'diagnose.proxy.refused',
  'tunnel-failed': 'diagnose.proxy.tunnelFailed',
  intercepting: 'diagnose.proxy.intercepting',
};

function wordsOf(f: Finding, lang: Language, agentTemplate: string): Words {
  const say = (key: MessageKey, values: MessageValues = {}): string => t(key, lang, values);
  const fact = (k: string): string => String(f.facts[k] ?? '');
  const list = (value: string, none: MessageKey): string =>
    value === '' || value === '-' ? say(none) : value;
  const date = (k: string): string => fact(k).slice(0, 10);
  switch (f.id) {
    case 'config':
      return {
        check: say('diagnose.config.check'),
        detail: '',
        resolution: say('diagnose.config.resolution'),
      };
    case 'dns':
      return {
        check: say('diagnose.dns.check'),
        detail: f.ok
          ? say('diagnose.dns.ok', { host: fact('host'), addresses: fact('addresses') })
          : say('diagnose.dns.failed', { host: fact('host'), error: fact('error') }),
        resolution: say('diagnose.dns.resolution', { host: fact('host') }),
      };
    case 'proxy':
      return {
        check: say('diagnose.proxy.check'),
        detail: say(PROXY[fact('state')] ?? 'diagnose.proxy.tunnelFailed', {
          proxy: fact('proxy'),
          error: fact('error'),
          status: fact('status'),
          subject: fact('subject'),
          issuer: fact('issuer'),
        }),
        resolution: say('diagnose.proxy.resolution'),
      };
    case 'ca-reachable':
      return {
        check: say('diagnose.ca.check'),
        detail: fact('url'),
        resolution: say('diagnose.ca.failed.resolution'),
      };
    case 'server-certificate': {
      const [detail, resolution] = SERVER_CERT[fact('state')] ?? SERVER_CERT['untrusted-issuer'] ?? [];
      const values = {
        host: fact('host'),
        issuer: fact('issuer'),
        subject: fact('subject'),
        names: list(fact('names'), 'diagnose.template.none'),
        date: date('notAfter'),
      };
      return {
        check: say('diagnose.serverCert.check'),
        detail: detail === undefined ? '' : say(detail, values),
        ...(resolution === undefined ? {} : { resolution: say(resolution, values) }),
      };
    }
    case 'credentials': {
      const [kind, user = ''] = fact('account').split(' ');
      return {
        check: say('diagnose.credentials.check'),
        detail:
          kind === 'ntlm'
            ? say('diagnose.credentials.ntlm', { user })
            : kind === 'basic'
              ? say('diagnose.credentials.basic', { user })
              : say('diagnose.credentials.clientCertificate'),
      };
    }
    case 'sign-in-name':
      return {
        check: say('diagnose.signInName.check'),
        detail: f.ok
          ? say('diagnose.signInName.ok', { upn: fact('upn') })
          : say('diagnose.signInName.refused', { upn: fact('upn') }),
        resolution: say('diagnose.signInName.resolution'),
      };
    case 'extended-protection': {
      const state = fact('state');
      return {
        check: say('diagnose.epa.check'),
        detail:
          state === 'enforced'
            ? say('diagnose.epa.enforced')
            : state === 'not-enforced'
              ? say('diagnose.epa.notEnforced')
              : say('diagnose.epa.probeFailed', { code: f.code ?? '' }),
        resolution: say('diagnose.epa.resolution'),
      };
    }
    case 'clock':
      return {
        check: say('diagnose.clock.check'),
        detail:
          f.facts.skewSeconds === undefined
            ? say('diagnose.clock.ok', { seconds: fact('limitSeconds') })
            : say('diagnose.clock.off', { seconds: fact('skewSeconds') }),
        resolution: say('diagnose.clock.resolution'),
      };
    case 'template':
      return {
        check: say('diagnose.template.check', { template: fact('template') }),
        detail: f.ok
          ? say('diagnose.template.offered')
          : say('diagnose.template.notOffered', { offered: list(fact('offered'), 'diagnose.template.none') }),
        resolution: say('diagnose.template.resolution'),
      };
    case 'pcsc':
      return { check: say('diagnose.pcsc.check'), detail: '', resolution: say('diagnose.pcsc.resolution') };
    case 'readers': {
      const withCard = new Set(fact('withCard').split(', '));
      const names = fact('readers')
        .split(', ')
        .filter((r) => r !== '' && r !== '-');
      return {
        check: say('diagnose.readers.check'),
        detail:
          names.length === 0
            ? say('diagnose.readers.none')
            : names
                .map((r) => (withCard.has(r) ? say('diagnose.readers.withCard', { reader: r }) : r))
                .join(', '),
        resolution: say('diagnose.readers.resolution'),
      };
    }
    case 'card': {
      const state = fact('state');
      return {
        check: say('diagnose.card.check', { reader: fact('reader') }),
        detail:
          state === 'present'
            ? say('diagnose.card.present')
            : state === 'empty'
              ? say('diagnose.card.absent')
              : say('diagnose.card.noReader'),
        resolution: say('diagnose.card.resolution'),
      };
    }
    case 'agent-certificate': {
      const state = fact('state');
      const values = { upn: fact('upn'), date: date('notAfter'), days: Number(f.facts.days ?? 0) };
      return {
        check: say('diagnose.agent.check', { reader: fact('reader') }),
        detail:
          state === 'expired'
            ? say('diagnose.agent.expired', values)
            : state === 'expiring'
              ? say('diagnose.agent.expiring', values)
              : say('diagnose.agent.valid', values),
        resolution: say('diagnose.agent.resolution', { template: agentTemplate }),
      };
    }
  }
}

/**
 * The words of one finding in `lang` for `surface`. `agentTemplate` names the template an expiring
 * operator card is renewed from (the station's ca.agentTemplate).
 */
export function describeFinding(
  f: Finding,
  lang: Language,
  surface: Surface,
  agentTemplate: string,
): FindingWords {
  const w = wordsOf(f, lang, agentTemplate);
  const error =
    f.code === undefined || !EXPLAINED_BY_ERROR.has(f.id)
      ? undefined
      : explainCode(f.code.split(':')[0] as string, {}, lang, surface);
  const detail = [w.detail, error?.message].filter((x) => x !== undefined && x !== '').join(' ');
  const resolution = error?.resolution ?? w.resolution;
  return {
    id: f.id,
    ok: f.ok,
    check: w.check,
    detail,
    ...(f.ok || resolution === undefined ? {} : { resolution }),
    ...(f.code === undefined ? {} : { code: f.code }),
  };
}
