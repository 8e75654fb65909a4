import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

// While another page loads, this one dims and says it is busy; a form's own save shows on its button instead.
export function PageBusy({ children }: { children: ReactNode }) {
  const navigation = useNavigation();
  const leaving = navigation.state === "loading" && !navigation.formData;
  return (
    <div aria-busy={leaving} style={{ opacity: leaving ? 0.6 : 1, transition: "opacity 150ms" }}>
      {children}
    </div>
  );
}
