// PGlite's contrib extensions are subpath exports (`exports["./contrib/*"]`), which this project's
// `moduleResolution: node` cannot see; Node resolves them at run time.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  import { type Extension } from '@electric-sql/pglite';

  export const pg_trgm: Extension;
}

declare module '@electric-sql/pglite/contrib/unaccent' {
  import { type Extension } from '@electric-sql/pglite';

  export const unaccent: Extension;
}
