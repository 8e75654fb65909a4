import {
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type NamedTypeNode,
  type SelectionSetNode,
} from "graphql";
import { isConnectionType } from "./connection-type";

/**
 * Shopify-like query cost: scalars and enums 0, objects 1, mutation root fields a flat 10, connections 2 plus their
 * items. Requested cost multiplies by `first`/`last`; actual cost counts what the response really holds.
 * Fragments on several types are summed rather than maxed: a slight overestimate, which is the safe side.
 */
export interface CostedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

const OBJECT_COST = 1;
const CONNECTION_COST = 2;
const MUTATION_COST = 10;

export function requestedQueryCost(operation: CostedOperation): number {
  return measure(operation, { estimate: true });
}

export function actualQueryCost(operation: CostedOperation, data: unknown): number {
  return measure(operation, { estimate: false, data });
}

function measure(
  { schema, document, operationName, variables }: CostedOperation,
  mode: { estimate: true } | { estimate: false; data: unknown },
): number {
  const operationNode = getOperationAST(document, operationName ?? undefined);
  const rootType = operationNode && schema.getRootType(operationNode.operation);
  if (!operationNode || !rootType) return 0;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const walker = new CostWalker(schema, fragments, variables ?? {}, mode.estimate);
  return walker.selectionCost(operationNode.selectionSet, rootType, mode.estimate ? undefined : mode.data);
}

interface FieldInType {
  node: FieldNode;
  parentType: GraphQLCompositeType;
}

class CostWalker {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    // Estimating: values are unknown and every list holds `first`/`last` items.
    private readonly estimate: boolean,
  ) {}

  selectionCost(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, value: unknown): number {
    if (!this.estimate && value == null) return 0;
    return this.fieldsOf(selectionSet, parentType).reduce(
      (total, field) => total + this.fieldCost(field, value),
      0,
    );
  }

  private fieldCost(field: FieldInType, parentValue: unknown): number {
    // A mutation costs its flat 10 whatever its payload selects, requested and actual alike.
    if (field.parentType === this.schema.getMutationType()) return MUTATION_COST;
    const child = childSelection(field);
    const value = this.valueAt(parentValue, field.node);
    if (!child || (!this.estimate && value === undefined)) return 0;
    const { definition, selectionSet, type } = child;
    if (isConnectionType(type)) {
      return (
        CONNECTION_COST + this.connectionItemsCost(selectionSet, type, value, this.pageSize(field.node) ?? 0)
      );
    }
    if (isListType(getNullableType(definition.type))) {
      return this.itemsOf(value, this.pageSize(field.node) ?? 1).reduce<number>(
        (total, item) => total + OBJECT_COST + this.selectionCost(selectionSet, type, item),
        0,
      );
    }
    return OBJECT_COST + this.selectionCost(selectionSet, type, value);
  }

  private connectionItemsCost(
    selectionSet: SelectionSetNode,
    connectionType: GraphQLCompositeType,
    connection: unknown,
    pageSize: number,
  ): number {
    let total = 0;
    for (const field of this.fieldsOf(selectionSet, connectionType)) {
      const fieldName = field.node.name.value;
      const child = childSelection(field);
      if (!child || (fieldName !== "nodes" && fieldName !== "edges")) continue;
      for (const item of this.itemsOf(this.valueAt(connection, field.node), pageSize)) {
        total +=
          fieldName === "nodes"
            ? OBJECT_COST + this.selectionCost(child.selectionSet, child.type, item)
            : this.edgeCost(child.selectionSet, child.type, item);
      }
    }
    return total;
  }

  private edgeCost(selectionSet: SelectionSetNode, edgeType: GraphQLCompositeType, edge: unknown): number {
    let total = 0;
    for (const field of this.fieldsOf(selectionSet, edgeType)) {
      const child = childSelection(field);
      if (!child || field.node.name.value !== "node") continue;
      const node = this.valueAt(edge, field.node);
      if (this.estimate || node != null)
        total += OBJECT_COST + this.selectionCost(child.selectionSet, child.type, node);
    }
    return total;
  }

  private fieldsOf(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType): FieldInType[] {
    return selectionSet.selections.flatMap((selection): FieldInType[] => {
      switch (selection.kind) {
        case Kind.FIELD:
          return [{ node: selection, parentType }];
        case Kind.INLINE_FRAGMENT:
          return this.fieldsOf(
            selection.selectionSet,
            this.conditionType(selection.typeCondition) ?? parentType,
          );
        case Kind.FRAGMENT_SPREAD: {
          const fragment = this.fragments[selection.name.value];
          return fragment
            ? this.fieldsOf(fragment.selectionSet, this.conditionType(fragment.typeCondition))
            : [];
        }
      }
    });
  }

  private conditionType(condition: NamedTypeNode): GraphQLCompositeType;
  private conditionType(condition: NamedTypeNode | undefined): GraphQLCompositeType | undefined;
  private conditionType(condition: NamedTypeNode | undefined): GraphQLCompositeType | undefined {
    return condition && (this.schema.getType(condition.name.value) as GraphQLCompositeType);
  }

  private valueAt(parent: unknown, node: FieldNode): unknown {
    if (this.estimate || parent === null || typeof parent !== "object") return undefined;
    return (parent as Record<string, unknown>)[node.alias?.value ?? node.name.value];
  }

  private itemsOf(value: unknown, estimatedCount: number): unknown[] {
    if (this.estimate) return Array.from({ length: estimatedCount });
    return Array.isArray(value) ? value : [];
  }

  private pageSize(node: FieldNode): number | undefined {
    const argument = node.arguments?.find(({ name }) => name.value === "first" || name.value === "last");
    if (!argument) return undefined;
    const size =
      argument.value.kind === Kind.INT
        ? Number(argument.value.value)
        : argument.value.kind === Kind.VARIABLE
          ? this.variables[argument.value.name.value]
          : undefined;
    return typeof size === "number" && Number.isFinite(size) ? size : undefined;
  }
}

function fieldDefinition(
  parentType: GraphQLCompositeType,
  fieldName: string,
): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parentType) || isInterfaceType(parentType)
    ? parentType.getFields()[fieldName]
    : undefined;
}

/** What a field selects on; undefined for leaves, `__typename` and fields the type does not have. */
function childSelection({
  node,
  parentType,
}: FieldInType):
  | { definition: GraphQLField<unknown, unknown>; selectionSet: SelectionSetNode; type: GraphQLCompositeType }
  | undefined {
  const definition = fieldDefinition(parentType, node.name.value);
  if (!definition || !node.selectionSet) return undefined;
  return {
    definition,
    selectionSet: node.selectionSet,
    type: getNamedType(definition.type) as GraphQLCompositeType,
  };
}
