// Fetches a CSV export and saves it. A fetch rather than a link: inside the Shopify admin, App Bridge adds the
// session token to the app's own fetches, which a plain navigation from the embedded frame would not carry.
export async function downloadCsv(url: string): Promise<void> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`CSV export failed (${response.status})`);
  const filename =
    /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "export.csv";
  const objectUrl = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}
