import {
  Kind,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { checkAdminDocument } from "./admin-document-validation";
import type { AdminSchemas } from "./admin-schema";
import { isConnectionType } from "./connection-type";

/** A bulk query that passed Shopify's checks, ready to run against the unstable schema. */
export interface BulkQueryPlan {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: ReadonlyMap<string, FragmentDefinitionNode>;
}

export type BulkQueryCheck = { valid: true; plan: BulkQueryPlan } | { valid: false; messages: string[] };

export interface BulkQueryRuleOptions {
  /** Shopify refuses a connection inside a plain list (e.g. `fulfillments { events { … } }`); the stand-in can run it. */
  allowConnectionsInsideLists: boolean;
}

const MAX_CONNECTIONS = 5;
const MAX_CONNECTION_DEPTH = 2;

/**
 * What `bulkOperationRunQuery` checks before it creates an operation: the query must be valid against the
 * Admin schemas, then obey Shopify's bulk rules (edges > node, no top-level node, at most 5 connections nested
 * at most 2 deep, a nested connection's parent selects `id`, no connection inside a list). Messages are Shopify's.
 */
export function checkBulkQuery(
  schemas: AdminSchemas,
  source: string,
  options: BulkQueryRuleOptions,
): BulkQueryCheck {
  if (!source.trim()) return invalid("Invalid bulk query: syntax error, unexpected end of file");
  const check = checkAdminDocument(schemas, source);
  if (!check.valid) {
    return {
      valid: false,
      messages: check.errors.map((error) =>
        error.extensions.code === "parseError"
          ? `Invalid bulk query: ${rubyStyleSyntaxError(error.message)}`
          : `Invalid bulk query: ${error.message}`,
      ),
    };
  }
  const operation = getOperationAST(check.document);
  if (!operation) return invalid("Invalid bulk query: the query must contain exactly one operation");
  if (operation.operation !== "query") {
    return invalid("Invalid operation type. Only `query` operations are supported.");
  }
  const schema = schemas.unstable;
  const fragments = fragmentsOf(check.document);
  const shape = new BulkQueryShape(schema, fragments);
  const queryType = schema.getQueryType();
  if (queryType) shape.walk(operation.selectionSet, queryType, { depth: 0, insideList: false, parent: null });
  const messages = shape.violations(options);
  return messages.length
    ? { valid: false, messages }
    : { valid: true, plan: { schema, operation, fragments } };
}

function invalid(message: string): BulkQueryCheck {
  return { valid: false, messages: [message] };
}

// Shopify parses with graphql-ruby: "syntax error, unexpected end of file" rather than graphql-js's wording.
function rubyStyleSyntaxError(message: string): string {
  if (message.includes("<EOF>")) return "syntax error, unexpected end of file";
  return `syntax error, ${message.replace(/^Syntax Error: /, "")}`;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

interface Scope {
  /** How many connections enclose this selection. */
  depth: number;
  insideList: boolean;
  /** The nearest connection node or list item: a nested connection's __parentId comes from its `id`. */
  parent: { name: string; selectsId: boolean } | null;
}

class BulkQueryShape {
  private connections = 0;
  private maxDepth = 0;
  private readonly selectedViaNodes: string[] = [];
  private readonly withoutParentId = new Set<string>();
  private readonly topLevelNodeFields = new Set<string>();
  private connectionInsideList = false;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  ) {}

  walk(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, scope: Scope): void {
    for (const { node, type: ownerType } of this.fieldsOf(selectionSet, parentType)) {
      const name = node.name.value;
      const definition =
        isObjectType(ownerType) || isInterfaceType(ownerType) ? ownerType.getFields()[name] : undefined;
      if (!definition || !node.selectionSet) continue;
      if (ownerType === this.schema.getQueryType() && (name === "node" || name === "nodes")) {
        this.topLevelNodeFields.add(name);
      }
      const namedType = getNamedType(definition.type);
      if (isConnectionType(namedType)) {
        this.connection(name, node.selectionSet, namedType, scope);
      } else if (isCompositeType(namedType)) {
        const isList = isListType(getNullableType(definition.type));
        this.walk(node.selectionSet, namedType, {
          depth: scope.depth,
          insideList: scope.insideList || isList,
          parent: isList ? { name, selectsId: this.selectsId(node.selectionSet, namedType) } : scope.parent,
        });
      }
    }
  }

  violations({ allowConnectionsInsideLists }: BulkQueryRuleOptions): string[] {
    const messages: string[] = [];
    const [firstViaNodes] = this.selectedViaNodes;
    if (firstViaNodes !== undefined) {
      messages.push(
        `All connection fields in a bulk query must select their contents using 'edges' > 'node', e.g: '${firstViaNodes} { edges { node {'. Selecting via 'nodes' is not supported. Invalid connection fields: '${this.selectedViaNodes.join("', '")}'.`,
      );
    }
    for (const name of this.topLevelNodeFields) {
      messages.push(`Bulk queries cannot contain a top level \`${name}\` field.`);
    }
    if (this.maxDepth > MAX_CONNECTION_DEPTH) {
      messages.push(
        `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_CONNECTION_DEPTH}.`,
      );
    }
    if (this.connections > MAX_CONNECTIONS) {
      messages.push(`Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`);
    }
    if (this.withoutParentId.size) {
      messages.push(
        `The parent 'node' field for a nested connection must select the 'id' field without an alias and must be of 'ID' return type. Connection fields without 'id': ${[...this.withoutParentId].join(", ")}.`,
      );
    }
    if (this.connectionInsideList && !allowConnectionsInsideLists) {
      messages.push(
        "Queries that contain a connection field within a list field are not currently supported.",
      );
    }
    if (this.connections === 0 && messages.length === this.topLevelNodeFields.size) {
      messages.push("Bulk queries must contain at least one connection.");
    }
    return messages;
  }

  private connection(name: string, selectionSet: SelectionSetNode, type: GraphQLCompositeType, scope: Scope) {
    this.connections++;
    const depth = scope.depth + 1;
    this.maxDepth = Math.max(this.maxDepth, depth);
    if (scope.insideList) this.connectionInsideList = true;
    if (scope.parent && !scope.parent.selectsId) this.withoutParentId.add(scope.parent.name);
    for (const { node, type: ownerType } of this.fieldsOf(selectionSet, type)) {
      const nodeSelections =
        node.name.value === "nodes"
          ? [node]
          : node.name.value === "edges" && node.selectionSet
            ? this.fieldsOf(node.selectionSet, this.childType(ownerType, "edges") ?? ownerType)
                .filter((edgeField) => edgeField.node.name.value === "node")
                .map((edgeField) => edgeField.node)
            : [];
      if (node.name.value === "nodes") this.selectedViaNodes.push(name);
      const nodeType = this.childType(type, "nodes");
      for (const nodeSelection of nodeSelections) {
        if (!nodeSelection.selectionSet || !nodeType) continue;
        this.walk(nodeSelection.selectionSet, nodeType, {
          depth,
          insideList: false,
          parent: { name, selectsId: this.selectsId(nodeSelection.selectionSet, nodeType) },
        });
      }
    }
  }

  private childType(type: GraphQLCompositeType, fieldName: string): GraphQLCompositeType | undefined {
    const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[fieldName] : undefined;
    const named = field && getNamedType(field.type);
    return named && isCompositeType(named) ? named : undefined;
  }

  private selectsId(selectionSet: SelectionSetNode, type: GraphQLCompositeType): boolean {
    return this.fieldsOf(selectionSet, type).some(({ node }) => node.name.value === "id" && !node.alias);
  }

  /** Every field selected, through fragments, with the type it is selected on. */
  private fieldsOf(
    selectionSet: SelectionSetNode,
    parentType: GraphQLCompositeType,
  ): { node: FieldNode; type: GraphQLCompositeType }[] {
    return selectionSet.selections.flatMap((selection) => {
      switch (selection.kind) {
        case Kind.FIELD:
          return [{ node: selection, type: parentType }];
        case Kind.INLINE_FRAGMENT:
          return this.fieldsOf(
            selection.selectionSet,
            this.conditionType(selection.typeCondition?.name.value) ?? parentType,
          );
        case Kind.FRAGMENT_SPREAD: {
          const fragment = this.fragments.get(selection.name.value);
          return fragment
            ? this.fieldsOf(
                fragment.selectionSet,
                this.conditionType(fragment.typeCondition.name.value) ?? parentType,
              )
            : [];
        }
      }
    });
  }

  private conditionType(name: string | undefined): GraphQLCompositeType | undefined {
    const type = name === undefined ? undefined : this.schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }
}
