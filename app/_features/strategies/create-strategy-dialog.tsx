"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import type { StarterChoice } from "./starter-gallery";

/**
 * Asks for a name, creates the strategy (blank or from a starter) and opens it in the editor.
 * Enter creates, Escape cancels.
 */
export function CreateStrategyDialog({
  open,
  starter,
  onClose,
}: {
  open: boolean;
  starter: StarterChoice | null;
  onClose: () => void;
}) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={starter ? `New strategy from “${starter.name}”` : "New strategy"}
      description={
        starter
          ? "You get your own copy of the template: change it freely, the template stays as it is."
          : "Start from an empty canvas. You can rename it at any time."
      }
    >
      {/* Dialog mounts its content per opening, so every form starts from the suggested name. */}
      <CreateForm key={starter?.id ?? "blank"} starter={starter} onCancel={onClose} />
    </Dialog>
  );
}

function CreateForm({ starter, onCancel }: { starter: StarterChoice | null; onCancel: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState(starter?.name ?? "");
  const [touched, setTouched] = useState(false);
  const create = useMutation(
    trpc.strategies.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries(trpc.strategies.list.pathFilter());
        router.push(`/strategies/${id}`);
      },
    }),
  );
  const missingName = touched && name.trim() === "";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (name.trim() === "") return;
    create.mutate(starter ? { name, starter: starter.id } : { name });
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="space-y-2">
        <Label htmlFor="strategy-name">Name</Label>
        <Input
          id="strategy-name"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Golden cross on tech stocks"
          aria-invalid={missingName}
          aria-describedby={missingName ? "strategy-name-error" : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        {missingName && (
          <p id="strategy-name-error" className="text-sm text-destructive">
            Give the strategy a name.
          </p>
        )}
      </div>
      {create.error && <Alert>{errorMessage(create.error)}</Alert>}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending || create.isSuccess}>
          {create.isPending || create.isSuccess ? "Creating…" : "Create strategy"}
        </Button>
      </div>
    </form>
  );
}
