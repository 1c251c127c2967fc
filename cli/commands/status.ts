// `station status`: the readers PC/SC reports and what is in them, as an operator sees it.
import type { CardView } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, type Output } from '../output.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

function pinWords(c: CardView): string {
  const words: string[] = [];
  const f = c.identity?.factoryPin;
  if (f === 'yes') words.push("the vendor's factory PIN is still set");
  else if (f === 'no') words.push("not the vendor's factory PIN");
  if (c.pinChanged === 'no') words.push('log: the holder has not chosen a PIN yet (transport PIN)');
  else if (c.pinChanged === 'yes') words.push('log: the holder chose a PIN');
  return words.join('; ') || 'PIN state unknown without spending a try';
}

export function describeCard(c: CardView): string {
  const id = c.identity;
  switch (c.role) {
    case 'empty':
      return 'empty';
    case 'unsupported':
      return 'a card the station cannot enroll (no PIV application)';
    case 'unreadable':
      return `card present, not readable (${c.problem ?? 'error'})`;
    case 'agent':
      return `operator card (Enrollment Agent ${c.upn ?? c.subject ?? ''}), ${id?.edge.toUpperCase()} serial ${id?.serial ?? 'none'}`;
    case 'issued':
      return `${id?.edge.toUpperCase()} card, serial ${id?.serial ?? 'none'}, issued to ${c.upn ?? c.subject ?? 'unknown'}, ${pinWords(c)}`;
    case 'blank':
      return `${id?.edge.toUpperCase()} card, serial ${id?.serial ?? 'none'}, blank, ${pinWords(c)}`;
  }
}

export async function statusCommand(v: Values, out: Output): Promise<number> {
  const station = cliStation(configFrom(v));
  try {
    const cards = await station.cards();
    if (cards.length === 0) printLine(out, 'no readers');
    for (const c of cards) printLine(out, `${c.reader}: ${describeCard(c)}`, { card: c });
    return 0;
  } finally {
    await station.close();
  }
}
