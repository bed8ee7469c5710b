"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { importExport } from "@/engine-runtime/export/index";
import type { Graph } from "@/nodes/core/graph";

export interface ImportDialogProps {
  open: boolean;
  onClose: () => void;
  /** Receives the graph exactly as it was exported; the editor replaces or opens it. */
  onImport: (graph: Graph) => void;
}

/** Import of a file exported by Strata (TypeScript, Python or Pine): pasted or uploaded. */
export function ImportDialog({ open, onClose, onImport }: ImportDialogProps) {
  const [text, setText] = useState("");
  const [problem, setProblem] = useState("");

  const restore = (file: string) => {
    const result = importExport(file);
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setProblem("");
    setText("");
    onImport(result.graph);
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Import exported code"
      description="Paste or upload a .mjs, .py or .pine file exported from Strata; the strategy it embeds is restored."
      className="w-[min(44rem,calc(100vw-2rem))]"
    >
      <label className="block text-sm font-medium" htmlFor="strata-import-text">
        Exported code
      </label>
      <textarea
        id="strata-import-text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        spellCheck={false}
        className="mt-1 h-56 w-full rounded-md border border-input bg-background p-2 font-mono text-xs"
      />
      <input
        type="file"
        accept=".mjs,.js,.ts,.py,.pine,.txt"
        aria-label="Upload an exported file"
        className="mt-2 text-sm"
        onChange={async (event) => {
          const file = event.target.files?.[0];
          if (file) restore(await file.text());
        }}
      />
      {problem && (
        <p role="alert" className="mt-3 text-sm text-destructive">
          {problem}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button variant="outline" size="sm" onClick={onClose}>
          Cancel
        </Button>
        <Button size="sm" onClick={() => restore(text)} disabled={!text.trim()}>
          Import
        </Button>
      </div>
    </Dialog>
  );
}
