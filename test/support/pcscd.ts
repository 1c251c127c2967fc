// Tests reach the shared pcscd through here; the demo uses the same code (dev/pcscd.ts).
export * from '../../dev/pcscd.ts';
