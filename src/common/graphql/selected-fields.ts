import { type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** The field nodes directly in a selection set, with fragments (spread and inline) flattened. */
export function fieldsIn(selectionSet: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): FieldNode[] {
  if (!selectionSet) return [];
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...fieldsIn(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value) && fragments[selection.name.value]) {
      seen.add(selection.name.value);
      fields.push(...fieldsIn(fragments[selection.name.value].selectionSet, fragments, seen));
    }
  }
  return fields;
}

/** Whether the field being resolved selects `name` directly (for work worth starting early when it is asked for). */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => fieldsIn(node.selectionSet, info.fragments).some((field) => field.name.value === name));
}
