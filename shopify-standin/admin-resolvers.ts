import type { GraphQLFieldResolver, GraphQLTypeResolver } from "graphql";
import type { AdminContext } from "./admin-context";
import { adminField, storedField } from "./admin-fields";
import { connectionFromArray, firstOf, type ConnectionArgs } from "./connection";
import { gidType } from "./gid";

export type { AdminContext } from "./admin-context";

/** Resolves every Admin GraphQL field: computed ones from admin-fields.ts, the rest as stored. */
export const adminFieldResolver: GraphQLFieldResolver<unknown, AdminContext> = (
  source,
  args,
  context,
  info,
) => {
  const field = adminField(info.parentType.name, info.fieldName);
  switch (field?.kind) {
    case "connection":
      return connectionFromArray(args as ConnectionArgs, () =>
        field.list(source as never, args as never, context),
      );
    case "list":
      return firstOf(field.list(source as never, args as never, context), (args as ConnectionArgs).first);
    case "computed":
      return field.resolve(source as never, args as never, context);
    case undefined:
      return storedField(source, info.parentType.name, info.fieldName);
  }
};

/** Objects behind an interface (`node(id:)`) name their GraphQL type in their global ID. */
export const adminTypeResolver: GraphQLTypeResolver<unknown, AdminContext> = (value) => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === "string" ? gidType(id) : undefined;
};
