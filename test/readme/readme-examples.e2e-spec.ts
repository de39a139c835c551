/**
 * Runs the README's examples, in order, against the demo practice, so the README cannot promise
 * what the API does not do.
 *
 * The convention (also in README "Development"):
 *
 * - ```graphql blocks run, each operation in turn (a block may hold several, like the editing
 *   walk-through). They must answer 2xx without errors.
 * - ```sh / ```bash blocks that call `curl` run in bash, with `localhost:3000` pointing at the
 *   test app; each curl must answer 2xx without GraphQL errors, unless a `# COMMENT` on its lines
 *   names the error code it demonstrates (`# PERSISTED_QUERY_NOT_FOUND`), which it must then answer.
 *   `$TOKEN` holds the signed-in user's access token, `$ADMIN_TOKEN` an admin's.
 * - Every other ```sh / ```bash block (installs, `npm start`, Docker, env examples) must be marked
 *   `<!-- readme-test: skip -->` (a reason may follow `skip`); the test fails on an unmarked one,
 *   so a new example is run or skipped on purpose. The first two blocks are the two commands the
 *   README starts with (`npm install && npm start`, `npm test`): checked, not run (.ci/smoke-embedded
 *   runs `npm start`).
 * - Blocks in other languages (js, ts, json, none) are never run.
 *
 * Directives are HTML comments on the lines just before a block (invisible on GitHub), one per
 * comment:
 *
 * - `<!-- readme-test: skip [reason] -->`: not run.
 * - `<!-- readme-test: as admin -->`: sent with an admin's token (default: the token of the last
 *   `login` example, else none).
 * - `<!-- readme-test: variables {"slug": "intrathecal-therapy"} -->`: the operation's variables.
 * - `<!-- readme-test: values {"documentIds": ["$treatment.id"]} -->`: what a `"…"` placeholder
 *   stands for, by the argument it is given to; `"$a.b"` is `data.a.b` of the latest answer that
 *   has it.
 * - `<!-- readme-test: replace "from" "to" -->`: runs the block with `from` replaced by `to` (a
 *   webhook URL that must resolve).
 * - `<!-- readme-test: expect CODE -->`: a refusal example: the answer must carry that error code.
 *
 * Without a `values` entry, `key: "…"` takes the latest value of `key` in an earlier answer
 * (`id: "…"` after a query that returned an id), and `password: "…"` the demo editor's password.
 * `version: N` in an example must be the version an earlier answer returned: the walk-through's
 * numbers are checked, not assumed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print } from 'graphql';
import { Role } from '../../src/auth/permissions';
import { useTestApp } from '../support/use-test-app';

interface Block {
  line: number;
  lang: string;
  code: string;
  directives: string[];
}

const README = join(__dirname, '..', '..', 'README.md');
const DIRECTIVE = /^\s*<!--\s*readme-test:\s*(.*?)\s*-->\s*$/;
const FENCE = /^(\s*)```(\S*)\s*$/;
const DEMO_EDITOR = { email: 'editor@example.com', password: 'readme-demo-editor-password' };

/** The fenced code blocks of the README, with the directives just above each. */
function readmeBlocks(): Block[] {
  const lines = readFileSync(README, 'utf8').split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = FENCE.exec(lines[index]);
    if (!open) continue;
    const indent = open[1];
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && lines[end].trim() !== '```') body.push(lines[end++].slice(indent.length));
    const directives: string[] = [];
    for (let above = index - 1; above >= 0; above -= 1) {
      const directive = DIRECTIVE.exec(lines[above]);
      if (directive) directives.unshift(directive[1]);
      else if (lines[above].trim() !== '') break;
    }
    blocks.push({ line: index + 1, lang: open[2], code: body.join('\n'), directives });
    index = end;
  }
  return blocks;
}

const directiveOf = (block: Block, name: string): string | undefined =>
  block.directives
    .find((directive) => directive === name || directive.startsWith(`${name} `))
    ?.slice(name.length)
    .trim();
const isShell = (block: Block) => block.lang === 'sh' || block.lang === 'bash';
const callsApi = (block: Block) => /(^|\s|\()curl\s/m.test(block.code);

const blocks = readmeBlocks();
const [firstCommand, secondCommand, ...examples] = blocks;
const runnable = examples.filter((block) => directiveOf(block, 'skip') === undefined && (block.lang === 'graphql' || (isShell(block) && callsApi(block))));

/** The value at `path` in the latest answer that has it. */
function latest(answers: unknown[], path: string[]): unknown {
  for (let index = answers.length - 1; index >= 0; index -= 1) {
    let value: unknown = answers[index];
    for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The latest value of `key` anywhere in an earlier answer (depth first within one). */
function latestKey(answers: unknown[], key: string): unknown {
  const find = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return undefined;
    if (!Array.isArray(value) && key in value) return (value as Record<string, unknown>)[key];
    for (const child of Object.values(value)) {
      const found = find(child);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  for (let index = answers.length - 1; index >= 0; index -= 1) {
    const found = find(answers[index]);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('README examples', () => {
  const app = useTestApp({ LOAD_DEMO_CONTENT: 'true', WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' });
  let baseUrl: string;
  let adminToken: string;
  let token: string | undefined;
  /** The `data` of every answer so far, oldest first. */
  const answers: unknown[] = [];

  beforeAll(async () => {
    const fastify = app.running.app.getHttpAdapter().getInstance();
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const address = fastify.server.address();
    if (!address || typeof address === 'string') throw new Error('the test app is not listening on a port');
    baseUrl = `127.0.0.1:${address.port}`;
    // The demo's accounts, with passwords the test knows (the real demo generates and logs them).
    await app.accounts.user({ ...DEMO_EDITOR, role: Role.EDITOR });
    adminToken = (await app.accounts.signedIn(Role.ADMIN)).accessToken;
  });

  it('starts with the two commands a new user runs: install and start, then test', () => {
    expect([firstCommand, secondCommand].map((block) => [block.lang, block.code.trim()])).toEqual([
      ['sh', 'npm install && npm start'],
      ['sh', 'npm test'],
    ]);
  });

  it('marks every shell block that does not call the API as skipped, so none is left out by accident', () => {
    const unmarked = examples.filter((block) => isShell(block) && !callsApi(block) && directiveOf(block, 'skip') === undefined);
    expect(unmarked.map((block) => `README.md:${block.line}: ${block.code.split('\n')[0]}`)).toEqual([]);
  });

  /** Fills `"…"` placeholders and checks `version: N` against the versions answers returned. */
  function prepare(block: Block, operation: string): string {
    const values = JSON.parse(directiveOf(block, 'values') ?? '{}') as Record<string, unknown>;
    const resolve = (value: unknown): unknown =>
      typeof value === 'string' && value.startsWith('$') ? latest(answers, value.slice(1).split('.')) : Array.isArray(value) ? value.map(resolve) : value;
    const filled = operation.replace(/(\w+)(\s*:\s*)(\[\s*)?"…"(\s*\])?/g, (_match, key: string, colon: string, open?: string) => {
      let value = key in values ? resolve(values[key]) : key === 'password' ? DEMO_EDITOR.password : latestKey(answers, key);
      if (value === undefined || (Array.isArray(value) && value.includes(undefined)))
        throw new Error(`README.md:${block.line}: nothing earlier answered "${key}" for its "…" (add <!-- readme-test: values {...} -->)`);
      if (open && !Array.isArray(value)) value = [value];
      if (!open && Array.isArray(value)) value = value[0];
      return `${key}${colon}${JSON.stringify(value)}`;
    });
    for (const [, written] of filled.matchAll(/\bversion:\s*(\d+)/g)) {
      expect({ line: block.line, version: Number(written) }).toEqual({ line: block.line, version: latestKey(answers, 'version') });
    }
    return filled;
  }

  function credential(block: Block): Record<string, string> {
    const bearer = directiveOf(block, 'as') === 'admin' ? adminToken : token;
    return bearer ? { authorization: `Bearer ${bearer}` } : {};
  }

  function applyReplacements(block: Block, code: string): string {
    for (const directive of block.directives.filter((entry) => entry.startsWith('replace '))) {
      const [from, to] = JSON.parse(`[${directive.slice('replace '.length).replace(/"\s+"/, '", "')}]`) as [string, string];
      code = code.split(from).join(to);
    }
    return code;
  }

  async function runGraphql(block: Block): Promise<void> {
    const document = parse(applyReplacements(block, block.code));
    const expected = directiveOf(block, 'expect');
    const variables = JSON.parse(directiveOf(block, 'variables') ?? '{}') as Record<string, unknown>;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const operation = prepare(block, print(definition));
      const response = await app.graphql(operation, variables, credential(block));
      const where = `README.md:${block.line}: ${operation.split('\n')[0]}`;
      if (expected) {
        expect({ where, codes: response.errors?.map((error) => error.extensions.code) }).toEqual({ where, codes: expect.arrayContaining([expected]) });
        continue;
      }
      expect({ where, status: response.status, errors: response.errors }).toEqual({ where, status: 200, errors: undefined });
      answers.push(response.data);
      const login = (response.data as { login?: { accessToken?: string } }).login;
      if (login?.accessToken) token = login.accessToken;
    }
  }

  async function runShell(block: Block): Promise<void> {
    const out = mkdtempSync(join(tmpdir(), 'cms-readme-'));
    try {
      // Each curl writes its body and status to numbered files, in the order the block runs them.
      const wrapper = `n=0\ncurl() { n=$((n+1)); command curl -sS -o "$OUT/$n.body" -w '%{http_code}' "$@" > "$OUT/$n.status"; }\n`;
      const code = applyReplacements(block, block.code).replace(/(https?:\/\/)?localhost:3000/g, (_match, scheme?: string) => `${scheme ?? ''}${baseUrl}`);
      // Asynchronously: the app answering the curls runs in this process.
      const run = await promisify(execFile)('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', wrapper + code], {
        env: { PATH: process.env.PATH, OUT: out, TOKEN: token ?? '', ADMIN_TOKEN: adminToken },
        encoding: 'utf8',
        timeout: 30_000,
      }).then(
        ({ stderr }) => ({ exitCode: 0, stderr }),
        (error: { code?: number; stderr?: string }) => ({ exitCode: error.code, stderr: error.stderr }),
      );
      expect({ line: block.line, ...run }).toEqual({ line: block.line, exitCode: 0, stderr: '' });
      // The curl commands of the block, with their lines joined, to read what each expects.
      const commands = block.code
        .replace(/\\\n/g, ' ')
        .split('\n')
        .filter((line) => /(^|\s|\()curl\s/.test(line));
      const calls = readdirSync(out).filter((name) => name.endsWith('.status')).length;
      expect({ line: block.line, calls }).toEqual({ line: block.line, calls: commands.length });
      commands.forEach((command, index) => {
        const status = Number(readFileSync(join(out, `${index + 1}.status`), 'utf8'));
        let body = readFileSync(join(out, `${index + 1}.body`), 'utf8');
        // `curl -i` puts the headers first.
        if (/^HTTP\//.test(body)) body = body.slice(body.search(/\r?\n\r?\n/)).trim();
        const answer = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
        const comment = /#\s*(.*)$/.exec(command)?.[1] ?? '';
        const expected = /\b[A-Z][A-Z_]{3,}\b/.exec(comment)?.[0];
        const where = `README.md:${block.line}: ${command.trim().slice(0, 80)}`;
        if (expected) {
          expect({ where, codes: answer.errors?.map((error) => error.extensions?.code) }).toEqual({ where, codes: expect.arrayContaining([expected]) });
        } else {
          expect({ where, succeeded: status >= 200 && status < 300, errors: answer.errors }).toEqual({ where, succeeded: true, errors: undefined });
          answers.push(answer.data);
        }
      });
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }

  it.each(runnable.map((block) => [`README.md:${block.line} (${block.lang}): ${block.code.split('\n')[0].slice(0, 70)}`, block] as const))(
    '%s',
    async (_title, block) => {
      if (block.lang === 'graphql') await runGraphql(block);
      else await runShell(block);
    },
  );
});
