import {
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isAbstractType,
  isCompositeType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { type DataSource, type ObjectLiteral } from 'typeorm';
import { fieldsIn } from '../../common/graphql/selected-fields';
import { type ContentType, contentTypeOf, contentTypes } from '../document-descriptor';
import { type Relation } from '../relations';
import { publicVisibility } from '../documents/visibility';

/** A column as the read plan selects it. */
interface PlannedColumn {
  property: string;
  column: string;
  timestamp: boolean;
}

/** The compiled form of a shape for one DataSource: its table and columns. */
interface CompiledShape {
  shape: ContentType;
  /** Fields that read other columns than their name (see DocumentDescriptor.read.computed). */
  computed: Record<string, readonly string[]>;
  table: string;
  /** Every column, by entity property. */
  columns: Map<string, PlannedColumn>;
  prototype: object;
}

/**
 * One relation of a planned node: the loader to prime with its targets, and how to read them.
 * Relation keys in the JSON are prefixed so they never collide with entity properties.
 */
export interface PlannedRelation {
  key: string;
  descriptor: Relation;
  node: PlannedNode;
}

/** What to read for a document at one place in the query: its SQL (for an alias) and how to hydrate it. */
export interface PlannedNode {
  compiled: CompiledShape;
  columns: PlannedColumn[];
  relations: PlannedRelation[];
}

const RELATION_PREFIX = '@';

const planners = new WeakMap<DataSource, ReadPlanner>();
/** PostgreSQL's json_build_object takes at most 100 arguments. */
const MAX_JSON_KEYS = 50;

/**
 * Compiles GraphQL selections into single SQL statements that return each document as JSON with
 * the relations the query asks for nested inside, as PostGraphile does: a treatment page is one
 * statement however many related items it shows. Plans are cached per operation (Apollo keeps
 * one parsed document per query text), so a repeated query costs no planning.
 *
 * Columns are chosen per GraphQL type for the whole operation (the union of what every place in
 * the query selects of that type), so two places that load the same relation of the same document
 * always produce objects with the same columns and can share the request's loaders.
 */
export class ReadPlanner {
  private readonly shapesByType = new Map<string, CompiledShape>();
  /** The JSON expression of each plan, by the alias it is written over. */
  private readonly jsonByAlias = new WeakMap<PlannedNode, Map<string, string>>();
  /** Per operation: the plan of each root field node, and the fields selected per type. */
  private readonly operations = new WeakMap<OperationDefinitionNode, { fieldsByType: Map<string, Set<string>>; plans: Map<FieldNode, PlannedNode> }>();

  private constructor(
    private readonly dataSource: DataSource,
    types: ContentType[],
  ) {
    for (const contentType of types) this.shapesByType.set(contentType.name, this.compile(contentType));
  }

  /** The planner of a DataSource, built on first use from the registered content types. */
  static for(dataSource: DataSource): ReadPlanner {
    let planner = planners.get(dataSource);
    if (!planner) {
      planner = new ReadPlanner(dataSource, contentTypes());
      planners.set(dataSource, planner);
    }
    return planner;
  }

  private compile(shape: ContentType): CompiledShape {
    // Fields of every document type (DocumentModel, and the editors' `editorial` view).
    const computed: Record<string, readonly string[]> = {
      seo: ['metaTitle', 'metaDescription', 'canonicalUrl', 'noindex', 'slug', 'ogImage'],
      url: ['slug'],
      editorial: [],
      ...shape.read.computed,
    };
    const metadata = this.dataSource.getMetadata(shape.entity);
    for (const property of Object.values(computed).flat()) {
      if (!metadata.columns.some((column) => column.propertyName === property)) throw new Error(`${shape.name} reads unknown property ${property}`);
    }
    const columns = new Map<string, PlannedColumn>();
    for (const column of metadata.columns) {
      columns.set(column.propertyName, {
        property: column.propertyName,
        column: column.databaseName,
        timestamp: column.type === 'timestamptz' || column.type === 'timestamp',
      });
    }
    return { shape, computed, table: metadata.tableName, columns, prototype: shape.entity.prototype };
  }

  /** Whether documents of this GraphQL type can be read through plans. */
  supports(typeName: string): boolean {
    return this.shapesByType.has(typeName);
  }

  /**
   * The plan for the documents a root field returns, found at `path` below it (e.g.
   * ['edges', 'node'] for a connection), or null when the type has no shape.
   */
  planFor(info: GraphQLResolveInfo, typeName: string, path: string[] = []): PlannedNode | null {
    const compiled = this.shapesByType.get(typeName);
    if (!compiled) return null;
    const operation = this.operationState(info);
    const fieldNode = info.fieldNodes[0];
    let plan = operation.plans.get(fieldNode);
    if (!plan) {
      const selections = this.selectionsAt(info, info.fieldNodes, path);
      plan = this.planNode(compiled, selections, info, operation.fieldsByType, 0);
      operation.plans.set(fieldNode, plan);
    }
    return plan;
  }

  private operationState(info: GraphQLResolveInfo) {
    let state = this.operations.get(info.operation);
    if (!state) {
      state = { fieldsByType: selectedFieldsByType(info.schema, info.operation, info.fragments), plans: new Map() };
      this.operations.set(info.operation, state);
    }
    return state;
  }

  /** The field nodes found by following `path` (field names, fragments flattened) from `nodes`. */
  private selectionsAt(info: GraphQLResolveInfo, nodes: readonly FieldNode[], path: string[]): FieldNode[] {
    let current = [...nodes];
    for (const name of path) {
      current = current.flatMap((node) => fieldsIn(node.selectionSet, info.fragments).filter((field) => field.name.value === name));
    }
    return current;
  }

  private planNode(compiled: CompiledShape, nodes: FieldNode[], info: GraphQLResolveInfo, fieldsByType: Map<string, Set<string>>, depth: number): PlannedNode {
    const selected = fieldsByType.get(compiled.shape.name) ?? new Set<string>();
    const columns = this.columnsFor(compiled, selected);
    const relations: PlannedRelation[] = [];
    // Depth is bounded by the query limits; this guard only keeps a pathological plan finite.
    if (depth < 12) {
      const children = nodes.flatMap((node) => fieldsIn(node.selectionSet, info.fragments));
      for (const [fieldName, descriptor] of Object.entries(compiled.shape.read.relations)) {
        const fieldNodes = children.filter((child) => child.name.value === fieldName);
        if (fieldNodes.length === 0) continue;
        const target = this.shapeOfTarget(descriptor);
        relations.push({ key: `${RELATION_PREFIX}${descriptor.name}`, descriptor, node: this.planNode(target, fieldNodes, info, fieldsByType, depth + 1) });
      }
    }
    if (columns.length + relations.length > MAX_JSON_KEYS) throw new Error(`${compiled.shape.name} has too many columns for one json_build_object`);
    return { compiled, columns, relations };
  }

  private shapeOfTarget(descriptor: Relation): CompiledShape {
    const compiled = this.shapesByType.get(contentTypeOf(descriptor.targetType).name);
    if (!compiled) throw new Error(`No content type for the target of relation ${descriptor.name}`);
    return compiled;
  }

  /**
   * The columns the selected fields read: the id (relations and loaders key on it), what the
   * shape always reads, same-named properties and what computed fields declare.
   */
  private columnsFor(compiled: CompiledShape, selected: Set<string>): PlannedColumn[] {
    const needed = new Set<string>(['id', ...(compiled.shape.read.alwaysRead ?? [])]);
    for (const field of selected) {
      if (field === '__typename' || field in compiled.shape.read.relations) continue;
      if (field in compiled.computed) for (const property of compiled.computed[field]) needed.add(property);
      else if (compiled.columns.has(field)) needed.add(field);
      // A field the shape does not know: read everything rather than guess.
      else return [...compiled.columns.values()];
    }
    return [...compiled.columns.values()].filter((column) => needed.has(column.property));
  }

  /** `json_build_object(…)` of the document aliased `alias`, with its planned relations nested. */
  jsonOf(node: PlannedNode, alias: string): string {
    let byAlias = this.jsonByAlias.get(node);
    if (!byAlias) this.jsonByAlias.set(node, (byAlias = new Map()));
    let json = byAlias.get(alias);
    if (json === undefined) byAlias.set(alias, (json = this.buildJson(node, alias)));
    return json;
  }

  private buildJson(node: PlannedNode, alias: string, aliases = { count: 0 }): string {
    const pairs = node.columns.map((column) => `'${column.property}', ${alias}.${column.column}`);
    for (const relation of node.relations) pairs.push(`'${relation.key}', ${this.relationJson(relation, alias, aliases)}`);
    return `json_build_object(${pairs.join(', ')})`;
  }

  /** A correlated subquery: the visible targets of a relation of `ownerAlias`, in order, as a JSON array. */
  private relationJson(relation: PlannedRelation, ownerAlias: string, aliases: { count: number }): string {
    const { descriptor } = relation;
    aliases.count += 1;
    const join = `rj${aliases.count}`;
    const target = `rt${aliases.count}`;
    // Descriptors write their conditions over `j` (join row) and `t` (target); nested subqueries need their own names.
    const rename = (sql: string) => sql.replace(/\b([jt])\./g, (_match, name: string) => `${name === 'j' ? join : target}.`);
    const condition = descriptor.joinCondition ? ` AND (${rename(descriptor.joinCondition)})` : '';
    return `(SELECT coalesce(json_agg(${this.buildJson(relation.node, target, aliases)} ORDER BY ${rename(descriptor.orderBy)}, ${target}.id), '[]'::json)
      FROM ${descriptor.joinTable} ${join} JOIN ${relation.node.compiled.table} ${target} ON ${target}.id = ${join}.${descriptor.targetColumn}
      WHERE ${join}.${descriptor.ownerColumn} = ${ownerAlias}.id AND ${publicVisibility(target)}${condition})`;
  }

  /**
   * Turns one document's JSON into an entity object (timestamps as Dates) and hands the nested
   * relations to `prime(descriptor, ownerId, targets)`, depth first.
   */
  hydrate<T>(node: PlannedNode, json: Record<string, unknown>, prime: (descriptor: Relation, ownerId: string, targets: ObjectLiteral[]) => void): T {
    const document = Object.create(node.compiled.prototype) as Record<string, unknown>;
    for (const column of node.columns) {
      const value = json[column.property];
      document[column.property] = column.timestamp && typeof value === 'string' ? new Date(value) : value;
    }
    for (const relation of node.relations) {
      const targets = (json[relation.key] as Record<string, unknown>[]).map((target) => this.hydrate<ObjectLiteral>(relation.node, target, prime));
      prime(relation.descriptor, document.id as string, targets);
    }
    return document as T;
  }
}

/** Every field name the operation selects on each object type, anywhere in it. */
export function selectedFieldsByType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const root =
    operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return result;
  const visited = new Set<string>();
  const visit = (typeName: string, selectionSet: SelectionSetNode | undefined, depth: number) => {
    if (!selectionSet || depth > 30) return;
    const type = schema.getType(typeName);
    if (!type || !isCompositeType(type)) return;
    const concrete = isAbstractType(type) ? schema.getPossibleTypes(type).map((possible) => possible.name) : [typeName];
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.typeCondition?.name.value ?? typeName, selection.selectionSet, depth + 1);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        const key = `${typeName}:${selection.name.value}`;
        if (fragment && !visited.has(key)) {
          visited.add(key);
          visit(fragment.typeCondition.name.value, fragment.selectionSet, depth + 1);
        }
        continue;
      }
      for (const name of concrete) {
        let fields = result.get(name);
        if (!fields) result.set(name, (fields = new Set()));
        fields.add(selection.name.value);
      }
      if (!selection.selectionSet || !('getFields' in type)) continue;
      const definition = type.getFields()[selection.name.value];
      if (definition) visit(getNamedType(definition.type).name, selection.selectionSet, depth + 1);
    }
  };
  visit(root.name, operation.selectionSet, 0);
  return result;
}
