// Reader names given on the command line are checked against the readers PC/SC reports before
// any PIN is asked: a misspelt name fails at once and lists the readers that exist.
import { StationError } from '../../core/errors/catalog.ts';
import type { Station } from '../../station/index.ts';

export async function requireReaders(
  station: Station,
  names: ReadonlyArray<string | undefined>,
): Promise<void> {
  const wanted = names.filter((n): n is string => n !== undefined);
  if (wanted.length === 0) return;
  const present = (await station.readers()).map((r) => r.name);
  for (const reader of wanted)
    if (!present.includes(reader))
      throw new StationError('UNKNOWN_READER', { reader, readers: present, readerCount: present.length });
}
