// `station diagnose`: each check with ok or FAIL and, when failed, what to do. The words are the
// catalog's (core/i18n/diagnose.ts); a check that failed because of an error shows that error's
// message and resolution (explainCode), so diagnose and the failing command say the same thing.
import { explainCode } from '../../core/errors/explain.ts';
import type { Finding } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, say, type Output } from '../output.ts';
import type { MessageKey } from '../../core/i18n/index.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

interface Words {
  readonly check: string;
  readonly detail: string;
  readonly resolution?: string;
}

const fact = (f: Finding, k: string): string => String(f.facts[k] ?? '');
const list = (out: Output, value: string, none: MessageKey): string =>
  value === '' || value === '-' ? say(out, none) : value;

/** What each finding says, by its id and facts. */
function wordsOf(out: Output, f: Finding): Words {
  switch (f.id) {
    case 'config':
      return {
        check: say(out, 'diagnose.config.check'),
        detail: '',
        resolution: say(out, 'diagnose.config.resolution'),
      };
    case 'ca-reachable':
      return {
        check: say(out, 'diagnose.ca.check'),
        detail: fact(f, 'url'),
        resolution: say(out, 'diagnose.ca.failed.resolution'),
      };
    case 'credentials': {
      const [kind, user = ''] = fact(f, 'account').split(' ');
      return {
        check: say(out, 'diagnose.credentials.check'),
        detail:
          kind === 'ntlm'
            ? say(out, 'diagnose.credentials.ntlm', { user })
            : kind === 'basic'
              ? say(out, 'diagnose.credentials.basic', { user })
              : say(out, 'diagnose.credentials.clientCertificate'),
      };
    }
    case 'extended-protection': {
      const state = fact(f, 'state');
      return {
        check: say(out, 'diagnose.epa.check'),
        detail:
          state === 'enforced'
            ? say(out, 'diagnose.epa.enforced')
            : state === 'not-enforced'
              ? say(out, 'diagnose.epa.notEnforced')
              : say(out, 'diagnose.epa.probeFailed', { code: f.code ?? '' }),
        resolution: say(out, 'diagnose.epa.resolution'),
      };
    }
    case 'clock':
      return {
        check: say(out, 'diagnose.clock.check'),
        detail:
          f.facts.skewSeconds === undefined
            ? say(out, 'diagnose.clock.ok', { seconds: fact(f, 'limitSeconds') })
            : say(out, 'diagnose.clock.off', { seconds: fact(f, 'skewSeconds') }),
        resolution: say(out, 'diagnose.clock.resolution'),
      };
    case 'template':
      return {
        check: say(out, 'diagnose.template.check', { template: fact(f, 'template') }),
        detail: f.ok
          ? say(out, 'diagnose.template.offered')
          : say(out, 'diagnose.template.notOffered', {
              offered: list(out, fact(f, 'offered'), 'diagnose.template.none'),
            }),
        resolution: say(out, 'diagnose.template.resolution'),
      };
    case 'pcsc':
      return {
        check: say(out, 'diagnose.pcsc.check'),
        detail: '',
        resolution: say(out, 'diagnose.pcsc.resolution'),
      };
    case 'readers': {
      const withCard = new Set(fact(f, 'withCard').split(', '));
      const names = fact(f, 'readers')
        .split(', ')
        .filter((r) => r !== '' && r !== '-');
      return {
        check: say(out, 'diagnose.readers.check'),
        detail:
          names.length === 0
            ? say(out, 'diagnose.readers.none')
            : names
                .map((r) => (withCard.has(r) ? say(out, 'diagnose.readers.withCard', { reader: r }) : r))
                .join(', '),
        resolution: say(out, 'diagnose.readers.resolution'),
      };
    }
    case 'card': {
      const state = fact(f, 'state');
      return {
        check: say(out, 'diagnose.card.check', { reader: fact(f, 'reader') }),
        detail:
          state === 'present'
            ? say(out, 'diagnose.card.present')
            : state === 'empty'
              ? say(out, 'diagnose.card.absent')
              : say(out, 'diagnose.card.noReader'),
        resolution: say(out, 'diagnose.card.resolution'),
      };
    }
  }
}

export async function diagnoseCommand(v: Values, out: Output): Promise<number> {
  const station = cliStation(configFrom(v, 'diagnose'));
  try {
    const findings = await station.diagnose(
      typeof v['target-reader'] === 'string' ? v['target-reader'] : undefined,
    );
    for (const f of findings) {
      const w = wordsOf(out, f);
      // the error behind a failed check says what happened and what to do better than the check
      const error =
        f.code === undefined || f.id === 'extended-protection'
          ? undefined
          : explainCode(f.code.split(':')[0] as string, {}, out.language, 'cli');
      const detail = [w.detail, error?.message].filter((x) => x !== undefined && x !== '').join(' ');
      const line = say(out, 'diagnose.line', {
        mark: say(out, f.ok ? 'diagnose.mark.ok' : 'diagnose.mark.fail'),
        check: w.check,
        detail: f.code === undefined ? detail : `${detail} (${f.code})`,
      });
      const resolution = error?.resolution ?? w.resolution;
      printLine(
        out,
        f.ok || resolution === undefined ? line : `${line}\n     ${say(out, 'cli.whatToDo', { resolution })}`,
        { finding: f },
      );
    }
    return findings.every((f) => f.ok) ? 0 : 1;
  } finally {
    await station.close();
  }
}
