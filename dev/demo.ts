// `station demo`: the whole station on embedded defaults, with nothing but this machine. It starts
// pcscd with vsmartcard's vpcd, two software PIV cards (a blank one and the operator's, which the
// station tells apart by the Enrollment Agent certificate it holds) and the AD CS-compatible demo
// CA; then it enrolls the blank card on behalf of CORP\alice through the same application layer the
// CLI and the kiosk use, with the forced PIN change and the proof, and lets OpenSC say what it sees.
import { cliStation } from '../cli/compose.ts';
import { printEnrollmentResult, printLine, printProgress, say, type Output } from '../cli/output.ts';
import {
  PASSWORD_ENV,
  randomHolderPin,
  startDemoEnvironment,
  type DemoEnvironment,
} from './demo-environment.ts';
import { openscReaderIndex, runTool } from './opensc.ts';

/** Exit code of a demo stopped with Ctrl+C before it finished (as the CLI's CANCELLED). */
const STOPPED = 130;

export async function runDemo(
  out: Output,
  options: { keepRunning: boolean; keepDir?: string },
): Promise<number> {
  // Ctrl+C at any moment stops the software cards, the demo CA and pcscd and removes the demo's
  // temp folder (one named with --keep-dir stays): Node's default would end the process on the
  // spot and leave them behind. A Ctrl+C while the environment starts is acted on once it is up.
  const ctrlC = stopSignal();
  try {
    const env = await startDemoEnvironment({
      stopPcscd: true,
      ...(options.keepDir === undefined ? {} : { root: options.keepDir }),
    });
    try {
      if (ctrlC.received) return STOPPED;
      printLine(out, say(out, 'cli.demo.state', { root: env.root, config: env.configFile }));
      printLine(out, say(out, 'cli.demo.ca', { url: env.ca.url }));
      printLine(out, say(out, 'cli.demo.operatorCard', { reader: env.agentReader, account: 'CORP\\kiosk' }));
      printLine(out, say(out, 'cli.demo.blankCard', { reader: env.targetReader, user: 'CORP\\alice' }));
      const enrollment = enrollAlice(env, out);
      // stopped mid-enrollment: the run fails against the stopped cards; its end is of no interest
      enrollment.catch(() => undefined);
      const code = await Promise.race([enrollment, ctrlC.stopped.then(() => STOPPED)]);
      if (code === STOPPED) {
        // the station is still talking to the cards and the CA, so stop() would wait on it: the
        // temp folders go now, and the cards and the CA end with the process
        env.stopNow();
        process.exit(STOPPED);
      }
      if (!options.keepRunning) return code;
      printKeptUp(env, out);
      await ctrlC.stopped; // the way a kept-up demo ends: not a failure
      return code;
    } finally {
      await env.stop();
    }
  } finally {
    ctrlC.dispose();
  }
}

/** SIGINT (Ctrl+C) and SIGTERM, handled for as long as the demo runs. */
function stopSignal(): { readonly received: boolean; readonly stopped: Promise<void>; dispose(): void } {
  let received = false;
  let resolve: () => void = () => undefined;
  const stopped = new Promise<void>((r) => (resolve = r));
  const onSignal = (): void => {
    received = true;
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    get received() {
      return received;
    },
    stopped,
    dispose() {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function enrollAlice(env: DemoEnvironment, out: Output): Promise<number> {
  const station = cliStation(env.config);
  const alice = env.ca.directory.find('alice');
  const holderPin = randomHolderPin();
  try {
    const operator = await station.signInOperator(env.agentPin.clone());
    let result;
    try {
      result = await station.enroll(
        {
          requesterName: 'CORP\\alice',
          upn: 'alice@corp.example',
          email: 'alice@corp.example',
          ...(alice?.objectSid === undefined ? {} : { sid: alice.objectSid }),
          reissue: false,
        },
        operator,
        { onProgress: (p) => printProgress(out, p), askNewPin: async () => holderPin.clone() },
      );
    } finally {
      await operator.close();
    }
    printEnrollmentResult(out, result);
    if (result.verdict?.ok) printLine(out, say(out, 'cli.demo.checks'));
    printLine(out, say(out, 'cli.demo.pinChosen'));
    printLine(out, say(out, 'cli.demo.opensc', { reader: env.targetReader }));
    const listing = await runTool(
      'pkcs15-tool',
      ['--reader', String(await openscReaderIndex(env.targetReader)), '--list-certificates'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    printLine(out, listing.stdout.trimEnd());
    printLine(out, say(out, 'cli.demo.log', { db: `${env.config.dataDir}/audit.sqlite` }));
    return result.status === 'issued' ? 0 : 1;
  } finally {
    holderPin.wipe();
    await station.close();
  }
}

/** What a newcomer can do with the demo left up, until Ctrl-C. */
function printKeptUp(env: DemoEnvironment, out: Output): void {
  const db = `${env.config.dataDir}/audit.sqlite`;
  const command = (c: string): string => say(out, 'cli.demo.command', { command: c });
  const lines = [
    '',
    say(out, 'cli.demo.keptUp'),
    say(out, 'cli.demo.export', { name: 'STATION_CONFIG', value: env.configFile }),
    say(out, 'cli.demo.export', { name: PASSWORD_ENV, value: env.env[PASSWORD_ENV] ?? '' }),
    say(out, 'cli.demo.operatorPin', { pin: env.agentPin.use((b) => Buffer.from(b).toString('utf8')) }),
    say(out, 'cli.demo.thenTry'),
    command('./run station status'),
    command('./run station diagnose'),
    say(out, 'cli.demo.enrollCommand', {
      command: "./run station enroll --user 'CORP\\dave' --upn dave@corp.example --email dave@corp.example",
    }),
    command('./run station change-pin'),
    command('./run station recover --dry-run'),
    command(`./run station audit verify --db ${db}`),
    command(`./run station audit cards --db ${db}`),
    say(out, 'cli.demo.stop'),
  ];
  for (const l of lines) printLine(out, l);
}
