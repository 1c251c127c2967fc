// Ports core owns for the operating system's side of TPM virtual smart cards; native/windows
// implements them on Windows, test/windows fakes them from documented outputs elsewhere.
export * from './windows-version.ts';
export * from './tpm.ts';
export * from './virtual-card-manager.ts';
export * from './reader-kind.ts';
