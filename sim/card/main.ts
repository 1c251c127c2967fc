// CLI: node sim/card/main.ts --port 35963 [--edge piv|gids] [--host 127.0.0.1] [--config card.json] [--persist card-state.json]
// Runs until SIGTERM/SIGINT. Secrets (PIN, PUK, management/admin key) only ever come from the config file.
// --edge gids starts a Windows TPM virtual smart card look-alike (sim/card/gids-*.ts) instead of PIV.
import { parseArgs } from 'node:util';
import {
  loadConfigFile,
  parseFaultPlan,
  startGidsCard,
  startSoftCard,
  type GidsCardConfig,
  type SoftCardConfig,
  type FaultPlan,
} from './index.ts';

function fail(message: string): never {
  process.stderr.write(`soft-card: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      config: { type: 'string' },
      persist: { type: 'string' },
      edge: { type: 'string', default: 'piv' },
      verbose: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number.parseInt(values.port ?? '', 10);
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail('--port <vpcd port> is required');
  if (values.edge !== 'piv' && values.edge !== 'gids') fail('--edge must be piv or gids');
  let config: SoftCardConfig = {};
  let faults: FaultPlan = {};
  if (values.config !== undefined) {
    const loaded = loadConfigFile(values.config);
    config = loaded.config;
    faults = parseFaultPlan(loaded.faults);
  }
  const say = (line: string): void => {
    process.stderr.write(`soft-card[${port}]: ${line}\n`);
  };
  const common = {
    port,
    host: values.host,
    persistPath: values.persist,
    faults,
    connectTimeoutMs: 0,
    log: (line: string) => {
      if (values.verbose || (!line.startsWith('apdu ') && !line.startsWith('power '))) say(line);
    },
  };
  const card =
    values.edge === 'gids'
      ? await startGidsCard({ ...common, config: config as GidsCardConfig })
      : await startSoftCard({ ...common, config });
  say(`started (pid ${process.pid})`);
  const shutdown = (): void => {
    void card.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
