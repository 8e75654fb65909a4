import {
  Kind,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type SelectionSetNode,
} from "graphql";
import type { AdminContext } from "./admin-context";
import { adminField, storedField } from "./admin-fields";
import type { BulkQueryPlan } from "./bulk-query-rules";
import { isConnectionType } from "./connection-type";
import { gidType } from "./gid";
import { notImplemented } from "./resolver-errors";

export interface BulkLine {
  json: string;
  /** A node of the query's top-level connection (what `rootObjectCount` counts). */
  root: boolean;
}

interface ConnectionNodes {
  type: GraphQLCompositeType;
  selections: readonly SelectionSetNode[];
}

type CompiledField =
  | { kind: "typename"; key: string }
  | { kind: "connection"; key: string; name: string; args: Record<string, unknown>; nodes: ConnectionNodes }
  | {
      kind: "value";
      key: string;
      name: string;
      args: Record<string, unknown>;
      type: GraphQLOutputType;
      selections: readonly SelectionSetNode[];
    };

interface PendingChildren {
  items: readonly unknown[];
  nodes: ConnectionNodes;
  parentId: string | undefined;
}

/**
 * A bulk query's JSONL, one line at a time and only when asked for, so 50,000 orders never sit in memory as
 * text. Each connection node is a line; a nested connection's nodes follow their parent on their own lines
 * with `__parentId`; plain lists and objects stay inside their parent's line; page arguments are ignored.
 */
export class BulkJsonl {
  private readonly compiled = new WeakMap<readonly SelectionSetNode[], Map<string, CompiledField[]>>();
  private readonly queryType: GraphQLObjectType;
  private readonly roots: Extract<CompiledField, { kind: "connection" }>[];

  constructor(
    private readonly plan: BulkQueryPlan,
    private readonly context: AdminContext,
  ) {
    const queryType = plan.schema.getQueryType();
    if (!queryType) throw new Error("The Admin schema has no query type");
    this.queryType = queryType;
    // Checked now, so a query the stand-in cannot run is refused at once rather than failing later.
    this.roots = this.fieldsFor(queryType, [plan.operation.selectionSet]).map((field) => {
      if (field.kind !== "connection" || adminField(queryType.name, field.name)?.kind !== "connection") {
        throw notImplemented(`bulk operations over the top-level field '${field.key}'`);
      }
      return field;
    });
  }

  *lines(): Generator<BulkLine> {
    for (const root of this.roots) {
      for (const item of this.connectionItems(this.queryType, root, undefined)) {
        yield* this.nodeLines(item, root.nodes, undefined, true);
      }
    }
  }

  private *nodeLines(
    item: unknown,
    nodes: ConnectionNodes,
    parentId: string | undefined,
    root: boolean,
  ): Generator<BulkLine> {
    const children: PendingChildren[] = [];
    const line = this.project(item, this.runtimeType(nodes.type, item), nodes.selections, children, parentId);
    if (parentId !== undefined) line.__parentId = parentId;
    yield { json: JSON.stringify(line), root };
    for (const child of children) {
      for (const childItem of child.items)
        yield* this.nodeLines(childItem, child.nodes, child.parentId, false);
    }
  }

  private project(
    value: unknown,
    type: GraphQLObjectType,
    selections: readonly SelectionSetNode[],
    children: PendingChildren[],
    enclosingId: string | undefined,
  ): Record<string, unknown> {
    const ownId = (value as { id?: unknown }).id;
    const parentId = typeof ownId === "string" ? ownId : enclosingId;
    const result: Record<string, unknown> = {};
    for (const field of this.fieldsFor(type, selections)) {
      switch (field.kind) {
        case "typename":
          result[field.key] = type.name;
          break;
        case "connection":
          children.push({ items: this.connectionItems(type, field, value), nodes: field.nodes, parentId });
          break;
        case "value":
          result[field.key] = this.complete(
            this.fieldValue(type, field, value),
            field.type,
            field.selections,
            children,
            parentId,
          );
          break;
      }
    }
    return result;
  }

  private complete(
    raw: unknown,
    type: GraphQLOutputType,
    selections: readonly SelectionSetNode[],
    children: PendingChildren[],
    enclosingId: string | undefined,
  ): unknown {
    if (raw == null) return null;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const itemType = nullable.ofType as GraphQLOutputType;
      return (raw as unknown[]).map((item) =>
        this.complete(item, itemType, selections, children, enclosingId),
      );
    }
    if (isLeafType(nullable)) return raw;
    return this.project(raw, this.runtimeType(nullable, raw), selections, children, enclosingId);
  }

  private connectionItems(
    type: GraphQLObjectType,
    field: { name: string; args: Record<string, unknown> },
    source: unknown,
  ): readonly unknown[] {
    const spec = adminField(type.name, field.name);
    if (spec?.kind !== "connection") throw notImplemented(`${type.name}.${field.name} in bulk operations`);
    return spec.list(source as never, field.args as never, this.context).items;
  }

  private fieldValue(
    type: GraphQLObjectType,
    field: { name: string; args: Record<string, unknown> },
    source: unknown,
  ): unknown {
    const spec = adminField(type.name, field.name);
    switch (spec?.kind) {
      case "list":
        return spec.list(source as never, field.args as never, this.context);
      case "computed":
        return spec.resolve(source as never, field.args as never, this.context);
      default:
        return storedField(source, type.name, field.name);
    }
  }

  private runtimeType(type: GraphQLCompositeType, value: unknown): GraphQLObjectType {
    if (isObjectType(type)) return type;
    const id = (value as { id?: unknown } | null)?.id;
    const runtime = typeof id === "string" ? this.plan.schema.getType(gidType(id) ?? "") : undefined;
    if (isAbstractType(type) && isObjectType(runtime)) return runtime;
    throw notImplemented(`bulk output of ${type.name} values without an id`);
  }

  /** The fields a selection asks of one concrete type, merged by response key; compiled once per selection. */
  private fieldsFor(type: GraphQLObjectType, selections: readonly SelectionSetNode[]): CompiledField[] {
    let byType = this.compiled.get(selections);
    if (!byType) this.compiled.set(selections, (byType = new Map()));
    let fields = byType.get(type.name);
    if (!fields) byType.set(type.name, (fields = this.compile(type, selections)));
    return fields;
  }

  private compile(type: GraphQLObjectType, selections: readonly SelectionSetNode[]): CompiledField[] {
    const grouped = new Map<string, FieldNode[]>();
    const collect = (selectionSet: SelectionSetNode) => {
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          grouped.set(key, [...(grouped.get(key) ?? []), selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(selection.typeCondition?.name.value, type)) collect(selection.selectionSet);
        } else {
          const fragment = this.plan.fragments.get(selection.name.value);
          if (fragment && this.applies(fragment.typeCondition.name.value, type))
            collect(fragment.selectionSet);
        }
      }
    };
    selections.forEach(collect);
    return [...grouped].map(([key, nodes]): CompiledField => {
      const [node] = nodes;
      const name = node?.name.value ?? key;
      if (name === "__typename") return { kind: "typename", key };
      const definition = type.getFields()[name];
      if (!node || !definition) throw notImplemented(`${type.name}.${name} in bulk operations`);
      const args = getArgumentValues(definition, node, {});
      const subSelections = nodes.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
      const namedType = getNamedType(definition.type);
      if (isConnectionType(namedType)) {
        return { kind: "connection", key, name, args, nodes: this.connectionNodes(namedType, subSelections) };
      }
      return { kind: "value", key, name, args, type: definition.type, selections: subSelections };
    });
  }

  private connectionNodes(
    connectionType: GraphQLObjectType,
    selections: readonly SelectionSetNode[],
  ): ConnectionNodes {
    const nodesField = connectionType.getFields().nodes;
    const nodeType = nodesField && getNamedType(nodesField.type);
    if (!nodeType || !isCompositeType(nodeType))
      throw notImplemented(`bulk output of ${connectionType.name}`);
    const edges = selections.flatMap((selectionSet) => this.selectedNamed(selectionSet, "edges"));
    const nodes = edges.flatMap((edge) =>
      edge.selectionSet ? this.selectedNamed(edge.selectionSet, "node") : [],
    );
    return {
      type: nodeType,
      selections: nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
    };
  }

  private selectedNamed(selectionSet: SelectionSetNode, name: string): FieldNode[] {
    return selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name ? [selection] : [];
      const nested =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : this.plan.fragments.get(selection.name.value)?.selectionSet;
      return nested ? this.selectedNamed(nested, name) : [];
    });
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = this.plan.schema.getType(condition);
    return isAbstractType(conditionType) && this.plan.schema.isSubType(conditionType, type);
  }
}
