"use client";

import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";

/** Light and dark themes; the choice is remembered in this browser. */
export function ThemeToggle() {
  const [dark, setDark] = useState(false);
  useEffect(() => setDark(document.documentElement.classList.contains("dark")), []);
  const toggle = () => {
    const next = !dark;
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("strata-theme", next ? "dark" : "light");
    setDark(next);
  };
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={toggle}
      aria-label={dark ? "Use light theme" : "Use dark theme"}
    >
      {dark ? "☀" : "☾"}
    </Button>
  );
}

/** Runs before the page paints, so a dark-theme user never sees a white flash. */
export const themeScript = `try{var t=localStorage.getItem("strata-theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;
