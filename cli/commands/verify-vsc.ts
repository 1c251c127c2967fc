// `station verify-vsc`: one TPM virtual smart card, check by check, each passed or what to do (the
// error catalog's resolution in the chosen language); --json for scripts. The holder's PIN is read
// from standard input for the last check (the card signs a fresh challenge); no PIN line skips it.
import { describe as describeError, StationError } from '../../core/errors/catalog.ts';
import { t, type MessageKey } from '../../core/i18n/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, type Output } from '../output.ts';
import { askSecret } from '../secret-input.ts';
import { EXIT } from '../station.ts';
import { platformSwitch } from './self-enroll.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function verifyVscCommand(v: Values, out: Output): Promise<number> {
  const config = configFrom(v);
  const station = cliStation(config, await platformSwitch());
  try {
    const reader =
      typeof v.reader === 'string'
        ? v.reader
        : ((await station.cards()).find((c) => c.reader.startsWith('Microsoft Virtual Smart Card'))?.reader ??
          '');
    const report = await station.verifyVsc(reader, {
      ...(typeof v.upn === 'string' ? { upn: v.upn } : {}),
      askPin: async () => {
        try {
          return await askSecret(out, 'prompt.holderPin');
        } catch (e) {
          // piped input without a PIN line: the signature check is skipped, not the report
          if (e instanceof StationError && e.code === 'INPUT_ENDED' && !process.stdin.isTTY) return undefined;
          throw e;
        }
      },
    });
    for (const c of report.checks) {
      const check = t(`vsc.check.${c.id}` as MessageKey, out.language);
      const status = t(`vsc.status.${c.status}` as MessageKey, out.language);
      const explained =
        c.code === undefined ? undefined : describeError(c.code, out.language, c.details ?? {}, 'cli');
      printLine(out, t('vsc.line', out.language, { status, check }), {
        check: {
          id: c.id,
          status: c.status,
          ...(c.code === undefined ? {} : { code: c.code }),
          ...(explained ?? {}),
          ...(c.facts === undefined ? {} : { facts: c.facts }),
        },
      });
      if (explained !== undefined && !out.json) {
        printLine(out, `    ${c.code}: ${explained.message}`);
        printLine(out, `    ${t('cli.whatToDo', out.language, { resolution: explained.resolution })}`);
      }
    }
    const failed = report.checks.filter((c) => c.status === 'failed').length;
    printLine(
      out,
      report.ok
        ? t('vsc.verify.ok', out.language, { reader: report.reader })
        : t('vsc.verify.failed', out.language, { reader: report.reader, count: failed }),
      { result: { reader: report.reader, ok: report.ok } },
    );
    return report.ok ? EXIT.OK : EXIT.FAILED;
  } finally {
    await station.close();
  }
}
