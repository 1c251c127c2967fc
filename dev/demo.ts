// `station demo`: the whole station on embedded defaults, with nothing but this machine. It starts
// pcscd with vsmartcard's vpcd, two software PIV cards (a blank one and the operator's, which the
// station tells apart by the Enrollment Agent certificate it holds) and the AD CS-compatible demo
// CA; then it enrolls the blank card on behalf of CORP\alice through the same application layer the
// CLI and the kiosk use, with the forced PIN change and the proof, and lets OpenSC say what it sees.
import { cliStation } from '../cli/compose.ts';
import { printEnrollmentResult, printLine, printProgress, type Output } from '../cli/output.ts';
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
    printLine(out, `demo state in ${env.root} (configuration: ${env.configFile})`);
    printLine(out, `CA: ${env.ca.url} (AD CS Web Enrollment-compatible demo CA)`);
    printLine(
      out,
      `operator card in "${env.agentReader}" holds an Enrollment Agent certificate for CORP\\kiosk`,
    );
    printLine(out, `blank card in "${env.targetReader}" (transport PIN), enrolling on behalf of CORP\\alice`);
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
    if (result.verdict?.ok)
      printLine(
        out,
        '  checks: chain, EKUs (Smart Card Logon, Client Authentication), UPN, e-mail, SID, template and key all match',
      );
    printLine(out, 'the cardholder chose a new PIN (not shown); the transport PIN no longer opens the card');
    printLine(out, `OpenSC on "${env.targetReader}":`);
    const listing = await runTool(
      'pkcs15-tool',
      ['--reader', String(await openscReaderIndex(env.targetReader)), '--list-certificates'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    printLine(out, listing.stdout.trimEnd());
    printLine(out, `enrollment log: station audit verify --db ${env.config.dataDir}/audit.sqlite`);
    return result.status === 'issued' ? 0 : 1;
  } finally {
    holderPin.wipe();
    await station.close();
  }
}

/** Leaves the demo up for a newcomer to go on with, until Ctrl-C. */
async function keepRunning(env: DemoEnvironment, out: Output): Promise<void> {
  const db = `${env.config.dataDir}/audit.sqlite`;
  const lines = [
    '',
    'The demo CA and the software cards stay up. These are throwaway demo credentials, printed',
    'because this is the demo (a real station never shows a PIN or password). In another shell:',
    `  export STATION_CONFIG=${env.configFile}`,
    `  export ${PASSWORD_ENV}=${env.env[PASSWORD_ENV] ?? ''}`,
    `  the operator card's PIN: ${env.agentPin.use((b) => Buffer.from(b).toString('utf8'))}`,
    'then try:',
    '  ./run station status',
    '  ./run station diagnose',
    "  ./run station enroll --user 'CORP\\dave' --upn dave@corp.example --email dave@corp.example   (after inserting a blank card)",
    '  ./run station recover --dry-run',
    `  ./run station audit verify --db ${db}`,
    `  ./run station audit cards --db ${db}`,
    'Ctrl-C stops the demo and removes what it started.',
  ];
  for (const l of lines) printLine(out, l);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
