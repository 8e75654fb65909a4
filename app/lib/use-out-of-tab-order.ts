import { useEffect, type RefObject } from "react";

// Takes the elements under `ref` that match `selector` out of the Tab order (tabindex -1), now and whenever
// what is rendered there changes: for markup a library draws that must not be a stop for Tab (a chart hidden
// from assistive technology, a duplicate scrollbar). They can still be clicked.
export function useOutOfTabOrder(ref: RefObject<HTMLElement | null>, selector: string) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const untab = () => {
      for (const element of root.querySelectorAll(selector))
        if (element.getAttribute("tabindex") !== "-1") element.setAttribute("tabindex", "-1");
    };
    untab();
    const observer = new MutationObserver(untab);
    observer.observe(root, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["tabindex"],
    });
    return () => observer.disconnect();
  }, [ref, selector]);
}
