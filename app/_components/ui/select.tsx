import type { SelectHTMLAttributes } from "react";
import { cn } from "@/app/_lib/cn";

const CHEVRON = `url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 12 12'%3E%3Cpath d='M3 4.5 6 7.5 9 4.5' fill='none' stroke='%238894a8' stroke-width='1.5'/%3E%3C/svg%3E")`;

/** The platform's select, styled like Input: keyboard and screen readers work as users expect. */
export function Select({ className, children, style, ...props }: SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select
      className={cn(
        "flex h-9 w-full cursor-pointer appearance-none rounded-md border border-input bg-background bg-no-repeat pl-3 pr-8 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-[invalid=true]:border-destructive",
        className,
      )}
      style={{
        backgroundImage: CHEVRON,
        backgroundPosition: "right 0.6rem center",
        backgroundSize: 12,
        ...style,
      }}
      {...props}
    >
      {children}
    </select>
  );
}
