// The names test/e2e reaches OpenSC by, over the one runner and reader index in dev/tools.ts.
// OpenSC selects readers by number (in PC/SC order); the station knows them by name.
import { checkedTool, type RunResult } from './tools.ts';

export { readerIndex as openscReaderIndex } from './tools.ts';

/**
 * A tool run that rejects when it exits non-zero (execFile's contract, which test/e2e relies on).
 * `encoding` is accepted for the callers written against execFile; output is always UTF-8.
 */
export function runTool(
  cmd: string,
  args: readonly string[],
  options: { readonly encoding?: 'utf8'; readonly timeout?: number; readonly env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return checkedTool(cmd, args, {
    ...(options.timeout === undefined ? {} : { timeoutMs: options.timeout }),
    ...(options.env === undefined ? {} : { env: options.env }),
  });
}
