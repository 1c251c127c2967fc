// The GIDS card edge (Windows TPM virtual smart cards): session commands and the minidriver layout.
export * from './constants.ts';
export * from './session.ts';
export * from './minidriver.ts';
export * from './enrollable.ts';
