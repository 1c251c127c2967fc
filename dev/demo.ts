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

export async function runDemo(
  out: Output,
  options: { keepRunning: boolean; keepDir?: string },
): Promise<number> {
  const env = await startDemoEnvironment({
    stopPcscd: true,
    ...(options.keepDir === undefined ? {} : { root: options.keepDir }),
  });
  try {
    printLine(out, say(out, 'cli.demo.state', { root: env.root, config: env.configFile }));
    printLine(out, say(out, 'cli.demo.ca', { url: env.ca.url }));
    printLine(out, say(out, 'cli.demo.operatorCard', { reader: env.agentReader, account: 'CORP\\kiosk' }));
    printLine(out, say(out, 'cli.demo.blankCard', { reader: env.targetReader, user: 'CORP\\alice' }));
    const code = await enrollAlice(env, out);
    if (options.keepRunning) await keepRunning(env, out);
    return code;
  } finally {
    await env.stop();
  }
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

/** Leaves the demo up for a newcomer to go on with, until Ctrl-C. */
async function keepRunning(env: DemoEnvironment, out: Output): Promise<void> {
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
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
