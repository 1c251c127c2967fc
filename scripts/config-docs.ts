// Writes docs/station.schema.json and docs/station.example.jsonc from the configuration's one
// definition (core/config/definition.ts), formatted as the repository's prettier settings say so
// `prettier --check` agrees. Run after changing a setting:
//   node --disable-warning=ExperimentalWarning scripts/config-docs.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import {
  EXAMPLE_FILE,
  SCHEMA_FILE,
  stationExampleText,
  stationSchemaText,
} from '../core/config/documents.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `text` as prettier formats the repository file `file`. */
export async function formatted(file: string, text: string): Promise<string> {
  const abs = path.join(root, file);
  const options = (await prettier.resolveConfig(abs)) ?? {};
  return prettier.format(text, { ...options, filepath: abs });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(path.join(root, SCHEMA_FILE), await formatted(SCHEMA_FILE, stationSchemaText()));
  writeFileSync(path.join(root, EXAMPLE_FILE), await formatted(EXAMPLE_FILE, stationExampleText()));
  process.stdout.write(`wrote ${SCHEMA_FILE} and ${EXAMPLE_FILE}\n`);
}
