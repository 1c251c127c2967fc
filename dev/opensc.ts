// OpenSC selects readers by number; the station knows them by name. Used by the demo (to show
// what OpenSC sees) and by the end-to-end tests (which let OpenSC judge the station's work).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

// The software cards may answer from the caller's own event loop, so OpenSC must run asynchronously.
export const runTool = promisify(execFile);

export async function openscReaderIndex(name: string): Promise<number> {
  const { stdout } = await runTool('opensc-tool', ['--list-readers'], { encoding: 'utf8', timeout: 30_000 });
  for (const line of stdout.split('\n')) {
    // "Nr.  Card  Features  Name": the features column may be empty, so match on the end
    const m = /^\s*(\d+)\s+(?:Yes|No)\s+(.*)$/.exec(line);
    if (m && (m[2] ?? '').trimEnd().endsWith(name)) return Number(m[1]);
  }
  throw new Error(`OpenSC does not list the reader "${name}"`);
}
