// Lint rules that keep the layers honest (docs/architecture.md, "Folders and who may import whom"):
// core/ stays plain Node (no electron, no DOM, no PC/SC binding), sim/ shares nothing with core/
// so a bug in core's encoders cannot be mirrored by the peer it is tested against.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];
/** the composition roots: they build the station from core and native (and nothing else may) */
const FRONT_END_ROOTS = [
  'cli/compose.ts',
  'cli/central-log.ts',
  'electron/compose.ts',
  // the net.fetch HttpTransport the Electron composition root hands the certsrv client
  'electron/net-transport.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'dist/', 'out/', 'renderer/dist/', 'electron/dist/', '.run/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*'], message: 'core/ must not import electron' },
        {
          group: ['pcsclite', 'pcsclite/*'],
          message: 'core/ owns the Transport interface; native/ implements it',
        },
        {
          group: [
            '**/native/**',
            '**/electron/**',
            '**/renderer/**',
            '**/sim/**',
            '**/cli/**',
            '**/station/**',
            '**/dev/**',
          ],
          message:
            'core/ imports only core/ (the application layer and the hosts build on it, never the reverse)',
        },
        { group: ['react', 'react-dom', 'react-dom/*'], message: 'core/ has no DOM' },
      ]),
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['sim/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: ['**/core/**', '**/native/**', '**/electron/**', '**/renderer/**'],
          message: 'sim/ shares no code with the station',
        },
        { group: ['electron', 'electron/*'], message: 'sim/ must not import electron' },
      ]),
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*'], message: 'only electron/ imports electron' },
        {
          group: ['**/electron/**', '**/renderer/**', '**/sim/**'],
          message: 'native/ implements core interfaces only',
        },
      ]),
    },
  },
  {
    files: ['station/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['electron', 'electron/*', 'pcsclite', 'pcsclite/*'], message: 'station/ runs in any host' },
        {
          group: ['**/native/**', '**/sim/**', '**/cli/**', '**/electron/**', '**/renderer/**', '**/dev/**'],
          message: 'station/ (the application layer) imports only core/; hosts hand it their ports',
        },
      ]),
    },
  },
  {
    // the front ends reach the domain through the application layer only
    files: ['cli/**/*.ts', 'electron/**/*.ts'],
    // cli/commands/audit.ts imports station/audit.ts itself: the station/index.ts barrel loads the
    // enrollment stack, and `station audit list` must start fast (docs/audit-log.md)
    ignores: [...FRONT_END_ROOTS, 'cli/commands/audit.ts'],
    rules: {
      'no-restricted-imports': restrict([
        {
          group: [
            '**/core/card/**',
            '**/core/ca/**',
            '**/core/pki/**',
            '**/core/enrollment/**',
            '**/core/audit/**',
            '**/native/**',
            '**/sim/**',
            '**/dev/**',
            '**/station/*',
            '!**/station/index.ts',
          ],
          message:
            'front ends call the application layer (station/index.ts); allowed besides it: core/errors, core/config, core/i18n. Only the composition root (cli/compose.ts, electron/compose.ts) builds from core and native.',
        },
      ]),
    },
  },
  {
    files: FRONT_END_ROOTS,
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/sim/**', '**/dev/**'], message: 'the product never loads the simulators or the demo' },
      ]),
    },
  },
  {
    files: ['bench/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([
        { group: ['**/test/**'], message: 'bench/ stands on its own: share through dev/' },
      ]),
    },
  },
  {
    // only the demo, the tests and the benches load the simulators
    files: [
      'core/**/*.ts',
      'native/**/*.ts',
      'cli/**/*.ts',
      'electron/**/*.ts',
      'renderer/**/*.ts',
      'station/**/*.ts',
    ],
    ignores: ['cli/commands/demo.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportExpression[source.value=/(^|\\/)(sim|dev)\\//]',
          message: 'only dev/, test/ and bench/ load sim/ and dev/ (the demo command is the one door)',
        },
      ],
    },
  },
  {
    // the renderer sees nothing of the station but the IPC contract's types (and its own UI
    // libraries): no Node, no Electron, no core/station/native/sim/cli, not even as types
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks only through the preload bridge' }],
          patterns: [
            {
              group: ['node:*', 'electron/*'],
              message: 'the renderer talks only through the preload bridge',
            },
            {
              group: ['**/core/**', '**/native/**', '**/sim/**', '**/station/**', '**/cli/**', '**/dev/**'],
              message: 'the renderer imports only the IPC contract types (electron/ipc-contract.ts)',
            },
            {
              group: ['**/electron/**', '!**/electron/ipc-contract.ts'],
              message: 'the renderer imports only the IPC contract types (electron/ipc-contract.ts)',
            },
            {
              group: ['**/electron/ipc-contract.ts'],
              message:
                'import the IPC contract with `import type`: the renderer bundles no main-process code',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
