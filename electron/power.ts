// While a card is being written the display must not sleep and the machine must not suspend
// (a suspended USB reader is a pulled card). Electron's powerSaveBlocker is passed in.
export interface PowerSaveBlocker {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean;
}

export async function whileWritingCard<T>(blocker: PowerSaveBlocker, work: () => Promise<T>): Promise<T> {
  const id = blocker.start('prevent-display-sleep');
  try {
    return await work();
  } finally {
    blocker.stop(id);
  }
}
