import type { ZodType } from "zod";
import {
  PreferenceInputError,
  savePreferences,
  shopFromDest,
} from "../models/notification-preferences.server";
import { authenticate } from "../shopify.server";

// Requests from the checkout and customer account UI extensions: a session token (HS256 JWT signed with the
// app's secret) in `Authorization: Bearer`, verified by Shopify's library; the shop is the token's `dest`.
// The extensions run on Shopify's origins, so every answer carries CORS headers, refusals included (the
// library's own 401 has none, and the extension could not tell it from a network failure).

type Kind = "customerAccount" | "checkout";
type Cors = (response: Response) => Response;

// `customerGid`: the token's subject, the signed-in customer (customer accounts); may be empty at checkout.
export type ExtensionContext = { shop: string; customerGid: string; cors: Cors };

function withOpenCors(response: Response): Response {
  const headers = new Headers(response.headers);
  if (!headers.has("Access-Control-Allow-Origin")) {
    headers.set("Access-Control-Allow-Origin", "*");
    headers.set("Access-Control-Allow-Headers", "Authorization, Content-Type");
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

// Throws a Response (401, or 204 for a CORS preflight) that Remix sends as is.
export async function authenticateExtension(request: Request, kind: Kind): Promise<ExtensionContext> {
  try {
    const { sessionToken, cors } =
      kind === "checkout"
        ? await authenticate.public.checkout(request)
        : await authenticate.public.customerAccount(request);
    const shop = shopFromDest(sessionToken.dest);
    if (!shop) throw cors(Response.json({ error: "Unknown shop" }, { status: 401 }));
    return { shop, customerGid: typeof sessionToken.sub === "string" ? sessionToken.sub : "", cors };
  } catch (error) {
    if (error instanceof Response) throw withOpenCors(error);
    throw error;
  }
}

export function jsonResponse(cors: Cors, body: unknown, status = 200): Response {
  return cors(Response.json(body, { status, headers: { "Cache-Control": "no-store" } }));
}

// A JSON body validated by `schema`, or a 400 answer naming what is wrong.
export async function readJsonBody<T>(
  request: Request,
  schema: ZodType<T>,
  cors: Cors,
): Promise<{ ok: true; value: T } | { ok: false; response: Response }> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return { ok: false, response: jsonResponse(cors, { error: "The request body must be JSON." }, 400) };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || null;
    return {
      ok: false,
      response: jsonResponse(cors, { error: `Invalid ${field ?? "request"}: ${issue?.message}`, field }, 400),
    };
  }
  return { ok: true, value: parsed.data };
}

// Saves notification choices and answers: the saved view, 404 for an order this caller may not change, or 400
// naming the field that is wrong.
export async function savePreferencesResponse(
  cors: Cors,
  input: Parameters<typeof savePreferences>[0],
): Promise<Response> {
  try {
    const preferences = await savePreferences(input);
    if (!preferences) return jsonResponse(cors, { error: "Order not found." }, 404);
    return jsonResponse(cors, { preferences });
  } catch (error) {
    if (error instanceof PreferenceInputError)
      return jsonResponse(cors, { error: error.message, field: error.field }, 400);
    throw error;
  }
}
