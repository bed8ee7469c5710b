"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { FieldProblem, useFormProblems } from "@/app/_lib/form-problems";
import { errorMessage, useTRPC } from "@/app/_lib/trpc";
import { venueTitle } from "./status-badges";

const KEY_FIELDS = ["label", "keyId", "secretKey"] as const;

/**
 * The user's API keys: added here, stored encrypted, and shown only as their last four
 * characters. The server never sends a key back.
 */
export function ApiKeys({ onChange }: { onChange: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.data.credentials.list.queryOptions());
  const refresh = async () => {
    await queryClient.invalidateQueries(trpc.data.credentials.list.pathFilter());
    await queryClient.invalidateQueries(trpc.data.status.pathFilter());
  };
  const [label, setLabel] = useState("");
  const [keyId, setKeyId] = useState("");
  const [secretKey, setSecretKey] = useState("");
  const { formRef, problems, show, clear, editing, control } = useFormProblems(KEY_FIELDS);
  const add = useMutation(
    trpc.data.credentials.add.mutationOptions({
      onSuccess: async (key) => {
        setLabel("");
        setKeyId("");
        setSecretKey("");
        await refresh();
        onChange(`Saved the ${venueTitle(key.venue)} key “${key.label}”.`);
      },
    }),
  );
  const remove = useMutation(
    trpc.data.credentials.remove.mutationOptions({
      onSuccess: async () => {
        await refresh();
        onChange("Removed the API key.");
      },
    }),
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    clear();
    // The key's rules live in a server-only schema, so the server checks them and names the fields.
    add.mutate({ venue: "alpaca", label, keyId, secretKey }, { onError: show });
  };

  return (
    <Card className="p-5" aria-labelledby="api-keys-title" role="region">
      <h2 id="api-keys-title" className="text-base font-semibold">
        API keys
      </h2>
      <p className="mt-1 text-sm text-muted-foreground">
        Alpaca data needs your own key (paper keys work). Keys are encrypted on the server and never shown
        again.
      </p>
      <div className="mt-4">
        {keys.isPending ? (
          <Skeleton className="h-10" />
        ) : keys.error ? (
          <Alert>{errorMessage(keys.error)}</Alert>
        ) : keys.data.length === 0 ? (
          <p className="rounded-md border border-dashed border-border px-3 py-3 text-sm text-muted-foreground">
            No keys yet. Add one below to download from Alpaca.
          </p>
        ) : (
          <ul aria-label="Your API keys" className="divide-y divide-border rounded-md border border-border">
            {keys.data.map((key) => (
              <li key={key.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="api-key">
                <span className="font-medium">{key.label}</span>
                <span className="text-muted-foreground">{venueTitle(key.venue)}</span>
                <span className="font-mono text-muted-foreground">
                  <span aria-hidden="true">••••</span>
                  <span className="sr-only">key ending in </span>
                  {key.last4}
                </span>
                <Button
                  variant="ghost"
                  size="sm"
                  className="ml-auto text-destructive"
                  aria-label={`Remove the key ${key.label}`}
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: key.id })}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <form
        ref={formRef}
        onSubmit={submit}
        noValidate
        className="mt-4 space-y-3"
        aria-label="Add an Alpaca key"
      >
        <div className="grid gap-3 sm:grid-cols-3">
          <div className="space-y-2">
            <Label htmlFor="key-label">Name</Label>
            <Input
              {...control("label", "key-label")}
              value={label}
              placeholder="Paper account"
              onChange={(e) => {
                setLabel(e.target.value);
                editing("label");
              }}
            />
            <FieldProblem controlId="key-label" message={problems.fields.label} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="key-id">Alpaca key id</Label>
            <Input
              {...control("keyId", "key-id")}
              value={keyId}
              autoComplete="off"
              spellCheck={false}
              placeholder="PK…"
              onChange={(e) => {
                setKeyId(e.target.value);
                editing("keyId");
              }}
            />
            <FieldProblem controlId="key-id" message={problems.fields.keyId} />
          </div>
          <div className="space-y-2">
            <Label htmlFor="key-secret">Secret key</Label>
            <Input
              {...control("secretKey", "key-secret")}
              type="password"
              value={secretKey}
              autoComplete="new-password"
              onChange={(e) => {
                setSecretKey(e.target.value);
                editing("secretKey");
              }}
            />
            <FieldProblem controlId="key-secret" message={problems.fields.secretKey} />
          </div>
        </div>
        {problems.form && <Alert>{problems.form}</Alert>}
        <div className="flex justify-end">
          <Button type="submit" variant="outline" disabled={add.isPending}>
            {add.isPending ? "Saving…" : "Save key"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
