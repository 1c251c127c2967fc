// Tests reach pcscd through here; the demo and the benches use the same code (dev/pcscd.ts). Starting
// or stopping the daemon is refused outside a private namespace (test/support/private-ns.ts).
import { ensurePcscd as ensureDaemon, stopPcscd as stopDaemon } from '../../dev/pcscd.ts';
import { requirePrivateNamespace } from './private-ns.ts';

export {
  PCSCD_LOG,
  READER_CONF_DIR,
  VPCD,
  VSC_VPCD,
  vpcdPair,
  runningPcscdPid,
  type VpcdPair,
} from '../../dev/pcscd.ts';

export async function ensurePcscd(): Promise<boolean> {
  requirePrivateNamespace();
  return ensureDaemon();
}

export async function stopPcscd(): Promise<void> {
  requirePrivateNamespace('this test stops pcscd');
  await stopDaemon();
}
