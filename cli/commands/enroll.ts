// `station enroll`: enroll-on-behalf of one directory user with the operator's agent card.
import { StationError } from '../../core/errors/catalog.ts';
import { validateEnrollInput } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printEnrollmentResult, printLine, printProgress, say, type Output } from '../output.ts';
import { askNewPinTwice, cliEnrollmentIO } from '../prompts.ts';
import { askSecret } from '../secret-input.ts';
import { EXIT } from '../station.ts';
import { requireReaders } from './readers.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;
const s = (v: Values, k: string): string | undefined =>
  typeof v[k] === 'string' ? (v[k] as string) : undefined;

export async function enrollCommand(v: Values, out: Output): Promise<number> {
  // everything that can be checked without a PIN is checked first: the input, the configuration,
  // then PC/SC, the readers named, the CA connection (its password variable) and the log
  for (const option of ['user', 'upn'])
    if (s(v, option) === undefined)
      throw new StationError('USAGE_MISSING_OPTION', { command: 'enroll', option: `--${option}` });
  const input = validateEnrollInput({
    requesterName: s(v, 'user'),
    upn: s(v, 'upn'),
    ...(s(v, 'email') === undefined ? {} : { email: s(v, 'email') }),
    ...(s(v, 'sid') === undefined ? {} : { sid: s(v, 'sid') }),
    reissue: v.reissue === true,
    ...(s(v, 'target-reader') === undefined ? {} : { targetReader: s(v, 'target-reader') }),
  });
  const config = configFrom(v, 'enroll');
  const station = cliStation(config);
  try {
    await station.preflight();
    await requireReaders(station, [
      s(v, 'target-reader') ?? config.card.targetReader,
      s(v, 'agent-reader') ?? config.card.agentReader,
    ]);
    const agentPin = await askSecret(out, 'prompt.operatorPin');
    let newPin: Awaited<ReturnType<typeof askNewPinTwice>> | 'skip';
    try {
      newPin =
        v['no-pin-change'] === true
          ? ('skip' as const)
          : await askNewPinTwice(out, station.pinPolicy(), config.card.transportPin);
    } catch (e) {
      agentPin.wipe();
      throw e;
    }
    let operator;
    try {
      operator = await station.signInOperator(agentPin, s(v, 'agent-reader'));
    } catch (e) {
      if (newPin !== 'skip') newPin.wipe();
      throw e;
    } finally {
      agentPin.wipe();
    }
    try {
      printLine(out, say(out, 'cli.enroll.operator', { reader: operator.reader, upn: operator.operatorUpn }));
      const result = await station.enroll(
        input,
        operator,
        cliEnrollmentIO(out, newPin, config.card.transportPin, (p) => printProgress(out, p)),
      );
      printEnrollmentResult(out, result);
      if (result.status === 'pending') return EXIT.UNFINISHED;
      return result.status === 'denied' ? EXIT.FAILED : EXIT.OK;
    } finally {
      if (newPin !== 'skip') newPin.wipe();
      await operator.close();
    }
  } finally {
    const backlog = await station.close();
    if (backlog !== undefined)
      printLine(
        out,
        backlog.backlog === 0
          ? say(out, 'cli.central.upToDate', { seq: backlog.forwardedSeq })
          : say(out, 'cli.central.backlog', { count: backlog.backlog }),
        { centralLog: backlog },
      );
  }
}
