// TpmPort on Windows: Get-Tpm for the provisioning flags and Win32_Tpm.SpecVersion for 1.2 vs
// 2.0, in one PowerShell call. Both need an elevated session on some builds; when Get-Tpm is
// refused the port falls back to `tpmtool getdeviceinformation`, which an ordinary user may run.
import { tpmFamily, type TpmPort, type TpmState } from '../../core/platform/tpm.ts';
import { powerShellJson, PowerShellError, type CommandRunner } from './command-runner.ts';

export const TPM_SCRIPT = [
  '$t = Get-Tpm -ErrorAction Stop',
  "$w = Get-CimInstance -Namespace 'root/cimv2/Security/MicrosoftTpm' -ClassName Win32_Tpm -ErrorAction SilentlyContinue",
  '[pscustomobject]@{ Tpm = $t; SpecVersion = $w.SpecVersion } | ConvertTo-Json -Compress -Depth 3',
].join('; ');

const bool = (v: unknown): boolean => v === true;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Get-Tpm's object (TpmPresent, TpmReady, …) plus Win32_Tpm.SpecVersion. */
export function parseGetTpm(json: unknown): TpmState {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const t = (typeof o.Tpm === 'object' && o.Tpm !== null ? o.Tpm : {}) as Record<string, unknown>;
  const specVersion = str(o.SpecVersion);
  const manufacturer = str(t.ManufacturerIdTxt)?.trim();
  const heal = str(t.LockoutHealTime);
  return {
    present: bool(t.TpmPresent),
    ready: bool(t.TpmReady),
    // Get-Tpm on Windows 10+ has TpmEnabled/TpmActivated; Windows 8's has neither, and a present TPM it lists is on
    enabled: t.TpmEnabled === undefined ? bool(t.TpmPresent) : bool(t.TpmEnabled),
    activated: t.TpmActivated === undefined ? bool(t.TpmPresent) : bool(t.TpmActivated),
    owned: bool(t.TpmOwned),
    restartPending: bool(t.RestartPending),
    lockedOut: bool(t.LockedOut),
    specVersion,
    family: tpmFamily(specVersion),
    ...(manufacturer ? { manufacturer } : {}),
    ...(heal ? { lockoutHealTime: heal } : {}),
  };
}

/** `tpmtool getdeviceinformation`: CRLF lines "-Name: Value", lockout lines tab-indented. */
export function parseTpmtool(text: string): TpmState {
  const facts = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*-([^:]+):\s*(.*)$/.exec(line);
    if (m) facts.set((m[1] as string).trim().toLowerCase(), (m[2] as string).trim());
  }
  const yes = (k: string): boolean => facts.get(k)?.toLowerCase() === 'true';
  const present = yes('tpm present');
  const version = facts.get('tpm version');
  const family = version === '2.0' ? '2.0' : version === '1.2' ? '1.2' : undefined;
  return {
    present,
    ready: yes('ready for storage'),
    enabled: present,
    activated: present,
    owned: yes('is initialized'),
    restartPending: false,
    lockedOut: yes('is locked out'),
    specVersion: facts.get('tpm spec version'),
    family,
    ...(facts.get('tpm manufacturer id') ? { manufacturer: facts.get('tpm manufacturer id') as string } : {}),
  };
}

export class TpmNative implements TpmPort {
  private readonly runner: CommandRunner;
  constructor(runner: CommandRunner) {
    this.runner = runner;
  }
  async tpmState(): Promise<TpmState> {
    try {
      return parseGetTpm(await powerShellJson(this.runner, TPM_SCRIPT));
    } catch (e) {
      if (!(e instanceof PowerShellError)) throw e;
      const r = await this.runner.run('tpmtool.exe', ['getdeviceinformation']);
      if (r.exitCode !== 0) throw e;
      return parseTpmtool(r.stdout);
    }
  }
}
