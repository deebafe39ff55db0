import litA11y from 'eslint-plugin-lit-a11y';
import lit from 'eslint-plugin-lit';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/', 'server/dist/', 'src/generated/', 'storybook-static/', 'node_modules/', 'custom-elements.json', 'data/', 'console/dist/', 'console/src/generated/']},
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'test/browser/**/*.ts', 'console/src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'stories/**/*.ts', 'console/src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', caughtErrors: 'none'}],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // chai's `expect(x).to.exist` reads as an expression.
    files: ['test/**/*.ts'],
    rules: {'@typescript-eslint/no-unused-expressions': 'off'},
  },
  {
    // Node scripts and configs.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {globals: {process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly', setTimeout: 'readonly'}},
  },
);
