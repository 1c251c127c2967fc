// Lint rules that keep the layers honest (see ../shared/design.md, "Layers and folders"):
// core/ stays plain Node (no electron, no DOM, no PC/SC binding), sim/ shares nothing with core/
// so a bug in core's encoders cannot be mirrored by the peer it is tested against.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ['error', { patterns }];

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
          group: ['**/native/**', '**/electron/**', '**/renderer/**', '**/sim/**'],
          message: 'core/ imports only core/',
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
