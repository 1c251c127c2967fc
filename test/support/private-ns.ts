// The PC/SC tests start their own pcscd; pcscd allows one instance per /run/pcscd, so outside a
// private namespace they would take over (or fight) the machine's daemon and every other
// engineer's. scripts/private-ns.sh gives each run its own mount and network namespace (and the
// quickack loopback route, docs/testing.md); it marks the run with STATION_PRIVATE_NS=1.

export const PRIVATE_NS_COMMAND =
  'scripts/private-ns.sh node --disable-warning=ExperimentalWarning --test --test-concurrency=1 <file>';

export function inPrivateNamespace(): boolean {
  return process.env.STATION_PRIVATE_NS === '1';
}

/** Refuses to go on outside scripts/private-ns.sh, saying how to run the file instead. */
export function requirePrivateNamespace(what = 'this test starts pcscd'): void {
  if (inPrivateNamespace()) return;
  throw new Error(`${what}, so it runs only in a private namespace: ${PRIVATE_NS_COMMAND}`);
}

/** The loopback link of this run: 'quick' (quickack route) or 'plain' (vpcd's ~44 ms stall kept). */
export function link(): 'quick' | 'plain' {
  return process.env.STATION_LINK === 'plain' ? 'plain' : 'quick';
}
