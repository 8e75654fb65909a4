import { IndexTable, type IndexTableProps } from "@shopify/polaris";
import { useRef } from "react";
import { useOutOfTabOrder } from "../lib/use-out-of-tab-order";

// The sticky scrollbar Polaris draws under a wide IndexTable, for the pointer.
const STICKY_SCROLLBAR = ".Polaris-IndexTable__ScrollBar";

// Polaris' IndexTable (rows and cells are still IndexTable.Row and IndexTable.Cell) without an empty, unnamed
// stop for Tab: when the table is wider than the page, Chromium lets Tab stop on the sticky scrollbar Polaris
// draws under it, which only copies the table's own scrolling. The table's links and buttons scroll it into
// view, and the arrow keys scroll it from them.
export function KeyboardIndexTable(props: IndexTableProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  useOutOfTabOrder(wrapper, STICKY_SCROLLBAR);
  return (
    <div ref={wrapper}>
      <IndexTable {...props} />
    </div>
  );
}
