// `station status`: the readers PC/SC reports and what is in them, as an operator sees it.
import type { CardView } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, say, type Output } from '../output.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

function pinWords(out: Output, c: CardView): string {
  const words: string[] = [];
  const f = c.identity?.factoryPin;
  if (f === 'yes') words.push(say(out, 'cli.pin.factoryYes'));
  else if (f === 'no') words.push(say(out, 'cli.pin.factoryNo'));
  if (c.pinChanged === 'no') words.push(say(out, 'cli.pin.logNotChosen'));
  else if (c.pinChanged === 'yes') words.push(say(out, 'cli.pin.logChosen'));
  return words.join(say(out, 'cli.list.separator')) || say(out, 'cli.pin.unknown');
}

export function describeCard(out: Output, c: CardView): string {
  const id = c.identity;
  const facts = {
    edge: id?.edge.toUpperCase() ?? '',
    serial: id?.serial ?? say(out, 'cli.card.noSerial'),
  };
  switch (c.role) {
    case 'empty':
      return say(out, 'cli.card.empty');
    case 'unsupported':
      return say(out, 'cli.card.unsupported');
    case 'unreadable':
      return say(out, 'cli.card.unreadable', { problem: c.problem ?? 'INTERNAL' });
    case 'agent':
      return say(out, 'cli.card.agent', { ...facts, upn: c.upn ?? c.subject ?? '' });
    case 'issued':
      return say(out, 'cli.card.issued', {
        ...facts,
        upn: c.upn ?? c.subject ?? say(out, 'cli.unknown'),
        pin: pinWords(out, c),
      });
    case 'blank':
      return say(out, 'cli.card.blank', { ...facts, pin: pinWords(out, c) });
  }
}

export async function statusCommand(v: Values, out: Output): Promise<number> {
  const station = cliStation(configFrom(v, 'status'));
  try {
    const cards = await station.cards();
    if (cards.length === 0) printLine(out, say(out, 'cli.readers.none'));
    for (const c of cards)
      printLine(out, say(out, 'cli.status.line', { reader: c.reader, card: describeCard(out, c) }), {
        card: c,
      });
    return 0;
  } finally {
    await station.close();
  }
}
