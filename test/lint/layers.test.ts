// The layering rules of eslint.config.js bite: each forbidden import, written into a file of the
// folder it is forbidden in, is reported, and the same import in a folder where it is allowed is
// not. (docs/architecture.md, "Folders and who may import whom")
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function messages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

const CASES: ReadonlyArray<readonly [file: string, code: string, forbidden: boolean]> = [
  [
    'cli/commands/x.ts',
    "import { PivSession } from '../../core/card/piv/session.ts';\nvoid PivSession;\n",
    true,
  ],
  ['cli/commands/x.ts', "import { enroll } from '../../core/enrollment/engine.ts';\nvoid enroll;\n", true],
  [
    'cli/commands/x.ts',
    "import { startSoftCard } from '../../sim/card/index.ts';\nvoid startSoftCard;\n",
    true,
  ],
  ['cli/commands/x.ts', "export const m = () => import('../../dev/demo.ts');\n", true],
  ['cli/commands/x.ts', "import { Station } from '../../station/index.ts';\nvoid Station;\n", false],
  ['cli/compose.ts', "import { PcscService } from '../native/pcsc/index.ts';\nvoid PcscService;\n", false],
  [
    'electron/x.ts',
    "import { openEnrollableCard } from '../core/card/registry.ts';\nvoid openEnrollableCard;\n",
    true,
  ],
  ['station/x.ts', "import { PcscService } from '../native/pcsc/index.ts';\nvoid PcscService;\n", true],
  ['station/x.ts', "import { StationError } from '../core/errors/catalog.ts';\nvoid StationError;\n", false],
  ['core/x.ts', "import { startCertsrv } from '../sim/certsrv/index.ts';\nvoid startCertsrv;\n", true],
  ['core/enrollment/x.ts', "import { cliStation } from '../../cli/compose.ts';\nvoid cliStation;\n", true],
  ['core/enrollment/x.ts', "import { Station } from '../../station/index.ts';\nvoid Station;\n", true],
  ['sim/card/x.ts', "import { tlv } from '../../core/card/tlv.ts';\nvoid tlv;\n", true],
  ['bench/x.ts', "import { run } from '../test/e2e/helpers.ts';\nvoid run;\n", true],
  [
    'bench/x.ts',
    "import { startDemoEnvironment } from '../dev/demo-environment.ts';\nvoid startDemoEnvironment;\n",
    false,
  ],
];

test('each layering rule reports a deliberate violation, and allows what its folder may import', async () => {
  for (const [file, code, forbidden] of CASES) {
    const found = (await messages(file, code)).filter((m) => /restricted/.test(m));
    if (forbidden) assert.ok(found.length > 0, `${file}: ${code.split('\n')[0]} should be refused`);
    else assert.deepEqual(found, [], `${file}: ${code.split('\n')[0]} should be allowed`);
  }
});
