// The two documents generated from the definition: the JSON Schema and the commented example.
// scripts/config-docs.ts writes them to docs/; a test checks the checked-in copies are current.
import { stationDefinition } from './definition.ts';
import { toExample, toJsonSchema } from './schema.ts';

export const SCHEMA_FILE = 'docs/station.schema.json';
export const EXAMPLE_FILE = 'docs/station.example.jsonc';

export function stationSchemaText(): string {
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://enrollment-station.invalid/station.schema.json',
    title: 'Enrollment station configuration',
    ...toJsonSchema(stationDefinition.spec, {
      $schema: { type: 'string', description: 'Where editors find this schema.' },
    }),
  };
  return JSON.stringify(schema, null, 2) + '\n';
}

export function stationExampleText(): string {
  return toExample(
    stationDefinition,
    [
      'Enrollment station configuration: an example with every setting, its bounds and its default.',
      'Generated from core/config/definition.ts by `node scripts/config-docs.ts`; do not edit by hand.',
      'Settings shown commented out are optional. Unknown or misspelt keys are refused at start-up.',
    ],
    { $schema: './station.schema.json' },
  );
}
