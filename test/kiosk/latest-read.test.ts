// latestRead: the kiosk's reader reads never overlap, and each call is answered by a read that
// began after the call (so a screen never receives an answer older than its question).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latestRead } from '../../electron/handlers.ts';

/** a read whose answers the test releases by hand; it records when each read started */
function manualRead() {
  const started: number[] = [];
  const release: Array<(value: number) => void> = [];
  let running = 0;
  let overlapped = false;
  const read = (): Promise<number> => {
    if (running++ > 0) overlapped = true;
    started.push(started.length + 1);
    const n = started.length;
    return new Promise<number>((resolve) => release.push(() => resolve(n))).finally(() => running--);
  };
  return { read, started, release, overlapped: () => overlapped };
}
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('latestRead', () => {
  it('calls made during a read share one read that starts after it; reads never overlap', async () => {
    const m = manualRead();
    const next = latestRead(m.read);
    const first = next();
    await tick();
    const second = next();
    const third = next();
    await tick();
    assert.equal(m.started.length, 1, 'the second read waits for the first');
    m.release[0]?.(0);
    assert.equal(await first, 1);
    await tick();
    assert.equal(m.started.length, 2);
    m.release[1]?.(0);
    assert.equal(await second, 2, 'answered by the read begun after the call');
    assert.equal(await third, 2, 'the same queued read');
    assert.equal(m.overlapped(), false);
  });

  it('a failed read answers its callers and does not stop the next one', async () => {
    let n = 0;
    const next = latestRead(() => (++n === 1 ? Promise.reject(new Error('pcscd away')) : Promise.resolve(n)));
    await assert.rejects(next(), /pcscd away/);
    assert.equal(await next(), 2);
  });
});
