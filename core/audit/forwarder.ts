// Store and forward: records are committed to the station's own log first (so enrolment never
// waits for the network), and this forwarder copies the unsent ones to the central store. The
// "sent up to" mark lives in the local audit_outbox table and is moved only after the central
// transaction committed; if the acknowledgement is lost the batch is sent again and the central
// store's idempotent insert drops the duplicates, so every record arrives exactly once.
import type { AuditRecord, Checkpoint } from './record.ts';
import type { WriteResult } from './postgres-sink.ts';

export interface OutboxSource {
  readonly stationId: string;
  outboxPending(sink: string, limit: number): { records: AuditRecord[]; checkpoints: Checkpoint[] };
  outboxState(sink: string): { forwardedSeq: number; forwardedCheckpointSeq: number };
  outboxMark(sink: string, forwardedSeq: number, forwardedCheckpointSeq: number): void;
  outboxBacklog(sink: string): number;
}

export interface CentralSink {
  write(
    stationId: string,
    records: readonly AuditRecord[],
    checkpoints: readonly Checkpoint[],
  ): Promise<WriteResult>;
}

export interface ForwarderOptions {
  readonly source: OutboxSource;
  readonly sink: CentralSink;
  /** name of the outbox marker (one per central store); default "central" */
  readonly sinkName?: string;
  readonly batchSize?: number;
  /** wait between polls when the backlog is empty; notify() cuts it short */
  readonly pollIntervalMs?: number;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly onStatus?: (s: ForwarderStatus) => void;
}

export interface ForwarderStatus {
  readonly running: boolean;
  /** records committed locally but not yet confirmed by the central store */
  readonly backlog: number;
  readonly forwardedSeq: number;
  readonly forwardedTotal: number;
  readonly duplicatesSkipped: number;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
  readonly lastSuccessAt: string | null;
  readonly nextAttemptAt: string | null;
}

export class AuditForwarder {
  readonly #o: Required<Omit<ForwarderOptions, 'onStatus'>> & Pick<ForwarderOptions, 'onStatus'>;
  #running = false;
  #loop: Promise<void> | null = null;
  #inFlight: Promise<number> | null = null;
  #wake: (() => void) | null = null;
  #failures = 0;
  #lastError: string | null = null;
  #lastSuccessAt: string | null = null;
  #nextAttemptAt: string | null = null;
  #forwarded = 0;
  #duplicates = 0;

  constructor(o: ForwarderOptions) {
    this.#o = {
      sinkName: 'central',
      batchSize: 500,
      pollIntervalMs: 1000,
      initialBackoffMs: 250,
      maxBackoffMs: 30_000,
      ...o,
    };
  }

  status(): ForwarderStatus {
    const state = this.#o.source.outboxState(this.#o.sinkName);
    return {
      running: this.#running,
      backlog: this.#o.source.outboxBacklog(this.#o.sinkName),
      forwardedSeq: state.forwardedSeq,
      forwardedTotal: this.#forwarded,
      duplicatesSkipped: this.#duplicates,
      consecutiveFailures: this.#failures,
      lastError: this.#lastError,
      lastSuccessAt: this.#lastSuccessAt,
      nextAttemptAt: this.#nextAttemptAt,
    };
  }

  /** Sends everything pending now; rejects on the first failure. Concurrent calls share one run. */
  forwardOnce(): Promise<number> {
    this.#inFlight ??= this.#drain().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  async #drain(): Promise<number> {
    const { source, sink, sinkName, batchSize } = this.#o;
    let sent = 0;
    for (;;) {
      const { records, checkpoints } = source.outboxPending(sinkName, batchSize);
      if (records.length === 0 && checkpoints.length === 0) return sent;
      const res = await sink.write(source.stationId, records, checkpoints);
      const state = source.outboxState(sinkName);
      const lastSeq = records.length ? records[records.length - 1]!.seq : state.forwardedSeq;
      const lastCp = checkpoints.length
        ? checkpoints[checkpoints.length - 1]!.seq
        : state.forwardedCheckpointSeq;
      source.outboxMark(sinkName, lastSeq, lastCp);
      sent += res.inserted;
      this.#forwarded += res.inserted;
      this.#duplicates += res.duplicates;
    }
  }

  /** Starts the background loop: forward, then wait (poll interval, or backoff after a failure). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Wakes the loop, e.g. right after an append, so records leave without waiting for the poll. */
  notify(): void {
    // During a backoff the central store is known to be down; appends must not hammer it.
    if (this.#failures === 0) this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      let wait: number;
      try {
        await this.forwardOnce();
        this.#failures = 0;
        this.#lastError = null;
        this.#lastSuccessAt = new Date().toISOString();
        wait = this.#o.pollIntervalMs;
      } catch (err) {
        this.#failures++;
        this.#lastError = err instanceof Error ? err.message : String(err);
        const exp = Math.min(
          this.#o.maxBackoffMs,
          this.#o.initialBackoffMs * 2 ** Math.min(this.#failures - 1, 20),
        );
        // Jitter keeps a fleet of stations from reconnecting in lock-step after an outage.
        wait = exp / 2 + Math.random() * (exp / 2);
      }
      this.#nextAttemptAt = new Date(Date.now() + wait).toISOString();
      this.#o.onStatus?.(this.status());
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        this.#wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#wake = null;
      this.#nextAttemptAt = null;
    }
  }
}
