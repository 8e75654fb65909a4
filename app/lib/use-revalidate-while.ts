import { useRevalidator } from "@remix-run/react";
import { useEffect } from "react";

// Live progress without websockets: re-run the loaders every few seconds while something is in progress.
export function useRevalidateWhile(active: boolean, intervalMs = 2_000) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (state === "idle") revalidate();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs, revalidate, state]);
}
