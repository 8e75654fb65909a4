// A deliberately plain theme around the block: header, main landmark, footer, system fonts, no images, so the
// block's own cost is what a with/without comparison measures.
export type LayoutInput = {
  shopName: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  head: string;
  main: string;
};

const THEME_CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#fff}
a{color:#1a1a1a}
.skip{position:absolute;inset-inline-start:-999px}.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem}
.site-header,.site-footer{padding:1rem;border-block-end:1px solid #ddd}
.site-footer{border-block:1px solid #ddd 0;margin-block-start:2rem;font-size:.875rem}
.site-header a{font-weight:700;text-decoration:none;font-size:1.25rem;display:inline-block;padding-block:.6rem}
.page-width{max-inline-size:72rem;margin-inline:auto;padding-inline:1rem}`;

const escape = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export function renderLayout(input: LayoutInput): string {
  return `<!doctype html>
<html lang="${escape(input.lang)}" dir="${input.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(input.title)} – ${escape(input.shopName)}</title>
<meta name="description" content="${escape(input.title)}">
<style>${THEME_CSS}</style>
${input.head}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="page-width"><a href="/">${escape(input.shopName)}</a></div></header>
<main id="main" class="page-width">
${input.main}
</main>
<footer class="site-footer"><div class="page-width">© ${escape(input.shopName)} · Storefront preview (not Shopify)</div></footer>
</body>
</html>`;
}
