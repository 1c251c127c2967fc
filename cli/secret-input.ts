// PINs reach the CLI through standard input only — never argv (visible in the process table,
// the mistake landscape.md §1 records) and never the environment. On a terminal the digits are
// not echoed; from a pipe each line is one answer, in the order the command asks.
import { Secret } from '../station/index.ts';
import { StationError } from '../core/errors/catalog.ts';

let pipedLines: string[] | undefined;

/** PIN lines are short; a pipe that keeps sending (e.g. /dev/zero) is cut off, not read forever. */
const MAX_STDIN_BYTES = 64 * 1024;

async function readAllStdin(): Promise<string[]> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > MAX_STDIN_BYTES) {
      process.stdin.destroy();
      chunks.forEach((c) => c.fill(0));
      throw new StationError('BAD_INPUT', { field: 'standard input', problem: 'too long for PINs' });
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  chunks.forEach((c) => c.fill(0));
  return text.split(/\r?\n/);
}

async function askTerminal(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  try {
    return await new Promise<string>((resolve, reject) => {
      const onData = (buf: Buffer): void => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            resolve(value);
            return;
          }
          // Ctrl-C, or Ctrl-D (end of input) at the prompt: a clean cancel, nothing typed is kept
          if (ch === '\u0003' || ch === '\u0004') {
            stdin.off('data', onData);
            process.stderr.write('\n');
            value = '';
            reject(new StationError('CANCELLED', { at: 'PIN prompt' }));
            return;
          }
          if (ch === '\u007f') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** Asks for one secret; `label` is shown on a terminal only. */
export async function askSecret(label: string): Promise<Secret> {
  if (process.stdin.isTTY) return Secret.fromText(await askTerminal(`${label}: `));
  pipedLines ??= await readAllStdin();
  const line = pipedLines.shift();
  if (line === undefined || line === '')
    throw new StationError('CANCELLED', { at: label, problem: 'standard input ended' });
  return Secret.fromText(line);
}
