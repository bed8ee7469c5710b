"use client";

import { useSyncExternalStore } from "react";

/** Whether the app shows its dark theme: follows the `.dark` class the theme toggle sets on <html>. */
export function useDarkTheme(): boolean {
  return useSyncExternalStore(
    (notify) => {
      const observer = new MutationObserver(notify);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
      return () => observer.disconnect();
    },
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}
