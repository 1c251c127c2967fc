// `station diagnose`: each check with ok or FAIL and, when failed, what to do. The words are the
// station's (station/diagnose-words.ts over the core/i18n catalogs), the same the kiosk's
// diagnostics screen shows; a check that failed because of an error shows that error's message
// and resolution, so diagnose and the failing command say the same thing.
import { describeFinding } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, say, type Output } from '../output.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function diagnoseCommand(v: Values, out: Output): Promise<number> {
  const config = configFrom(v, 'diagnose');
  const station = cliStation(config);
  try {
    const findings = await station.diagnose(
      typeof v['target-reader'] === 'string' ? v['target-reader'] : undefined,
    );
    for (const f of findings) {
      const w = describeFinding(f, out.language, 'cli', config.ca.agentTemplate);
      const line = say(out, 'diagnose.line', {
        mark: say(out, f.ok ? 'diagnose.mark.ok' : 'diagnose.mark.fail'),
        check: w.check,
        detail: w.code === undefined ? w.detail : `${w.detail} (${w.code})`,
      });
      printLine(
        out,
        w.resolution === undefined
          ? line
          : `${line}\n     ${say(out, 'cli.whatToDo', { resolution: w.resolution })}`,
        { finding: f },
      );
    }
    return findings.every((f) => f.ok) ? 0 : 1;
  } finally {
    await station.close();
  }
}
