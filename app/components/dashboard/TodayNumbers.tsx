import { Link } from "@remix-run/react";
import { BlockStack, Box, InlineGrid, Text } from "@shopify/polaris";

import type { TodayTile } from "../../models/dashboard.server";

// Each number opens the shipments behind it. The whole card is the link, named by its label and number.
export function TodayNumbers({ tiles }: { tiles: TodayTile[] }) {
  return (
    <InlineGrid columns={{ xs: 2, sm: 3, md: 4, lg: 7 }} gap="300">
      {tiles.map((tile) => (
        <Link
          key={tile.id}
          to={tile.url}
          data-metric={tile.id}
          style={{
            color: "inherit",
            textDecoration: "none",
            display: "block",
            blockSize: "100%",
            borderRadius: "var(--p-border-radius-300)",
          }}
        >
          {/* A card that fills the grid cell, so a row of tiles lines up whatever their labels wrap to. */}
          <Box background="bg-surface" padding="400" borderRadius="300" shadow="100" minHeight="100%">
            <BlockStack gap="100">
              <Text as="h3" variant="headingSm" tone="subdued">
                {tile.label}
              </Text>
              <Text as="p" variant="heading2xl" tone={tile.value > 0 ? tile.tone : undefined}>
                <span data-metric-value>{tile.value.toLocaleString("en")}</span>
              </Text>
            </BlockStack>
          </Box>
        </Link>
      ))}
    </InlineGrid>
  );
}
