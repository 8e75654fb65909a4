// Where the app's backend answers. UI extensions get no environment variables at runtime and Shopify gives them
// no way to read the app's URL, so it is a build-time constant: keep it equal to `application_url` in
// shopify.app.toml (tests/extensions/extension-config.test.ts checks that). With `shopify app dev` the
// tunnel's URL changes on every run; set it here while developing against a dev store.
export const APP_URL = "https://parcelwise.example.com";
