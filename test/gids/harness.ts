// One software GIDS card (a TPM virtual smart card look-alike) in the "Microsoft Virtual Smart
// Card 00 00" vpcd reader, reached through the real pcscd; OpenSC is pointed at that reader only.
import { startCardRig } from '../support/card-rig.ts';
import { VSC_VPCD } from '../support/pcscd.ts';
import {
  startGidsCard,
  type FaultPlan,
  type GidsCardConfig,
  type GidsSoftCard,
} from '../../sim/card/index.ts';
import type { PcscService } from '../../native/pcsc/service.ts';
import {
  pkcs11OnlyReader,
  PKCS11_MODULE,
  runTool,
  tempDir,
  type RunResult,
  type TempDir,
} from '../piv/tools.ts';

export const VSC_READER = VSC_VPCD.VSC.readers[0];
export const DEFAULT_PIN = '12345678';
export const TEST_ADMIN_KEY = '0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080';

export interface GidsRig {
  readonly card: GidsSoftCard;
  readonly service: PcscService;
  readonly reader: string;
  readonly dir: TempDir;
  /** OpenSC environment that shows only this rig's reader */
  readonly env: NodeJS.ProcessEnv;
  pkcs11(args: readonly string[]): Promise<RunResult>;
  pkcs15(args: readonly string[]): Promise<RunResult>;
  gidsTool(args: readonly string[]): Promise<RunResult>;
  waitPresent(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startGidsRig(
  config: GidsCardConfig = {},
  options: { faults?: FaultPlan; persistPath?: string; port?: number; reader?: string } = {},
): Promise<GidsRig> {
  const reader = options.reader ?? VSC_READER;
  const log = process.env.STATION_GIDS_CARD_LOG ? (l: string) => console.error(`gids: ${l}`) : undefined;
  const rig = await startCardRig(reader, 'GIDS card', () =>
    startGidsCard({
      port: options.port ?? VSC_VPCD.VSC.port,
      config,
      connectTimeoutMs: 15_000,
      ...(options.faults ? { faults: options.faults } : {}),
      ...(options.persistPath ? { persistPath: options.persistPath } : {}),
      ...(log ? { log } : {}),
    }),
  );
  const dir = tempDir('gids-test-');
  const env = await pkcs11OnlyReader(reader, dir);
  return {
    ...rig,
    dir,
    env,
    pkcs11: (args) =>
      runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], { env }),
    pkcs15: (args) => runTool('pkcs15-tool', ['--reader', reader, ...args], { env }),
    gidsTool: (args) => runTool('gids-tool', ['--reader', reader, ...args], { env }),
    async stop() {
      await rig.stop();
      dir.remove();
    },
  };
}
