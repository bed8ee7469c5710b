"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { TIMEFRAMES, type Timeframe } from "@/nodes/data/timeframes";
import { formatCount, nameFromFile, splitParts } from "./format";
import { ProgressBar } from "./progress-bar";

/** Characters per request: under the server's per-part limit, and enough parts to show progress. */
const PART_CHARS = 512 * 1024;
const MAX_BYTES = 20 * 1024 * 1024;

type Phase =
  | { kind: "idle" }
  | { kind: "sending"; sent: number; parts: number }
  | { kind: "done"; message: string }
  | { kind: "failed"; lines: string[] };

/**
 * Uploads a CSV of bars: sent in parts, so the bar shows how much has arrived; the server's
 * parser answers problems one sentence per line of the file, shown as a list.
 */
export function UploadCard({ onUploaded }: { onUploaded: (message: string) => void }) {
  const trpc = useTRPC();
  const upload = useMutation(trpc.data.upload.mutationOptions());
  const queryClient = useQueryClient();
  const id = useId();
  /** A new key empties the file input after an upload. */
  const [fileKey, setFileKey] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [timeframe, setTimeframe] = useState<Timeframe | "">("");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const sending = phase.kind === "sending";

  const choose = (chosen: File | null) => {
    setFile(chosen);
    setPhase({ kind: "idle" });
    if (chosen) setName(nameFromFile(chosen.name));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setPhase({ kind: "failed", lines: ["Choose a CSV file to upload."] });
    if (file.size > MAX_BYTES) {
      return setPhase({
        kind: "failed",
        lines: [`${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; upload files of at most 20 MB.`],
      });
    }
    const text = await file.text();
    const parts = splitParts(text, PART_CHARS);
    const uploadId = crypto.randomUUID();
    setPhase({ kind: "sending", sent: 0, parts: parts.length });
    try {
      let stored = null;
      for (const [part, csv] of parts.entries()) {
        const answer = await upload.mutateAsync({
          name: name.trim() || nameFromFile(file.name),
          csv,
          uploadId,
          part,
          parts: parts.length,
          timeframe: timeframe || undefined,
        });
        setPhase({ kind: "sending", sent: part + 1, parts: parts.length });
        stored = answer.dataset;
      }
      await queryClient.invalidateQueries(trpc.data.datasets.pathFilter());
      const message = stored
        ? `Uploaded “${stored.name}”: ${formatCount(stored.bars, "bar")} of ${stored.timeframe} data.`
        : "Uploaded.";
      setPhase({ kind: "done", message });
      onUploaded(message);
      setFile(null);
      setName("");
      setFileKey((k) => k + 1);
    } catch (error) {
      setPhase({ kind: "failed", lines: errorMessage(error).split("\n") });
    }
  };

  return (
    <Card className="p-5">
      <h2 id={`${id}-title`} className="text-base font-semibold">
        Upload a CSV
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        A header row with Date, Open, High, Low, Close and optionally Time and Volume, one bar per line,
        oldest first. Times are read as UTC. Up to 20 MB.
      </p>
      <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="mt-4 space-y-4">
        <div className="space-y-2">
          <Label htmlFor={`${id}-file`}>File</Label>
          <Input
            key={fileKey}
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            disabled={sending}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
            className="h-auto py-1.5 file:mr-3 file:cursor-pointer file:rounded file:border-0 file:bg-muted file:px-2 file:py-1 file:text-sm"
          />
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
          <div className="space-y-2">
            <Label htmlFor={`${id}-name`}>Name</Label>
            <Input
              id={`${id}-name`}
              value={name}
              maxLength={120}
              disabled={sending}
              placeholder="e.g. Index daily 2006"
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="space-y-2">
            <Label htmlFor={`${id}-timeframe`}>Timeframe</Label>
            <Select
              id={`${id}-timeframe`}
              className="h-10"
              value={timeframe}
              disabled={sending}
              onChange={(e) => setTimeframe(e.target.value as Timeframe | "")}
            >
              <option value="">Detect from the file</option>
              {TIMEFRAMES.map((tf) => (
                <option key={tf} value={tf}>
                  {tf}
                </option>
              ))}
            </Select>
          </div>
        </div>
        {sending && (
          <div className="space-y-1.5">
            <ProgressBar value={phase.sent / phase.parts} label="Upload progress" />
            <p className="text-xs text-muted-foreground" aria-live="polite">
              Sent {phase.sent} of {formatCount(phase.parts, "part")}…
            </p>
          </div>
        )}
        {phase.kind === "failed" && (
          <Alert data-testid="upload-problems">
            <p className="font-medium">The file was not stored.</p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {phase.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </Alert>
        )}
        {phase.kind === "done" && (
          <p role="status" className="text-sm text-success">
            {phase.message}
          </p>
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={sending}>
            {sending ? "Uploading…" : "Upload"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
