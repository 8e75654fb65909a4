// The Support vocabulary as merchants read it, shared by the Support pages and the shipment page. No server
// code here: the browser bundle imports it.

export const SUPPORT_STATUSES = ["open", "waiting", "resolved"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];

export const ESCALATIONS = ["delivered_not_received", "stuck_beyond_tail"] as const;
export type Escalation = (typeof ESCALATIONS)[number];

// The assignee filter's value for requests nobody has taken yet.
export const UNASSIGNED = "unassigned";

export const SUPPORT_STATUS_LABELS: Record<SupportStatus, string> = {
  open: "Open",
  waiting: "Waiting",
  resolved: "Resolved",
};

export const ESCALATION_LABELS: Record<Escalation, string> = {
  delivered_not_received: "Delivered but not received",
  stuck_beyond_tail: "Stuck beyond the lane's tail",
};

export const HELP_REASON_LABELS: Record<string, string> = {
  late: "Late",
  missing: "Missing",
  damaged: "Damaged",
  wrong_address: "Wrong address",
  other: "Other",
};

export function isSupportStatus(value: string | null | undefined): value is SupportStatus {
  return (SUPPORT_STATUSES as readonly (string | null | undefined)[]).includes(value);
}

export function isEscalation(value: string | null | undefined): value is Escalation {
  return (ESCALATIONS as readonly (string | null | undefined)[]).includes(value);
}

export function supportStatusLabel(status: string): string {
  return isSupportStatus(status) ? SUPPORT_STATUS_LABELS[status] : status;
}

export function helpReasonLabel(reason: string): string {
  return HELP_REASON_LABELS[reason] ?? reason;
}
