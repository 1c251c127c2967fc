// The PINs the CLI asks for, and the engine's questions answered from the terminal or a pipe.
import { checkNewPin, Secret, type EnrollmentIO, type PinPolicy, type Progress } from '../station/index.ts';
import { StationError } from '../core/errors/catalog.ts';
import { explain } from '../core/errors/explain.ts';
import type { PROMPTS } from '../core/i18n/prompts.ts';
import { printLine, say, type Output } from './output.ts';
import { askSecret } from './secret-input.ts';

export type PromptKey = keyof typeof PROMPTS;

/** The holder's new PIN typed twice; a mismatch is asked again (up to three times). */
export async function askNewPinTwice(out: Output, policy: PinPolicy, transportPin: string): Promise<Secret> {
  const transport = Secret.fromText(transportPin);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      const pin = await askSecret(out, 'prompt.newPin');
      const again = await askSecret(out, 'prompt.newPinAgain');
      const verdict = checkNewPin(pin, transport, policy, again);
      again.wipe();
      if (verdict.ok) return pin;
      pin.wipe();
      const limits = { minLength: policy.minLength, maxLength: policy.maxLength };
      if (!process.stdin.isTTY) throw new StationError(verdict.reason, limits);
      printLine(out, explain(new StationError(verdict.reason, limits), out.language, 'cli').message);
    }
    throw new StationError('PIN_CONFIRMATION_MISMATCH');
  } finally {
    transport.wipe();
  }
}

/**
 * The engine's io for the CLI: the holder's PIN collected up front (so a bad one is refused before
 * the card is touched) is the first answer; if the card edge narrows the policy and refuses it, the
 * CLI asks again. `skip` is the operator's --no-pin-change.
 */
export function cliEnrollmentIO(
  out: Output,
  first: Secret | 'skip',
  transportPin: string,
  onProgress: (p: Progress) => void,
): EnrollmentIO {
  let pending: Secret | 'skip' | undefined = first;
  return {
    onProgress,
    async askNewPin(policy, rejected) {
      if (pending !== undefined) {
        const answer = pending;
        pending = undefined;
        return answer;
      }
      if (rejected !== undefined)
        printLine(
          out,
          say(out, 'cli.enroll.pinRefusedOnCard', {
            reason: explain(new StationError(rejected), out.language, 'cli').message,
          }),
        );
      return askNewPinTwice(out, policy, transportPin);
    },
  };
}
