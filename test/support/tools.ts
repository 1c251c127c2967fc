// The process runner (run, runTool, checkedTool, mustTool), the reader index (readerIndex,
// pkcs11SlotIndex, pkcs11OnlyReader) and temp folders that remove themselves (tempDir).
export * from '../../dev/tools.ts';
