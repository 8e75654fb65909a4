import { isObjectType, type GraphQLNamedType, type GraphQLObjectType } from "graphql";

/** A Relay-style connection type such as OrderConnection: it pages, costs 2 plus its items, and splits bulk output. */
export function isConnectionType(type: GraphQLNamedType): type is GraphQLObjectType {
  if (!isObjectType(type) || !type.name.endsWith("Connection")) return false;
  const fields = type.getFields();
  return "nodes" in fields || "edges" in fields;
}
