import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationAccess, renderPermissionsTable } from '../../src/auth/permissions-table';
import { resolverClasses } from '../../src/schema/schema-sdl';

describe('the permission table (docs/permissions.md)', () => {
  const operations = operationAccess(resolverClasses());

  it('matches the code (run `npm run build && npm run permissions:doc` after changing a resolver)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'permissions.md'), 'utf8');
    expect(renderPermissionsTable(operations)).toBe(committed);
  });

  it('lists a credential for every mutation (a mutation without one is refused at run time)', () => {
    const undeclared = operations.filter((operation) => operation.type === 'Mutation' && !operation.isPublic && !operation.permissions);
    expect(undeclared.map((operation) => operation.name)).toEqual([]);
  });

  it('knows the account operations', () => {
    const byName = new Map(operations.map((operation) => [operation.name, operation]));
    expect(byName.get('login')).toMatchObject({ type: 'Mutation', isPublic: true });
    expect(byName.get('createApiKey')).toMatchObject({ type: 'Mutation', permissions: ['api-keys:manage'] });
    expect(byName.get('users')).toMatchObject({ type: 'Query', permissions: ['users:manage'] });
    expect(byName.get('me')).toMatchObject({ type: 'Query', isPublic: false, permissions: undefined });
  });
});
