import { GraphQLError } from "graphql";

/** The kind of argument error Shopify reports with code BAD_REQUEST, e.g. "you must provide one of first or last". */
export function badRequest(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_REQUEST" } });
}

/** Something Shopify supports that the stand-in does not yet: loud, so a test never passes by accident. */
export function notImplemented(what: string): GraphQLError {
  return new GraphQLError(`shopify-standin does not implement ${what} yet`, {
    extensions: { code: "STANDIN_NOT_IMPLEMENTED" },
  });
}
