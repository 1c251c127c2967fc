// Stands in for the card when it is not in the reader: recovery can still roll back an
// enrollment that never reached the CA, and anything that needs the card says so plainly.
import { StationError } from '../../errors/catalog.ts';
import type { EnrollableCard } from '../ports.ts';

const missing = (): never => {
  throw new StationError('NO_CARD');
};

export const ABSENT_CARD: EnrollableCard = {
  identify: async () => missing(),
  authenticateAdmin: async () => missing(),
  generateKey: async () => missing(),
  verifyPin: async () => missing(),
  signerFor: () => missing(),
  readCertificate: async () => missing(),
  writeCertificate: async () => missing(),
  deleteCertificate: async () => missing(),
  writeIdentifiers: async () => missing(),
  setManagementKey: async () => missing(),
  changePin: async () => missing(),
  changePuk: async () => missing(),
  unblockPin: async () => missing(),
};
