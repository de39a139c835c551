import { API_KEY_SCOPES, type Permission, PUBLIC_OPERATION, REQUIRED_PERMISSIONS, Role, ROLE_PERMISSIONS, SIGNED_IN_USER_ONLY } from './permissions';

// Where @nestjs/graphql's @Query/@Mutation keep the operation type and its explicit name.
const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';

/** A resolver class, as far as reading its metadata goes. */
type ResolverClass = { prototype: object };

export interface OperationAccess {
  type: 'Query' | 'Mutation';
  name: string;
  isPublic: boolean;
  /** The caller needs one of these; undefined when the operation declares nothing. */
  permissions: Permission[] | undefined;
  /** Only a signed-in user, for their own account. */
  signedInUserOnly: boolean;
}

/** Each query and mutation of `resolvers` with the credential its metadata declares (method first, then class, as the guard reads it). */
export function operationAccess(resolvers: ResolverClass[]): OperationAccess[] {
  const operations: OperationAccess[] = [];
  for (const resolver of resolvers) {
    for (const [methodName, method] of methodsOf(resolver)) {
      const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, method);
      if (type !== 'Query' && type !== 'Mutation') continue;
      const declared = <T>(key: string): T | undefined => Reflect.getMetadata(key, method) ?? Reflect.getMetadata(key, resolver);
      operations.push({
        type,
        name: Reflect.getMetadata(RESOLVER_NAME_METADATA, method) ?? methodName,
        isPublic: declared<boolean>(PUBLIC_OPERATION) ?? false,
        permissions: declared<Permission[]>(REQUIRED_PERMISSIONS),
        signedInUserOnly: declared<boolean>(SIGNED_IN_USER_ONLY) ?? false,
      });
    }
  }
  return operations.sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

/** docs/permissions.md: who may call each mutation and protected query. */
export function renderPermissionsTable(operations: OperationAccess[]): string {
  const permissionName = (permission: Permission) => `\`${permission}\``;
  const rows = operations
    .filter((operation) => operation.type === 'Mutation' || operation.isPublic || operation.permissions)
    .map((operation) => {
      const name = `\`${operation.name}\``;
      if (operation.isPublic) return `| ${name} | ${operation.type} | public | anyone | — |`;
      if (!operation.permissions) return `| ${name} | ${operation.type} | **refused: declares no credential** | nobody | — |`;
      const needed = operation.permissions;
      if (operation.signedInUserOnly) return `| ${name} | ${operation.type} | signed-in user (own account) | ${Object.values(Role).join(', ')} | none |`;
      if (needed.length === 0) return `| ${name} | ${operation.type} | any credential | ${Object.values(Role).join(', ')} | any key |`;
      const roles = Object.values(Role).filter((role) => needed.some((permission) => ROLE_PERMISSIONS[role].includes(permission)));
      const scopes = needed.filter((permission) => API_KEY_SCOPES.includes(permission));
      return `| ${name} | ${operation.type} | ${needed.map(permissionName).join(' or ')} | ${roles.join(', ') || 'none'} | ${scopes.map(permissionName).join(', ') || 'none'} |`;
    });
  return [
    '# Permissions',
    '',
    "<!-- Generated from the resolvers' @Requires/@PublicOperation metadata by `npm run permissions:doc`; do not edit. -->",
    '',
    'Every mutation and every protected query, with the permission it needs (any one of those listed)',
    'and the roles and API key scopes that grant it. Queries not listed are public: they return',
    'published content only. Preview tokens grant `content:read-draft` alone, for the documents (or the',
    'one content type) they name, and can call no mutation nor read editorial information or revisions.',
    "Changing a user's role or disabling them ends every session of theirs at once: no token carries an",
    'old role (README, "Security: sign-in and sessions").',
    '',
    '| Operation | Type | Needs | Roles | API key scopes |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Roles',
    '',
    '| Role | Permissions |',
    '| --- | --- |',
    ...Object.values(Role).map((role) => `| ${role} | ${ROLE_PERMISSIONS[role].map(permissionName).join(', ')} |`),
    '',
    `API keys can be given these scopes: ${API_KEY_SCOPES.map(permissionName).join(', ')}.`,
    '',
  ].join('\n');
}

function methodsOf(resolver: ResolverClass): [string, object][] {
  const methods = new Map<string, object>();
  for (let prototype = resolver.prototype; prototype && prototype !== Object.prototype; prototype = Object.getPrototypeOf(prototype)) {
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
      if (name !== 'constructor' && !methods.has(name) && typeof descriptor?.value === 'function') methods.set(name, descriptor.value);
    }
  }
  return [...methods];
}
