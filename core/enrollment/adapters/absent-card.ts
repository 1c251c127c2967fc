// Stands in for the card when it is not in the reader: recovery can still close an enrollment that
// never reached the CA, and anything that needs the card says so plainly.
import type { EnrollableCard } from '../../card/edge.ts';
import { PIV_CAPABILITIES } from '../../card/piv/enrollable.ts';
import { StationError } from '../../errors/catalog.ts';

const missing = (): never => {
  throw new StationError('NO_CARD');
};

export const ABSENT_CARD: EnrollableCard = {
  edge: 'piv',
  capabilities: PIV_CAPABILITIES,
  identify: async () => missing(),
  pinTriesLeft: async () => missing(),
  authenticateAdmin: async () => missing(),
  generateKey: async () => missing(),
  destroyKey: async () => missing(),
  verifyPin: async () => missing(),
  signerFor: () => missing(),
  readCertificate: async () => missing(),
  writeCertificate: async () => missing(),
  deleteCertificate: async () => missing(),
  personalise: async () => missing(),
  setAdminKey: async () => missing(),
  changePin: async () => missing(),
  changePuk: async () => missing(),
  unblockPin: async () => missing(),
};
