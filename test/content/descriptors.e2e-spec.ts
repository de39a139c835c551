import { COMMON_EDITABLE_FIELDS, contentTypes, WORKFLOW_COLUMNS } from '../../src/content/document-descriptor';
import { useTestApp } from '../support/use-test-app';

/**
 * Each content type is described once, in its descriptor, and everything else reads it. A column
 * the descriptor does not list would silently be dropped by edits, drafts and publishing.
 */
describe('content type descriptors', () => {
  const app = useTestApp();
  it('registers every content type of the schema', () => {
    expect(
      contentTypes()
        .map((contentType) => contentType.name)
        .sort(),
    ).toEqual(['Condition', 'Faq', 'Location', 'Notice', 'Practice', 'Provider', 'Treatment']);
  });

  it.each(contentTypes().map((contentType) => [contentType.name, contentType] as const))(
    'lists every column of %s as editable, workflow or deliberately not editable',
    (_name, contentType) => {
      const columns = app.dataSource.getMetadata(contentType.entity).columns.map((column) => column.propertyName);
      const described = new Set<string>([...WORKFLOW_COLUMNS, ...COMMON_EDITABLE_FIELDS, ...contentType.ownFields, ...Object.keys(contentType.notEditable)]);
      expect(columns.filter((column) => !described.has(column))).toEqual([]);
      // And nothing is listed that the entity does not have.
      expect([...described].filter((property) => !columns.includes(property))).toEqual([]);
    },
  );

  it.each(contentTypes().map((contentType) => [contentType.name, contentType] as const))(
    'names only real fields in the read plans, sync ownership and unique fields of %s',
    (_name, contentType) => {
      const columns = new Set(app.dataSource.getMetadata(contentType.entity).columns.map((column) => column.propertyName));
      const named = [
        ...Object.values(contentType.read.computed).flat(),
        ...contentType.read.alwaysRead,
        ...(contentType.sync?.owned ?? []),
        ...contentType.uniqueFields,
      ];
      expect(named.filter((property) => !columns.has(property))).toEqual([]);
    },
  );
});
