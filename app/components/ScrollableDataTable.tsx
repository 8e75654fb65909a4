import { DataTable, type DataTableProps } from "@shopify/polaris";
import { useEffect, useRef } from "react";

// Polaris' DataTable, reachable from the keyboard when it scrolls sideways. On a narrow screen (a 360 px phone)
// the table scrolls inside DataTable's own container, which Tab cannot reach, so a keyboard could not see its
// right-hand columns (WCAG 2.1.1; axe's scrollable-region-focusable). While the table is wider than its
// container, the container is a region named `label` that takes focus, and the arrow keys scroll it; when it
// fits, it is no stop for Tab.
export function ScrollableDataTable({ label, ...props }: DataTableProps & { label: string }) {
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = wrapper.current?.querySelector<HTMLElement>(".Polaris-DataTable__ScrollContainer");
    if (!container) return;
    const update = () => {
      if (container.scrollWidth > container.clientWidth + 1) {
        container.setAttribute("tabindex", "0");
        container.setAttribute("role", "region");
        container.setAttribute("aria-label", label);
      } else {
        for (const attribute of ["tabindex", "role", "aria-label"]) container.removeAttribute(attribute);
      }
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(container);
    const table = container.querySelector("table");
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [label]);
  return (
    <div ref={wrapper}>
      <DataTable {...props} />
    </div>
  );
}
