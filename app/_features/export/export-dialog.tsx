"use client";

import { useMemo, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Tabs } from "@/app/_components/ui/tabs";
import { EXPORT_TARGETS, type ExportTarget, exportPlan, TARGET_NAMES } from "@/engine-runtime/export/index";
import type { Graph } from "@/nodes/core/graph";
import { highlight, type TokenKind } from "./highlight";

const TOKEN_CLASSES: Record<TokenKind, string> = {
  comment: "text-muted-foreground italic",
  string: "text-emerald-600 dark:text-emerald-400",
  number: "text-amber-600 dark:text-amber-400",
  keyword: "text-sky-600 dark:text-sky-400 font-medium",
  plain: "",
};

const HOW_TO_RUN: Record<ExportTarget, string> = {
  ts: "Run with Node 20+: node strategy.mjs bars.csv — prints the trades as JSON.",
  py: "Run with Python 3, numpy and pandas: python3 strategy.py bars.csv — prints the trades as JSON.",
  pine: "Paste into TradingView's Pine Editor. The header lists what differs from a Strata backtest.",
};

export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  /** The graph being edited; it is compiled and exported when the dialog opens or the tab changes. */
  graph: Graph;
}

/** Export menu of the editor: a tab per language, a highlighted preview, copy and download. */
export function ExportDialog({ open, onClose, graph }: ExportDialogProps) {
  const [target, setTarget] = useState<ExportTarget>("ts");
  const [copied, setCopied] = useState(false);
  const result = useMemo(() => (open ? exportPlan(graph, target) : null), [open, graph, target]);
  const tokens = useMemo(() => (result?.ok ? highlight(result.code, target) : []), [result, target]);

  const copy = async () => {
    if (!result?.ok) return;
    await navigator.clipboard.writeText(result.code);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  const download = () => {
    if (!result?.ok) return;
    const url = URL.createObjectURL(new Blob([result.code], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = result.fileName;
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Export strategy as code"
      description="The code embeds the strategy, so Import brings it back onto the canvas."
      className="w-[min(60rem,calc(100vw-2rem))]"
    >
      <Tabs
        label="Language"
        items={EXPORT_TARGETS.map((value) => ({ value, label: TARGET_NAMES[value] }))}
        value={target}
        onValueChange={setTarget}
      />
      <p className="mt-2 text-xs text-muted-foreground">{HOW_TO_RUN[target]}</p>
      {result && !result.ok ? (
        <p role="alert" className="mt-3 rounded-md border border-destructive/40 p-3 text-sm text-destructive">
          {result.message}
        </p>
      ) : (
        <pre className="mt-3 max-h-[60vh] overflow-auto rounded-md border border-border bg-muted/40 p-3 font-mono text-xs leading-5">
          <code>
            {tokens.map((token, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond their position
              <span key={k} className={TOKEN_CLASSES[token.kind]}>
                {token.text}
              </span>
            ))}
          </code>
        </pre>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="outline" size="sm" onClick={copy} disabled={!result?.ok}>
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" onClick={download} disabled={!result?.ok}>
          Download {result?.ok ? result.fileName : ""}
        </Button>
      </div>
    </Dialog>
  );
}
