// `station status`: the readers PC/SC reports and what is in them, as an operator sees it.
import { PcscService } from '../../native/pcsc/index.ts';
import { PivSession } from '../../core/card/piv/index.ts';
import { PivEnrollableCard } from '../../core/enrollment/adapters/piv-card.ts';
import { printLine, type Output } from '../output.ts';

export async function statusCommand(out: Output): Promise<number> {
  const pcsc = new PcscService();
  await pcsc.start();
  try {
    const readers = pcsc.listReaders();
    if (readers.length === 0) printLine(out, 'no readers');
    for (const r of readers) {
      if (!r.cardPresent) {
        printLine(out, `${r.name}: empty`, { reader: r.name, card: false });
        continue;
      }
      let summary = 'card present';
      let facts: Record<string, unknown> = {};
      try {
        const transport = await pcsc.connect(r.name, { share: 'shared' });
        try {
          const id = await new PivEnrollableCard(await PivSession.open(transport)).identify();
          facts = { ...id };
          summary =
            `PIV card, serial ${id.serial ?? 'unknown'}, ` +
            `${id.hasCertificate ? 'holds a certificate' : 'blank'}, ` +
            `factory PIN ${id.defaultPin === 'unknown' ? 'unknown' : id.defaultPin === 'yes' ? 'still set' : 'changed'}`;
        } finally {
          await transport.close('leave');
        }
      } catch (e) {
        summary = `card present, not a PIV card the station can read (${(e as Error).message})`;
      }
      printLine(out, `${r.name}: ${summary}`, { reader: r.name, card: true, ...facts });
    }
    return 0;
  } finally {
    await pcsc.close();
  }
}
