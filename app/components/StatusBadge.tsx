import { Badge } from "@shopify/polaris";
import { statusLabel } from "../models/shipment-status";

type Tone = "success" | "info" | "attention" | "warning" | "critical" | undefined;

const TONES: Record<string, Tone> = {
  delivered: "success",
  out_for_delivery: "info",
  in_transit: "info",
  ready_for_pickup: "attention",
  attempted: "warning",
  delayed: "warning",
  exception: "critical",
  returned: "critical",
};

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status]}>{statusLabel(status)}</Badge>;
}
