// WindowsVersionPort on Windows: Win32_OperatingSystem's Version ("6.2.9200") and ProductType
// (1 workstation, 2 domain controller, 3 server), read through PowerShell CIM.
import {
  parseNtVersion,
  type WindowsProductType,
  type WindowsVersion,
  type WindowsVersionPort,
} from '../../core/platform/windows-version.ts';
import { powerShellJson, type CommandRunner } from './command-runner.ts';

export const OS_SCRIPT =
  'Get-CimInstance -ClassName Win32_OperatingSystem | Select-Object Version,BuildNumber,ProductType,Caption | ConvertTo-Json -Compress';

const PRODUCT_TYPES: Readonly<Record<number, WindowsProductType>> = {
  1: 'workstation',
  2: 'domain-controller',
  3: 'server',
};

export function parseOperatingSystem(json: unknown): WindowsVersion {
  const o = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const v = typeof o.Version === 'string' ? parseNtVersion(o.Version) : undefined;
  const productType = typeof o.ProductType === 'number' ? PRODUCT_TYPES[o.ProductType] : undefined;
  if (v === undefined || productType === undefined)
    throw new Error('Win32_OperatingSystem: no Version/ProductType');
  return { ...v, productType, ...(typeof o.Caption === 'string' ? { caption: o.Caption } : {}) };
}

export class WindowsVersionNative implements WindowsVersionPort {
  private readonly runner: CommandRunner;
  private readonly platform: string;
  constructor(runner: CommandRunner, platform: string = process.platform) {
    this.runner = runner;
    this.platform = platform;
  }
  async windowsVersion(): Promise<WindowsVersion | undefined> {
    if (this.platform !== 'win32') return undefined;
    return parseOperatingSystem(await powerShellJson(this.runner, OS_SCRIPT));
  }
}
