/** The one definition of what the public may see: published and not in the trash. */
export function publicVisibility(alias: string): string {
  return `${alias}.status = 'PUBLISHED' AND ${alias}.deleted_at IS NULL`;
}
