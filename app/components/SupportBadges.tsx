import { Badge } from "@shopify/polaris";
import { attentionKindLabel } from "../models/attention-guidance";
import type { AttentionKind } from "../models/shipment-status";
import { ESCALATION_LABELS, isEscalation, supportStatusLabel } from "../models/support-labels";

const STATUS_TONES = { open: "attention", waiting: "info", resolved: "success" } as const;
const ATTENTION_TONES = {
  lost: "critical",
  exception: "critical",
  late: "warning",
  stuck: "attention",
} as const;

export function SupportStatusBadge({ status }: { status: string }) {
  const tone = Object.hasOwn(STATUS_TONES, status)
    ? STATUS_TONES[status as keyof typeof STATUS_TONES]
    : undefined;
  return <Badge tone={tone}>{supportStatusLabel(status)}</Badge>;
}

export function EscalationBadge({ escalation }: { escalation: string | null }) {
  if (!isEscalation(escalation)) return null;
  return <Badge tone="critical">{ESCALATION_LABELS[escalation]}</Badge>;
}

export function AttentionKindBadge({ kind }: { kind: AttentionKind | null }) {
  if (!kind) return null;
  return <Badge tone={ATTENTION_TONES[kind]}>{attentionKindLabel(kind)}</Badge>;
}
