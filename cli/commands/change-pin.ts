// `station change-pin`: the holder of a card issued "PIN not changed" (or anyone who wants a new
// PIN) changes it at the station, under the policy the station enforces at issuance.
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, say, type Output } from '../output.ts';
import { askSecret } from '../secret-input.ts';
import { requireReaders } from './readers.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function changePinCommand(v: Values, out: Output): Promise<number> {
  const config = configFrom(v, 'change-pin');
  const station = cliStation(config);
  try {
    await station.preflight();
    const named = typeof v.reader === 'string' ? v.reader : undefined;
    await requireReaders(station, [named]);
    const reader =
      named ??
      (await station.cards()).filter((c) => c.role === 'issued').map((c) => c.reader)[0] ??
      config.card.targetReader;
    const current = await askSecret(out, 'prompt.currentPin');
    const secrets = [current];
    try {
      secrets.push(await askSecret(out, 'prompt.newPin'));
      secrets.push(await askSecret(out, 'prompt.newPinAgain'));
      await station.changePin(reader, current, secrets[1] as typeof current, secrets[2]);
    } finally {
      for (const s of secrets) s.wipe();
    }
    printLine(out, say(out, 'cli.changePin.done', { reader }), { reader, changed: true });
    return 0;
  } finally {
    await station.close();
  }
}
