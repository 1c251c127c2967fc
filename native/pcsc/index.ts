// PC/SC edge of the station: implements core's Transport over the pcsclite binding.
// Open a card with `new PcscService()`, `await service.start()`, `await service.connect(name)`.
export { PcscService } from './service.ts';
export type {
  ConnectOptions,
  PcscServiceEvents,
  PcscServiceOptions,
  ReaderInfo,
  ShareMode,
} from './service.ts';
export { PcscTransport } from './transport.ts';
export { NoCardError, PcscError, PcscTimeoutError, ReaderBusyError, UnknownReaderError } from './errors.ts';
export { CardRemovedError, PcscUnavailableError } from '../../core/card/transport.ts';
export type { CommandApdu, Disposition, ResponseApdu, Transport } from '../../core/card/transport.ts';
