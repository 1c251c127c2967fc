// SCardGetStatusChange reports a bit mask per reader (pcsc-lite keeps an event counter in the
// upper 16 bits). Watchers get extra reports for CHANGED/INUSE/power cycling that are not card
// movements, and a vpcd card is power-cycled around every connection, so the service decides
// insert/remove from the PRESENT/EMPTY/MUTE bits only, after they held still for a moment.

export const STATE = {
  UNAWARE: 0x0000,
  IGNORE: 0x0001,
  CHANGED: 0x0002,
  UNKNOWN: 0x0004,
  UNAVAILABLE: 0x0008,
  EMPTY: 0x0010,
  PRESENT: 0x0020,
  ATRMATCH: 0x0040,
  EXCLUSIVE: 0x0080,
  INUSE: 0x0100,
  MUTE: 0x0200,
  UNPOWERED: 0x0400,
} as const;

export interface ReaderBits {
  /** a card sits in the reader and answered reset */
  readonly cardPresent: boolean;
  /** a card sits in the reader but gave no usable ATR */
  readonly mute: boolean;
  readonly inUse: boolean;
  readonly exclusive: boolean;
  /** pcsc-lite's per-reader event counter (mask bits 16..31) */
  readonly eventCount: number;
}

export function decodeState(mask: number): ReaderBits {
  const present = (mask & STATE.PRESENT) !== 0 && (mask & STATE.EMPTY) === 0;
  const mute = present && (mask & STATE.MUTE) !== 0;
  return {
    cardPresent: present && !mute,
    mute,
    inUse: (mask & STATE.INUSE) !== 0,
    exclusive: (mask & STATE.EXCLUSIVE) !== 0,
    eventCount: (mask >>> 16) & 0xffff,
  };
}

/** What a reader holds, as far as insert/remove events are concerned. */
export interface CardSlot {
  readonly present: boolean;
  /** upper-case hex ATR; '' when no card */
  readonly atr: string;
}

export const EMPTY_SLOT: CardSlot = { present: false, atr: '' };

export function sameSlot(a: CardSlot, b: CardSlot): boolean {
  return a.present === b.present && a.atr === b.atr;
}

/**
 * Holds back a new value until it has been reported unchanged for `delayMs`, then calls
 * `settle(previous, next)`. A value that flips back before the delay is dropped silently.
 * The first value settles immediately: it is the starting point, not a transition.
 */
export class Debouncer<T> {
  private stableValue: T | undefined;
  private pending: T | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly delayMs: number;
  private readonly equals: (a: T, b: T) => boolean;
  private readonly settle: (previous: T | undefined, next: T) => void;

  constructor(
    delayMs: number,
    equals: (a: T, b: T) => boolean,
    settle: (previous: T | undefined, next: T) => void,
  ) {
    this.delayMs = delayMs;
    this.equals = equals;
    this.settle = settle;
  }

  get stable(): T | undefined {
    return this.stableValue;
  }

  /** the most recent report, settled or not */
  get latest(): T | undefined {
    return this.pending ?? this.stableValue;
  }

  push(value: T): void {
    if (this.stableValue === undefined) {
      this.commit(value);
      return;
    }
    if (this.equals(value, this.stableValue)) {
      this.cancel();
      return;
    }
    if (this.pending !== undefined && this.equals(value, this.pending)) return;
    this.cancel();
    this.pending = value;
    if (this.delayMs <= 0) {
      this.commit(value);
      return;
    }
    this.timer = setTimeout(() => this.commit(value), this.delayMs);
  }

  /** settles a pending value now (used when the reader goes away) */
  flush(): void {
    if (this.pending !== undefined) this.commit(this.pending);
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private commit(value: T): void {
    this.cancel();
    const previous = this.stableValue;
    this.stableValue = value;
    this.settle(previous, value);
  }
}
