// A Windows machine for Linux tests: a CommandRunner that answers the exact commands
// native/windows runs (PowerShell scripts, tpmvscmgr.exe, tpmtool.exe) with the documented
// outputs in fixtures.ts. Its `tpmvscmgr create` starts a GIDS software card in the "Microsoft
// Virtual Smart Card" vpcd reader, so creating a virtual card here yields a card PC/SC, OpenSC
// and the station's GIDS session can use; `destroy` pulls it out again.
import { startGidsCard, type GidsSoftCard } from '../../sim/card/index.ts';
import { VSC_VPCD } from '../support/pcscd.ts';
import type { CommandResult, CommandRunner } from '../../native/windows/command-runner.ts';
import { OS_SCRIPT } from '../../native/windows/windows-version.ts';
import { TPM_SCRIPT } from '../../native/windows/tpm.ts';
import { WINRT_READERS_SCRIPT } from '../../native/windows/readers.ts';
import { helperMain } from '../../native/windows/vsc-helper.ts';
import {
  OS,
  TPM,
  TPMTOOL_READY,
  TPMVSCMGR_FAILED,
  tpmvscmgrCreated,
  UAC_DECLINED_STDERR,
} from './fixtures.ts';

/** tpmvscmgr /AdminKey DEFAULT (learn.microsoft.com virtual-smart-card-tpmvscmgr). */
export const DEFAULT_ADMIN_KEY = '010203040506070801020304050607080102030405060708';

export interface FakeWindowsOptions {
  readonly os?: keyof typeof OS;
  /** 'denied': Get-Tpm refuses (not elevated), so the port must fall back to tpmtool */
  readonly tpm?: keyof typeof TPM | 'denied';
  /** what tpmvscmgr does on create */
  readonly tpmvscmgr?: 'ok' | keyof typeof TPMVSCMGR_FAILED;
  /** what the UAC prompt does when the elevated helper is started */
  readonly uac?: 'accept' | 'decline';
  /** WinRT SmartCardReader.Kind per reader name */
  readonly readerKinds?: Readonly<Record<string, number>>;
}

const ok = (stdout: string): CommandResult => ({ exitCode: 0, stdout, stderr: '' });
const fail = (exitCode: number, stdout: string, stderr = ''): CommandResult => ({ exitCode, stdout, stderr });

export class FakeWindows implements CommandRunner {
  readonly calls: { file: string; args: readonly string[] }[] = [];
  /** instance id → the card in its VSC reader */
  readonly cards = new Map<string, GidsSoftCard>();
  private readonly options: FakeWindowsOptions;
  private nextInstance = 0;

  constructor(options: FakeWindowsOptions = {}) {
    this.options = options;
  }

  async run(file: string, args: readonly string[]): Promise<CommandResult> {
    this.calls.push({ file, args: [...args] });
    if (file === 'powershell.exe') return this.powershell(args[args.length - 1] ?? '');
    if (file === 'tpmvscmgr.exe') return this.tpmvscmgr(args);
    if (file === 'tpmtool.exe' && args[0] === 'getdeviceinformation') return ok(TPMTOOL_READY);
    return fail(9009, '', `'${file}' is not recognized as an internal or external command`);
  }

  private async powershell(script: string): Promise<CommandResult> {
    if (script === OS_SCRIPT) return ok(JSON.stringify(OS[this.options.os ?? 'windows11']));
    if (script === TPM_SCRIPT) {
      const tpm = this.options.tpm ?? 'ready20';
      if (tpm === 'denied') return fail(1, '', 'Get-Tpm : Access denied\r\n');
      return ok(JSON.stringify(TPM[tpm]));
    }
    if (script === WINRT_READERS_SCRIPT) {
      const kinds = Object.entries(this.options.readerKinds ?? {}).map(([Name, Kind]) => ({ Name, Kind }));
      return ok(JSON.stringify(kinds));
    }
    const elevated =
      /^\$p = Start-Process -FilePath '[^']+' -ArgumentList @\('[^']+', '([A-Za-z0-9_-]+)'\) -Verb RunAs /.exec(
        script,
      );
    if (elevated) {
      if (this.options.uac === 'decline') return fail(1, '', UAC_DECLINED_STDERR);
      // the helper runs "elevated" in this same fake machine
      return fail(await helperMain([elevated[1] as string], this), '');
    }
    return fail(1, '', 'unexpected script');
  }

  private async tpmvscmgr(args: readonly string[]): Promise<CommandResult> {
    if (args[0] === 'create') {
      const outcome = this.options.tpmvscmgr ?? 'ok';
      if (outcome !== 'ok') return fail(1, TPMVSCMGR_FAILED[outcome]);
      const value = (flag: string): string | undefined => {
        const i = args.indexOf(flag);
        return i < 0 ? undefined : args[i + 1];
      };
      if (value('/PIN') === 'PROMPT' || value('/PUK') === 'PROMPT') {
        return fail(1, 'The fake cannot answer console prompts.\r\n');
      }
      // two VSC reader slots in the test pcscd: a third card hits the reader limit
      if (this.cards.size >= 2) return fail(1, TPMVSCMGR_FAILED.readerLimit);
      const n = this.nextInstance++;
      const slot = [...this.cards.values()].some((c) => c.port === VSC_VPCD.VSC.port) ? 1 : 0;
      const card = await startGidsCard({
        port: VSC_VPCD.VSC.port + slot,
        connectTimeoutMs: 15_000,
        config: {
          ...(value('/AdminKey') === 'DEFAULT' ? { adminKey: DEFAULT_ADMIN_KEY } : {}),
          ...(value('/PUK') === 'DEFAULT' ? { puk: '12345678' } : {}),
          generate: args.includes('/generate'),
        },
      });
      const instanceId = `ROOT\\SMARTCARDREADER\\${String(n).padStart(4, '0')}`;
      this.cards.set(instanceId, card);
      return ok(tpmvscmgrCreated(n));
    }
    if (args[0] === 'destroy' && args[1] === '/instance') {
      const card = this.cards.get(args[2] ?? '');
      if (card === undefined) return fail(1, TPMVSCMGR_FAILED.destroyNotFound);
      await card.stop();
      this.cards.delete(args[2] as string);
      return ok('Destroying TPM Smart Card...\r\nTPM Smart Card destroyed.\r\n');
    }
    return fail(1, 'Usage: tpmvscmgr create | destroy\r\n');
  }

  async stop(): Promise<void> {
    for (const card of this.cards.values()) await card.stop();
    this.cards.clear();
  }
}
