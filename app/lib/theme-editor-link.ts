// Shopify's theme editor deep link that adds an app block to a new section of a template: the merchant lands in
// the editor with the block placed and only has to save.
// https://shopify.dev/docs/apps/build/online-store/theme-app-extensions/configuration#deep-linking
export function addAppBlockLink({
  shop,
  apiKey,
  blockHandle,
  template,
}: {
  shop: string;
  apiKey: string;
  blockHandle: string;
  template: string;
}): string {
  const url = new URL(`https://${shop}/admin/themes/current/editor`);
  url.searchParams.set("template", template);
  url.searchParams.set("addAppBlockId", `${apiKey}/${blockHandle}`);
  url.searchParams.set("target", "newAppsSection");
  return url.toString();
}
