// `station self-enroll`: the employee enrolls their own card at their own computer — a new TPM
// virtual smart card (--create) or a blank card in a reader — signed in to the CA with their own
// domain account. The password comes from the environment variable the configuration names when
// the configured CA account is the employee's, otherwise it is asked on standard input; never argv.
import { Secret, VSC_DEFAULT_PIN, type PlatformPort, type ReadersPort } from '../../station/index.ts';
import { t } from '../../core/i18n/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printEnrollmentResult, printLine, printProgress, type Output } from '../output.ts';
import { askNewPinTwice, cliEnrollmentIO } from '../prompts.ts';
import { askSecret } from '../secret-input.ts';
import { EXIT } from '../station.ts';
import type { StationConfig } from '../../core/config/config.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;
const s = (v: Values, k: string): string | undefined =>
  typeof v[k] === 'string' ? (v[k] as string) : undefined;

/**
 * The platform ports: Windows's own on Windows; on another system the documented-output fake of
 * test/windows only when STATION_FAKE_WINDOWS asks for it (tests and the demo; its value is the
 * fake's options as JSON), and none otherwise — the use cases then answer "not Windows".
 */
export async function platformSwitch(): Promise<{ platform?: (r: ReadersPort) => PlatformPort }> {
  const raw = process.env.STATION_FAKE_WINDOWS;
  if (process.platform === 'win32' || raw === undefined || raw === '') return {};
  const { FakeWindows } = await import('../../test/windows/fake-windows.ts');
  const { windowsPlatform } = await import('../compose.ts');
  const fake = new FakeWindows(JSON.parse(raw) as ConstructorParameters<typeof FakeWindows>[0]);
  const helper = { nodePath: 'C:\\Station\\node.exe', helperPath: 'C:\\Station\\vsc-helper.js' };
  return { platform: (readers) => windowsPlatform(fake, readers, { os: 'win32', helper }) };
}

/** The employee's password: the configured variable when the configured account is theirs. */
async function employeePassword(config: StationConfig, account: string, out: Output): Promise<Secret> {
  const a = config.ca.auth;
  const configured =
    a.kind === 'basic' ? a.username : a.kind === 'ntlm' ? `${a.domain}\\${a.user}` : undefined;
  if (
    configured !== undefined &&
    configured.toLowerCase() === account.toLowerCase() &&
    a.kind !== 'client-certificate'
  ) {
    const value = process.env[a.passwordEnv];
    if (value !== undefined && value !== '') return Secret.fromText(value);
  }
  return askSecret(out, 'prompt.domainPassword');
}

export async function selfEnrollCommand(v: Values, out: Output): Promise<number> {
  const config = configFrom(v);
  const account = s(v, 'user') ?? '';
  const station = cliStation(config, await platformSwitch());
  try {
    const password = await employeePassword(config, account, out);
    const newPin = await askNewPinTwice(out, station.pinPolicy(), VSC_DEFAULT_PIN);
    try {
      const result = await station.selfEnroll(
        {
          create: v.create === true,
          account,
          upn: s(v, 'upn') ?? '',
          ...(s(v, 'email') === undefined ? {} : { email: s(v, 'email') as string }),
          ...(s(v, 'reader') === undefined ? {} : { reader: s(v, 'reader') as string }),
        },
        password,
        cliEnrollmentIO(out, newPin, VSC_DEFAULT_PIN, (p) => printProgress(out, p)),
      );
      if (result.instanceId !== undefined)
        printLine(
          out,
          t('vsc.self.created', out.language, { instance: result.instanceId, reader: result.reader }),
          {
            instanceId: result.instanceId,
            reader: result.reader,
          },
        );
      printEnrollmentResult(out, result);
      if (result.status === 'pending') return EXIT.UNFINISHED;
      return result.status === 'denied' ? EXIT.FAILED : EXIT.OK;
    } finally {
      password.wipe();
      newPin.wipe();
    }
  } finally {
    await station.close();
  }
}
