// PINs reach the CLI through standard input only — never argv (visible in the process table,
// the mistake landscape.md §1 records) and never the environment. On a terminal the digits are
// not echoed; from a pipe each line is one answer, in the order the command asks.
//
// Two endings, each with one meaning: Ctrl-C at a prompt is CANCELLED (the person stopped; exit
// 130); standard input that ends before an answer (a pipe with too few lines, Ctrl-D on a
// terminal) is INPUT_ENDED (exit 1: the answers were missing, nobody chose to stop).
import { Secret } from '../station/index.ts';
import { StationError } from '../core/errors/catalog.ts';
import type { PromptKey } from './prompts.ts';
import { say, type Output } from './output.ts';

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
      throw new StationError('BAD_INPUT', { field: 'stdin', maxBytes: MAX_STDIN_BYTES });
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  chunks.forEach((c) => c.fill(0));
  return text.split(/\r?\n/);
}

type Ending = 'CANCELLED' | 'INPUT_ENDED';

async function askTerminal(prompt: string): Promise<string | Ending> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let value = '';
  try {
    return await new Promise<string | Ending>((resolve) => {
      const end = (answer: string | Ending): void => {
        stdin.off('data', onData);
        stdin.off('end', onEnd);
        process.stderr.write('\n');
        resolve(answer);
      };
      const onEnd = (): void => end('INPUT_ENDED');
      const onData = (buf: Buffer): void => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return end(value);
          // nothing typed is kept after Ctrl-C or Ctrl-D
          if (ch === '\u0003') return end(((value = ''), 'CANCELLED'));
          if (ch === '\u0004') return end(((value = ''), 'INPUT_ENDED'));
          if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
          else value += ch;
        }
      };
      stdin.on('data', onData);
      stdin.on('end', onEnd);
    });
  } finally {
    stdin.setRawMode(false);
    stdin.pause();
  }
}

/** Asks for one secret by its prompt; the prompt is shown on a terminal only. */
export async function askSecret(out: Output, key: PromptKey): Promise<Secret> {
  const label = say(out, key);
  const ended = (code: Ending): StationError =>
    new StationError(code, { prompt: label, command: out.command ?? '' });
  if (process.stdin.isTTY) {
    const answer = await askTerminal(`${label}: `);
    if (answer === 'CANCELLED' || answer === 'INPUT_ENDED') throw ended(answer);
    return Secret.fromText(answer);
  }
  pipedLines ??= await readAllStdin();
  const line = pipedLines.shift();
  if (line === undefined || line === '') throw ended('INPUT_ENDED');
  return Secret.fromText(line);
}
