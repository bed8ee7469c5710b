"use client";

import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog } from "@/app/_components/ui/dialog";

/** Asks before a strategy goes; Cancel comes first, so Enter right away deletes nothing. */
export function DeleteStrategyDialog({
  strategy,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  strategy: { id: string; name: string; headVersion: number } | null;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const versions = strategy?.headVersion ?? 0;
  return (
    <Dialog
      open={strategy !== null}
      onClose={onClose}
      title={strategy ? `Delete “${strategy.name}”?` : "Delete strategy?"}
      description={`The strategy and its ${versions === 1 ? "saved version" : `${versions} saved versions`} leave your list for good.`}
    >
      <div className="space-y-4">
        {error && <Alert>{error}</Alert>}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="outline" onClick={onClose}>
            Cancel
          </Button>
          <Button type="button" variant="destructive" onClick={onConfirm} disabled={pending}>
            {pending ? "Deleting…" : "Delete strategy"}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
