// Liquid's `app.metafields`: the app's app-data metafields grouped by namespace, then key, each a metafield
// drop with `type`, `value` and `list?`. A `json` value is the parsed object, so `…look.value.accent_color`
// reads a property; numbers and booleans are themselves; other types stay text. Malformed JSON reads as nil.
export type AppDataMetafield = { namespace: string; key: string; type: string; value: string };

type MetafieldDrop = { type: string; value: unknown; "list?": boolean };

export function appMetafieldsDrop(
  metafields: readonly AppDataMetafield[],
): Record<string, Record<string, MetafieldDrop>> {
  const drop: Record<string, Record<string, MetafieldDrop>> = {};
  for (const metafield of metafields) {
    (drop[metafield.namespace] ??= {})[metafield.key] = {
      type: metafield.type,
      value: liquidValue(metafield),
      "list?": metafield.type.startsWith("list."),
    };
  }
  return drop;
}

function liquidValue({ type, value }: AppDataMetafield): unknown {
  if (type === "json" || type.startsWith("list.")) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (type === "number_integer" || type === "number_decimal") return Number(value);
  if (type === "boolean") return value === "true";
  return value;
}
