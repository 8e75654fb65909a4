import { Badge } from "@shopify/polaris";

type Tone = "success" | "info" | "attention" | "warning" | "critical" | undefined;

const STATUSES: Record<string, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "info" },
  sending: { label: "Sending", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  suppressed: { label: "Suppressed", tone: undefined },
  failed: { label: "Failed, retrying", tone: "warning" },
  dead: { label: "Dead letter", tone: "critical" },
};

// A held message is still queued; it gets its own badge so quiet hours and the daily cap don't look like a
// stuck queue.
export function NotificationStatusBadge({ status, held = false }: { status: string; held?: boolean }) {
  if (held) return <Badge tone="attention">Held</Badge>;
  const known = STATUSES[status];
  return <Badge tone={known?.tone}>{known?.label ?? status}</Badge>;
}
