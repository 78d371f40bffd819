"use client";

import { AlertDialog, Dialog as RadixDialog } from "radix-ui";
import { type ReactNode } from "react";
import { Button } from "./button";
import { cn } from "./cn";

const overlay = "fixed inset-0 z-40 bg-slate-950/50 backdrop-blur-[2px] data-[state=open]:animate-in";
const content =
  "fixed top-1/2 left-1/2 z-50 max-h-[90dvh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto " +
  "rounded-2xl border border-slate-200 bg-white p-6 shadow-2xl focus:outline-none dark:border-slate-800 dark:bg-slate-900";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** a dialog that must not close by Escape or a click outside (e.g. a secret not yet stored) */
  modal?: "dismissable" | "locked";
  className?: string;
};

/** A modal dialog on Radix: focus moves in and is trapped, Escape closes, focus returns after. */
export function Dialog({ open, onOpenChange, title, description, children, modal = "dismissable", className }: DialogProps) {
  const locked = modal === "locked";
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={overlay} />
        <RadixDialog.Content
          className={cn(content, className)}
          onEscapeKeyDown={locked ? (e) => e.preventDefault() : undefined}
          onPointerDownOutside={locked ? (e) => e.preventDefault() : undefined}
          onInteractOutside={locked ? (e) => e.preventDefault() : undefined}
          {...(description ? {} : { "aria-describedby": undefined })}
        >
          <RadixDialog.Title className="text-lg font-semibold text-slate-950 dark:text-white">{title}</RadixDialog.Title>
          {description && (
            <RadixDialog.Description className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{description}</RadixDialog.Description>
          )}
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

type ConfirmProps = {
  trigger: ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void | Promise<void>;
  destructive?: boolean;
};

/** Asks before a destructive action; Cancel has the focus first, so Enter does not destroy anything. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, destructive = true }: ConfirmProps) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{trigger}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content className={content}>
          <AlertDialog.Title className="text-lg font-semibold text-slate-950 dark:text-white">{title}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-slate-600 dark:text-slate-400">{description}</AlertDialog.Description>
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Cancel</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant={destructive ? "destructive" : "primary"} onClick={() => void onConfirm()}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
