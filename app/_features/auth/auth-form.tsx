"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { FieldProblem, useFormProblems } from "@/app/_lib/form-problems";
import { useTRPC } from "@/app/_lib/trpc";
import { signInInput, signUpInput } from "@/server/api/routers/auth/auth.schema";
import { passwordWeakness } from "@/server/auth/password-policy";

const FIELDS = ["email", "password"] as const;

/** The server's sign-up rules, checked here first so a mistake needs no round trip. */
const signUpRules = signUpInput.superRefine((input, ctx) => {
  const weakness = passwordWeakness(input.password, input.email);
  if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
});

/** Sign-up and sign-in share one form: the same fields, keyboard flow and error display. */
export function AuthForm({ mode }: { mode: "sign-in" | "sign-up" }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const onSuccess = async () => {
    await queryClient.invalidateQueries(trpc.auth.me.queryFilter());
    router.push("/");
  };
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ onSuccess }));
  const signUp = useMutation(trpc.auth.signUp.mutationOptions({ onSuccess }));
  const mutation = mode === "sign-in" ? signIn : signUp;
  const { formRef, problems, show, clear, editing, control } = useFormProblems(FIELDS);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { email, password };
    const checked = (mode === "sign-in" ? signInInput : signUpRules).safeParse(input);
    if (!checked.success) return show(checked.error);
    clear();
    mutation.mutate(input, { onError: show });
  };

  const title = mode === "sign-in" ? "Sign in to Strata" : "Create your Strata account";
  return (
    <Card className="mx-auto mt-6 w-full max-w-sm p-6">
      <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-1 text-sm text-muted-foreground">
        {mode === "sign-in"
          ? "Welcome back. Your strategies are where you left them."
          : "Draw strategies, backtest them instantly, paper trade from the canvas."}
      </p>
      <form ref={formRef} className="mt-6 space-y-4" onSubmit={submit} noValidate>
        <div className="space-y-2">
          <Label htmlFor="email">Email</Label>
          <Input
            {...control("email", "email")}
            type="email"
            autoComplete="email"
            required
            autoFocus
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              editing("email");
            }}
            placeholder="you@example.com"
          />
          <FieldProblem controlId="email" message={problems.fields.email} />
        </div>
        <div className="space-y-2">
          <Label htmlFor="password">Password</Label>
          <Input
            {...control("password", "password", mode === "sign-up" ? "password-help" : undefined)}
            type="password"
            autoComplete={mode === "sign-in" ? "current-password" : "new-password"}
            required
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              editing("password");
            }}
          />
          <FieldProblem controlId="password" message={problems.fields.password} />
          {mode === "sign-up" && (
            <p id="password-help" className="text-xs text-muted-foreground">
              At least 10 characters. A few unrelated words make a strong one.
            </p>
          )}
        </div>
        {problems.form && <Alert>{problems.form}</Alert>}
        <Button type="submit" className="w-full" disabled={mutation.isPending}>
          {mode === "sign-in"
            ? mutation.isPending
              ? "Signing in…"
              : "Sign in"
            : mutation.isPending
              ? "Creating account…"
              : "Create account"}
        </Button>
      </form>
      <p className="mt-6 text-center text-sm text-muted-foreground">
        {mode === "sign-in" ? (
          <>
            New to Strata?{" "}
            <Link className="font-medium text-primary hover:underline" href="/sign-up">
              Create an account
            </Link>
          </>
        ) : (
          <>
            Already have an account?{" "}
            <Link className="font-medium text-primary hover:underline" href="/sign-in">
              Sign in
            </Link>
          </>
        )}
      </p>
    </Card>
  );
}
