import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AppProvider, Button, Card, FormLayout, Page, Text, TextField } from "@shopify/polaris";
import polarisTranslations from "@shopify/polaris/locales/en.json" with { type: "json" };
import { useState } from "react";
import { login } from "../shopify.server";

// Shown when the app is opened outside Shopify admin: the merchant types their store to start OAuth.
export async function loader({ request }: LoaderFunctionArgs) {
  const result = await login(request);
  return { errors: loginErrorMessage(result) };
}

export async function action({ request }: ActionFunctionArgs) {
  const result = await login(request);
  return { errors: loginErrorMessage(result) };
}

function loginErrorMessage(result: Awaited<ReturnType<typeof login>>): string | null {
  if (result && "shop" in result && result.shop) return "Enter a valid myshopify.com domain.";
  return null;
}

export default function AuthLogin() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [shop, setShop] = useState("");
  const error = actionData?.errors ?? loaderData.errors;
  return (
    <AppProvider i18n={polarisTranslations}>
      <Page narrowWidth>
        <Card>
          <Form method="post">
            <FormLayout>
              <Text variant="headingMd" as="h1">
                Log in to Parcelwise
              </Text>
              <TextField
                type="text"
                name="shop"
                label="Shop domain"
                helpText="example.myshopify.com"
                value={shop}
                onChange={setShop}
                autoComplete="on"
                error={error ?? undefined}
              />
              <Button submit>Log in</Button>
            </FormLayout>
          </Form>
        </Card>
      </Page>
    </AppProvider>
  );
}
