import { Badge } from "@/components/ui/badge";

const STATUS_TONE = { approved: "green", pending: "brand", expired: "amber", canceled: "neutral", failed: "red" } as const;
const DELIVERY_TONE = { delivered: "green", sent: "brand", queued: "neutral", failed: "red" } as const;

export function StatusBadge({ status }: { status: string }) {
  return <Badge tone={STATUS_TONE[status as keyof typeof STATUS_TONE] ?? "neutral"}>{status}</Badge>;
}

export function DeliveryBadge({ status }: { status: string }) {
  return <Badge tone={DELIVERY_TONE[status as keyof typeof DELIVERY_TONE] ?? "neutral"}>{status}</Badge>;
}

/** A UTC time as "2026-11-30 14:05:09", the console's one format. */
export function Time({ at }: { at: string }) {
  return <time dateTime={at} className="whitespace-nowrap tabular-nums">{at.slice(0, 19).replace("T", " ")}</time>;
}
