// Windows implementations of the core/platform ports (TPM virtual smart cards).
export * from './command-runner.ts';
export * from './windows-version.ts';
export * from './tpm.ts';
export * from './tpmvscmgr.ts';
export * from './elevation.ts';
export * from './readers.ts';
