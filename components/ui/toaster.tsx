"use client";

import { Toaster as Sonner } from "sonner";

/** Toasts (sonner), announced politely to screen readers; follows the system's light/dark theme. */
export function Toaster() {
  return <Sonner theme="system" position="bottom-right" richColors closeButton />;
}
