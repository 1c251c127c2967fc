// The end of a person's turn at the kiosk: after `allowanceMs` without a touch, key or bridge
// call, `onIdle` runs (main drops the operator session and everything typed, the screen returns
// to Start). Timers are injected so the Node test drives the clock.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const DEFAULT_IDLE_MS = 120_000;

export class IdleTimer {
  readonly #allowanceMs: number;
  readonly #onIdle: () => void;
  readonly #timers: Timers;
  #handle: unknown;

  constructor(allowanceMs: number, onIdle: () => void, timers: Timers = globalThis as unknown as Timers) {
    this.#allowanceMs = allowanceMs;
    this.#onIdle = onIdle;
    this.#timers = timers;
  }

  /** someone is there: the allowance starts again */
  touch(): void {
    this.stop();
    this.#handle = this.#timers.setTimeout(() => {
      this.#handle = undefined;
      this.#onIdle();
    }, this.#allowanceMs);
    // the idle allowance alone must not keep a process alive (tests, browser mode shutting down)
    (this.#handle as { unref?: () => void } | undefined)?.unref?.();
  }

  stop(): void {
    if (this.#handle !== undefined) this.#timers.clearTimeout(this.#handle);
    this.#handle = undefined;
  }
}
