"use client";

import { Pause, Play, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

/** Re-renders the server page every few seconds (while the tab is visible), with a pause button. */
export function AutoRefresh({ seconds = 3 }: { seconds?: number }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    if (paused) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [paused, router, seconds]);
  return (
    <div className="flex items-center gap-2">
      <span className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400" aria-live="off">
        <RefreshCw aria-hidden="true" className={`size-3.5 ${pending ? "animate-spin" : ""}`} />
        {paused ? "Paused" : `Refreshing every ${seconds} s`}
      </span>
      <Button variant="secondary" size="sm" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>
        {paused ? <Play aria-hidden="true" className="size-4" /> : <Pause aria-hidden="true" className="size-4" />}
        {paused ? "Resume" : "Pause"}
      </Button>
    </div>
  );
}
