// ReaderKindPort on Windows: the PC/SC readers with their ATRs (from native/pcsc, passed in)
// joined by name with WinRT's SmartCardReader.Kind (Tpm = 2), read through PowerShell's WinRT
// bridge. WinRT may be unavailable (Server Core, a locked-down PowerShell): then the readers
// come without a kind and classification falls back to name and ATR (core/platform/reader-kind.ts).
import type { ReaderFacts, ReaderKindPort } from '../../core/platform/reader-kind.ts';
import { powerShellJson, PowerShellError, type CommandRunner } from './command-runner.ts';

export const WINRT_READERS_SCRIPT = [
  'Add-Type -AssemblyName System.Runtime.WindowsRuntime',
  "$asTask = ([System.WindowsRuntimeSystemExtensions].GetMethods() | Where-Object { $_.Name -eq 'AsTask' -and $_.GetParameters().Count -eq 1 -and $_.GetParameters()[0].ParameterType.Name -eq 'IAsyncOperation`1' })[0]",
  'function Await($op, [Type]$t) { $task = $asTask.MakeGenericMethod($t).Invoke($null, @($op)); [void]$task.Wait(-1); $task.Result }',
  '[void][Windows.Devices.SmartCards.SmartCardReader, Windows.Devices.SmartCards, ContentType=WindowsRuntime]',
  '[void][Windows.Devices.Enumeration.DeviceInformation, Windows.Devices.Enumeration, ContentType=WindowsRuntime]',
  '$devices = Await ([Windows.Devices.Enumeration.DeviceInformation]::FindAllAsync([Windows.Devices.SmartCards.SmartCardReader]::GetDeviceSelector())) ([Windows.Devices.Enumeration.DeviceInformationCollection])',
  '$out = foreach ($d in $devices) { $r = Await ([Windows.Devices.SmartCards.SmartCardReader]::FromIdAsync($d.Id)) ([Windows.Devices.SmartCards.SmartCardReader]); [pscustomobject]@{ Name = $r.Name; Kind = [int]$r.Kind } }',
  'ConvertTo-Json -Compress -InputObject @($out)',
].join('; ');

/** [{Name, Kind}] as the script prints it; PowerShell 5.1 prints a lone object without the array. */
export function parseWinRtReaders(json: unknown): Map<string, number> {
  const list = Array.isArray(json) ? json : json === null || json === undefined ? [] : [json];
  const out = new Map<string, number>();
  for (const item of list) {
    const o = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    if (typeof o.Name === 'string' && typeof o.Kind === 'number') out.set(o.Name, o.Kind);
  }
  return out;
}

export class WindowsReaders implements ReaderKindPort {
  private readonly runner: CommandRunner;
  private readonly pcscReaders: () => Promise<ReaderFacts[]>;
  constructor(runner: CommandRunner, pcscReaders: () => Promise<ReaderFacts[]>) {
    this.runner = runner;
    this.pcscReaders = pcscReaders;
  }
  async readers(): Promise<ReaderFacts[]> {
    const pcsc = await this.pcscReaders();
    let kinds = new Map<string, number>();
    try {
      kinds = parseWinRtReaders(await powerShellJson(this.runner, WINRT_READERS_SCRIPT));
    } catch (e) {
      if (!(e instanceof PowerShellError)) throw e;
    }
    return pcsc.map((r) => {
      const kind = kinds.get(r.name);
      return kind === undefined ? r : { ...r, winrtKind: kind };
    });
  }
}
