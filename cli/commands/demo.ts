// `station demo`: loaded only on request, because the demo environment (software cards, demo CA,
// a private pcscd) lives in dev/ and is no part of the product.
import type { Output } from '../output.ts';

export async function demoCommand(
  out: Output,
  options: { keepRunning: boolean; keepDir?: string },
): Promise<number> {
  const { runDemo } = await import('../../dev/demo.ts');
  return runDemo(out, options);
}
