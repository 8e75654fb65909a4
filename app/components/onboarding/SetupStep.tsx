import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { ReactNode } from "react";

// One item of the setup checklist: its number, whether it is done (said in words, not only by colour), what
// it is for, and what to do.
export function SetupStep({
  id,
  number,
  title,
  done,
  optional = false,
  children,
}: {
  id: string;
  number: number;
  title: string;
  done: boolean;
  optional?: boolean;
  children: ReactNode;
}) {
  const headingId = `setup-step-${id}`;
  return (
    <li data-setup-step={id} data-done={done} aria-labelledby={headingId} style={{ listStyle: "none" }}>
      <Card>
        <BlockStack gap="300">
          <InlineStack gap="200" blockAlign="center" wrap>
            <Box
              as="span"
              minWidth="28px"
              minHeight="28px"
              borderRadius="full"
              background={done ? "bg-fill-success-secondary" : "bg-fill-secondary"}
            >
              <span
                aria-hidden
                style={{
                  display: "grid",
                  placeItems: "center",
                  inlineSize: 28,
                  blockSize: 28,
                  fontWeight: 600,
                }}
              >
                {done ? "✓" : number}
              </span>
            </Box>
            <Text as="h2" variant="headingMd" id={headingId}>
              {title}
            </Text>
            {done ? (
              <Badge tone="success">Done</Badge>
            ) : optional ? (
              <Badge>Optional</Badge>
            ) : (
              <Badge tone="attention">To do</Badge>
            )}
          </InlineStack>
          {children}
        </BlockStack>
      </Card>
    </li>
  );
}
