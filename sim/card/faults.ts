// Fault injection for tests of the station's error handling.

export interface StatusWordFault {
  /** instruction byte to intercept, e.g. 0x47 for GENERATE */
  readonly ins: number;
  /** status word to answer instead of running the command, e.g. 0x6a84 */
  readonly sw: number;
  /** 'once' (default) disarms after the first hit */
  readonly times?: 'once' | 'always';
}

export interface FaultPlan {
  /** answer this many further APDUs, then drop the next one unanswered and pull the card out */
  readonly removeAfterApdus?: number;
  readonly statusWords?: readonly StatusWordFault[];
}

export class FaultError extends Error {}

function isByte(v: unknown, max = 0xff): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

/** Validates a plan that came from JSON. */
export function parseFaultPlan(raw: unknown): FaultPlan {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new FaultError('faults must be an object');
  const r = raw as Record<string, unknown>;
  const removeAfterApdus = r.removeAfterApdus;
  if (removeAfterApdus !== undefined && !isByte(removeAfterApdus, 1_000_000)) {
    throw new FaultError('faults.removeAfterApdus must be a non-negative integer');
  }
  const list = r.statusWords ?? [];
  if (!Array.isArray(list)) throw new FaultError('faults.statusWords must be an array');
  const statusWords = list.map((f: unknown): StatusWordFault => {
    const o = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    if (
      !isByte(o.ins) ||
      !isByte(o.sw, 0xffff) ||
      (o.times !== undefined && o.times !== 'once' && o.times !== 'always')
    ) {
      throw new FaultError(
        'each status-word fault needs ins (byte), sw (uint16) and optional times once|always',
      );
    }
    return { ins: o.ins, sw: o.sw, times: o.times };
  });
  return removeAfterApdus === undefined ? { statusWords } : { removeAfterApdus, statusWords };
}

/** Live fault state: counts APDUs since it was armed. */
export class FaultInjector {
  private removeAfter: number | undefined;
  private statusWords: StatusWordFault[];
  private seen = 0;

  constructor(plan: FaultPlan = {}) {
    this.removeAfter = plan.removeAfterApdus;
    this.statusWords = [...(plan.statusWords ?? [])];
  }

  /** 'remove' | a status word to answer | undefined to run the command normally */
  onApdu(apdu: Buffer): 'remove' | number | undefined {
    if (this.removeAfter !== undefined) {
      if (this.seen >= this.removeAfter) {
        this.removeAfter = undefined;
        return 'remove';
      }
    }
    this.seen++;
    const ins = apdu[1];
    const hit = this.statusWords.findIndex((f) => f.ins === ins);
    if (hit < 0) return undefined;
    const fault = this.statusWords[hit] as StatusWordFault;
    if ((fault.times ?? 'once') === 'once') this.statusWords.splice(hit, 1);
    return fault.sw;
  }
}
