// `station demo`: the whole station on embedded defaults, with nothing but this machine. It
// starts pcscd with vsmartcard's vpcd, two software PIV cards (the operator's agent card in
// "Virtual PCD 00 01", a blank card in "Virtual PCD 00 00") and the AD CS-compatible demo CA;
// makes the operator card an Enrollment Agent card; then enrolls the blank card on behalf of
// CORP\alice with the forced PIN change and the proof, and lets OpenSC say what it sees.
import { PcscService } from '../native/pcsc/index.ts';
import { randomHolderPin, startDemoEnvironment, waitForCards } from './demo-environment.ts';
import { runOnBehalf } from './enroll-run.ts';
import { openscReaderIndex, runTool } from './opensc.ts';
import { printLine, printProgress, type Output } from './output.ts';

export async function demoCommand(out: Output, options: { keepDir?: string } = {}): Promise<number> {
  const env = await startDemoEnvironment(options.keepDir === undefined ? {} : { root: options.keepDir });
  const pcsc = new PcscService();
  try {
    printLine(out, `demo state in ${env.root} (configuration: ${env.configFile})`);
    printLine(out, `CA: ${env.ca.url} (AD CS Web Enrollment-compatible demo CA)`);
    printLine(
      out,
      `operator card in "${env.agentReader}" holds an Enrollment Agent certificate for CORP\\kiosk`,
    );
    printLine(out, `blank card in "${env.targetReader}" (transport PIN), enrolling on behalf of CORP\\alice`);
    await pcsc.start();
    await waitForCards(pcsc, [env.targetReader, env.agentReader]);
    const alice = env.ca.directory.find('alice');
    const result = await runOnBehalf(env.config, pcsc, {
      targetReader: env.targetReader,
      agentReader: env.agentReader,
      agentPin: env.agentPin,
      newPin: randomHolderPin(),
      requesterName: 'CORP\\alice',
      upn: 'alice@corp.example',
      email: 'alice@corp.example',
      ...(alice?.objectSid === undefined ? {} : { sid: alice.objectSid }),
      reissue: false,
      onProgress: (p) => printProgress(out, p),
    });
    const v = result.verdict;
    printLine(
      out,
      `verdict: ${result.status}${result.reqId === null ? '' : ` (CA request ${result.reqId})`}`,
      { result },
    );
    if (v) {
      printLine(out, `  certificate serial ${v.serial}, SHA-1 thumbprint ${v.thumbprint}`);
      printLine(out, `  valid ${v.notBefore} .. ${v.notAfter}`);
      printLine(
        out,
        `  checks: ${v.ok ? 'chain, EKUs (Smart Card Logon, Client Authentication), UPN, e-mail, SID, template and key all match' : v.reasons.join('; ')}`,
      );
    }
    printLine(out, 'the cardholder chose a new PIN (not shown); the transport PIN no longer opens the card');
    printLine(out, `OpenSC on "${env.targetReader}":`);
    const listing = await runTool(
      'pkcs15-tool',
      ['--reader', String(await openscReaderIndex(env.targetReader)), '--list-certificates'],
      {
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    printLine(out, listing.stdout.trimEnd());
    printLine(out, `enrollment log: station audit verify --db ${env.config.dataDir}/audit.sqlite`);
    return result.status === 'issued' ? 0 : 1;
  } finally {
    await pcsc.close();
    await env.stop();
  }
}
