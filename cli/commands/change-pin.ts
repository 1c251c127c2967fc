// `station change-pin`: the holder of a card issued "PIN not changed" (or anyone who wants a new
// PIN) changes it at the station, under the policy the station enforces at issuance.
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, type Output } from '../output.ts';
import { askSecret } from '../secret-input.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

export async function changePinCommand(v: Values, out: Output): Promise<number> {
  const config = configFrom(v);
  const station = cliStation(config);
  try {
    await station.preflight();
    const reader =
      typeof v.reader === 'string'
        ? v.reader
        : ((await station.cards()).filter((c) => c.role === 'issued').map((c) => c.reader)[0] ??
          config.card.targetReader);
    const current = await askSecret('Current PIN');
    const next = await askSecret('New PIN');
    const again = await askSecret('New PIN again');
    try {
      await station.changePin(reader, current, next, again);
    } finally {
      current.wipe();
      next.wipe();
      again.wipe();
    }
    printLine(out, `PIN changed on the card in "${reader}"`, { reader, changed: true });
    return 0;
  } finally {
    await station.close();
  }
}
