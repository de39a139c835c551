import { ESLint } from 'eslint';

/**
 * The module boundaries `npm run lint` enforces (eslint.config.mjs), tried on sample imports:
 * content/ and common/ know no feature, and features reach each other only through public files.
 */
describe('import boundaries', () => {
  // Type information is not needed for import rules, and the sample files do not exist on disk.
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/switch-exhaustiveness-check': 'off',
        '@typescript-eslint/consistent-type-imports': 'off',
        '@typescript-eslint/no-unused-vars': 'off',
      },
    },
  });

  async function problems(filePath: string, source: string): Promise<string[]> {
    const [result] = await eslint.lintText(source, { filePath });
    return result.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
  }

  it('refuses a feature import in content/', async () => {
    const found = await problems('src/content/sample.ts', "import { Treatment } from '../treatments/treatment.entity';\n");
    expect(found).toEqual([expect.stringContaining('content/ and common/ must not import a feature')]);
  });

  it('refuses a feature import in common/, and code (not types) from content/', async () => {
    expect(await problems('src/common/validation/sample.ts', "import { Provider } from '../../providers/provider.entity';\n")).toHaveLength(1);
    expect(await problems('src/common/sample.ts', "import { DocumentQueries } from '../content/documents/document-queries';\n")).toEqual([
      expect.stringContaining('common/ may import types from content/, not code'),
    ]);
    expect(await problems('src/common/sample.ts', "import type { DocumentQueries } from '../content/documents/document-queries';\n")).toEqual([]);
  });

  it("refuses another feature's private file, and allows its public ones", async () => {
    expect(await problems('src/conditions/sample.ts', "import { TreatmentsResolver } from '../treatments/treatments.resolver';\n")).toEqual([
      expect.stringContaining('Import another feature only through its public files'),
    ]);
    for (const file of ['treatment.entity', 'treatment.descriptor', 'treatment.model', 'treatment.enums', 'treatments.service', 'treatments.module']) {
      expect(await problems('src/conditions/sample.ts', `import { X } from '../treatments/${file}';\n`)).toEqual([]);
    }
  });

  it('lets a feature import its own files and the shared layers', async () => {
    const source = [
      "import { TreatmentsResolver } from './treatments.resolver';",
      "import { DocumentQueries } from '../content/documents/document-queries';",
      "import { AppError } from '../common/errors/app-error';",
    ].join('\n');
    expect(await problems('src/treatments/sample.ts', `${source}\n`)).toEqual([]);
  });
});
