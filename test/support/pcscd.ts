// Tests reach the shared pcscd through here; the demo uses the same code from sim/pcscd.
export * from '../../sim/pcscd/daemon.ts';
