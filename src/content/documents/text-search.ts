/**
 * Matches documents whose words contain the query (full-text, English stemming) or whose
 * title-like columns contain it as typed. `columns` are SQL expressions over the alias.
 */
export function textSearchCondition(titleColumns: string[], bodyColumns: string[], parameter: string): string {
  const document = [...titleColumns, ...bodyColumns].map((column) => `coalesce(${column}, '')`).join(` || ' ' || `);
  const titleMatches = titleColumns.map((column) => `${column} ILIKE :${parameter}_pattern`).join(' OR ');
  return `(${titleMatches} OR to_tsvector('english', ${document}) @@ websearch_to_tsquery('english', :${parameter}))`;
}

export function textSearchParameters(parameter: string, text: string): Record<string, string> {
  const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
  return { [parameter]: text, [`${parameter}_pattern`]: `%${escaped}%` };
}
