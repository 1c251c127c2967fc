// The card edge as core sees it. native/pcsc implements this over PC/SC; core never imports
// pcsclite, so the enrollment domain runs (and is tested) without a particular PC/SC binding.
import { StationError } from '../errors/catalog.ts';

/** An ISO 7816-4 command. `ne` is the number of response bytes expected (256 for Le=00). */
export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** expected response length; omitted = no Le field (case 1/3) */
  readonly ne?: number;
}

/** A complete response: data already joined across `61xx` GET RESPONSE rounds. */
export interface ResponseApdu {
  readonly data: Uint8Array;
  /** SW1SW2 as one 16-bit number, e.g. 0x9000 */
  readonly sw: number;
}

/** What to do with the card when the station lets go of it (PC/SC SCARD_*_CARD). */
export type Disposition = 'leave' | 'reset' | 'unpower' | 'eject';

export interface Transport {
  readonly readerName: string;
  /** answer-to-reset of the card at connect time */
  readonly atr: Uint8Array;
  /**
   * Sends one logical command. Implementations split data longer than 255 bytes with ISO
   * command chaining (CLA bit 0x10) and follow `61xx` with GET RESPONSE, so callers see one
   * command and one response whatever the card's buffer sizes.
   */
  transmit(command: CommandApdu): Promise<ResponseApdu>;
  close(disposition?: Disposition): Promise<void>;
}

/** The card left the reader (or the reader left the machine) while the station used it. */
export class CardRemovedError extends StationError {
  readonly readerName: string;
  constructor(readerName: string) {
    super(
      'CARD_REMOVED',
      { reader: readerName },
      { diagnostic: `the card was removed from "${readerName}" during the operation` },
    );
    this.readerName = readerName;
    this.name = 'CardRemovedError';
  }
}

/** The PC/SC service is unreachable (pcscd stopped, or not installed). */
export class PcscUnavailableError extends StationError {
  constructor(detail: string) {
    super('PCSC_UNAVAILABLE', {}, { diagnostic: `the smart-card service is not available: ${detail}` });
    this.name = 'PcscUnavailableError';
  }
}
