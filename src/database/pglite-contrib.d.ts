// PGlite's contrib extensions are subpath exports (`exports["./contrib/*"]`), which this project's
// `moduleResolution: node` cannot see; Node resolves them at run time.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export const pg_trgm: import('@electric-sql/pglite').Extension;
}
declare module '@electric-sql/pglite/contrib/unaccent' {
  export const unaccent: import('@electric-sql/pglite').Extension;
}
