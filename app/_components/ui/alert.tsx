import type { HTMLAttributes } from "react";
import { cn } from "@/app/_lib/cn";

/** A message the user must read: errors are announced to screen readers as they appear. */
export function Alert({ className, ...props }: HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      role="alert"
      className={cn(
        "rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm text-destructive",
        className,
      )}
      {...props}
    />
  );
}
