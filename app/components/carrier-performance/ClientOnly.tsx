import { useSyncExternalStore, type ReactNode } from "react";

const subscribe = () => () => {};

// Renders its children in the browser only, the fallback on the server and during hydration: charts measure
// their container and observe its size, which a server render cannot do.
export function ClientOnly({ children, fallback }: { children: () => ReactNode; fallback: ReactNode }) {
  const hydrated = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  return <>{hydrated ? children() : fallback}</>;
}
