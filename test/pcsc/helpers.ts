// Shared bits for the PC/SC tests: waiting for service events with a deadline.
import type { PcscService, PcscServiceEvents } from '../../native/pcsc/index.ts';

/** Resolves with the arguments of the next `event` that satisfies `accept`, or rejects after `ms`. */
export function nextEvent<K extends keyof PcscServiceEvents>(
  service: PcscService,
  event: K,
  accept: (...args: PcscServiceEvents[K]) => boolean = () => true,
  ms = 5000,
): Promise<PcscServiceEvents[K]> {
  return new Promise((resolve, reject) => {
    const listener = (...args: PcscServiceEvents[K]): void => {
      if (!accept(...args)) return;
      clearTimeout(timer);
      service.off(event, listener as never);
      resolve(args);
    };
    const timer = setTimeout(() => {
      service.off(event, listener as never);
      reject(new Error(`no '${String(event)}' event within ${ms} ms`));
    }, ms);
    service.on(event, listener as never);
  });
}

/** Records every event the service emits, in order, as short strings. */
export function recordEvents(service: PcscService, readers: readonly string[]): string[] {
  const log: string[] = [];
  const mine = (name: string): boolean => readers.includes(name);
  service.on('reader-added', (name) => mine(name) && log.push(`reader-added ${name}`));
  service.on('reader-removed', (name) => mine(name) && log.push(`reader-removed ${name}`));
  service.on('card-inserted', (name) => mine(name) && log.push(`card-inserted ${name}`));
  service.on('card-removed', (name) => mine(name) && log.push(`card-removed ${name}`));
  service.on('service-lost', () => log.push('service-lost'));
  service.on('service-restored', () => log.push('service-restored'));
  return log;
}

export function elapsed(since: number): number {
  return Date.now() - since;
}
