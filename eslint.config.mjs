import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** The content types and integrations built on the document mechanism (src/<feature>/). */
const FEATURES = [
  'treatments',
  'conditions',
  'faqs',
  'locations',
  'providers',
  'practice',
  'notices',
  'sync',
  'fhir',
  'demo',
  'medical-review',
  'structured-data',
  'sitemap',
];

/**
 * What a feature offers the others: its descriptor, entity, GraphQL model, enums, inputs, service
 * and Nest module, plus a few pure helpers named here. Everything else (resolvers, loaders, private
 * helpers) may change without telling anyone.
 */
const PUBLIC_FILE = String.raw`[a-z0-9-]+\.(descriptor|entity|model|enums|inputs|service|module)|provider-names|opening-hours|fhir-systems`;
const UP = String.raw`^(\.\./)+`;

const restrictedImports = (patterns) => ['error', { patterns }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'eslint.config.mjs', 'jest.config.js', 'test/operations/generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // With type information the rule keeps value imports that decorator metadata needs (Nest DI).
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The document mechanism and the shared helpers know no content type: types register themselves
    // through their descriptors (src/<feature>/<feature>.descriptor.ts).
    files: ['src/content/**/*.ts', 'src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports([
        { regex: `${UP}(${FEATURES.join('|')})/`, message: 'content/ and common/ must not import a feature; let the feature register through its descriptor.' },
      ]),
    },
  },
  {
    // common/ is below content/: it may name content's types, never run its code.
    files: ['src/common/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictedImports([
        { regex: `${UP}(${FEATURES.join('|')})/`, message: 'common/ must not import a feature.' },
        { regex: `${UP}content/`, allowTypeImports: true, message: 'common/ may import types from content/, not code.' },
      ]),
    },
  },
  ...FEATURES.map((feature) => ({
    // A feature uses another feature only through its public files.
    files: [`src/${feature}/**/*.ts`],
    rules: {
      'no-restricted-imports': restrictedImports([
        {
          regex: `${UP}(${FEATURES.filter((other) => other !== feature).join('|')})/(?!(${PUBLIC_FILE})$)`,
          message: `Import another feature only through its public files (${PUBLIC_FILE.replace(/\\/g, '')}).`,
        },
      ]),
    },
  })),
);
