import { Banner } from "@shopify/polaris";
import type { ReactNode } from "react";

// What an action answers for one of the Notifications page's forms.
export type FormResult = {
  ok: boolean;
  message: string | null;
  fieldErrors: Record<string, string>;
  providerMessageId?: string | null;
};

export function FormResultBanner({
  result,
  success,
  failure,
  children,
}: {
  result: FormResult | null;
  success: string;
  failure: string;
  children?: ReactNode;
}) {
  if (!result) return null;
  if (result.ok) {
    return (
      <Banner tone="success" title={success}>
        {children}
      </Banner>
    );
  }
  return (
    <Banner tone="critical" title={failure}>
      {result.message ? <p>{result.message}</p> : null}
    </Banner>
  );
}
