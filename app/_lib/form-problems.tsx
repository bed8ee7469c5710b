"use client";

import { useEffect, useRef, useState } from "react";
import { ZodError } from "zod";
import { type InputProblems, inputProblems } from "@/server/api/input-problems";
import { errorMessage } from "./trpc";

/** What is wrong with a submitted form: one sentence per field, and what belongs to no field. */
export interface FormProblems<Field extends string> {
  fields: Partial<Record<Field, string>>;
  /** A wrong password, an unreachable server: shown once, above the submit button. */
  form?: string;
}

/**
 * Sorts a failed submit's problems onto the form's fields. Reads a ZodError from checking the
 * input in the browser, or the problems by field that the server's tRPC error formatter sends
 * for invalid input. A problem with a field the form does not show joins the form's message,
 * so no problem is hidden.
 */
export function formProblems<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FormProblems<Field> {
  const byField: InputProblems | undefined =
    error instanceof ZodError ? inputProblems(error) : serverProblemsByField(error);
  if (!byField) return { fields: {}, form: errorMessage(error) };
  const problems: FormProblems<Field> = { fields: {} };
  const unplaced = [...byField.formErrors];
  for (const [name, messages = []] of Object.entries(byField.fieldErrors)) {
    if (isField(name, fields) && messages[0]) problems.fields[name] = messages[0];
    else unplaced.push(...messages);
  }
  if (unplaced.length > 0) problems.form = [...new Set(unplaced)].join(" ");
  return problems;
}

function serverProblemsByField(error: unknown): InputProblems | undefined {
  if (!error || typeof error !== "object" || !("data" in error)) return undefined;
  const data = error.data as Partial<InputProblems> | null | undefined;
  if (!data?.fieldErrors || typeof data.fieldErrors !== "object") return undefined;
  return { fieldErrors: data.fieldErrors, formErrors: data.formErrors ?? [] };
}

function isField<Field extends string>(name: string, fields: readonly Field[]): name is Field {
  return (fields as readonly string[]).includes(name);
}

const NO_PROBLEMS = { fields: {} };

/**
 * A form's problems and the accessibility wiring around them: invalid fields carry aria-invalid
 * and point at their sentence with aria-describedby, and after a failed submit the focus moves
 * to the first invalid field in the order the form shows them.
 */
export function useFormProblems<Field extends string>(fields: readonly Field[]) {
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<FormProblems<Field>>(NO_PROBLEMS);
  const [failedSubmits, setFailedSubmits] = useState(0);

  // Runs after the render that marked the fields invalid, so the query finds them.
  useEffect(() => {
    if (failedSubmits > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [failedSubmits]);

  return {
    formRef,
    problems,
    /** Shows what a failed submit (a ZodError or a failed call) says is wrong. */
    show(error: unknown) {
      setProblems(formProblems(error, fields));
      setFailedSubmits((count) => count + 1);
    },
    clear() {
      setProblems(NO_PROBLEMS);
    },
    /** The trader is correcting this field: its old sentence no longer applies. */
    editing(field: Field) {
      setProblems((current) =>
        current.fields[field] ? { ...current, fields: { ...current.fields, [field]: undefined } } : current,
      );
    },
    /** Props for the control `id` showing `field`; `hintId` is any help text it already has. */
    control(field: Field, id: string, hintId?: string) {
      const invalid = Boolean(problems.fields[field]);
      const describedBy = [invalid ? problemId(id) : undefined, hintId].filter(Boolean).join(" ");
      return {
        id,
        "aria-invalid": invalid || undefined,
        "aria-describedby": describedBy || undefined,
      };
    },
  };
}

function problemId(controlId: string) {
  return `${controlId}-problem`;
}

/** The sentence beside a field that says what is wrong with it; nothing when all is well. */
export function FieldProblem({ controlId, message }: { controlId: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={problemId(controlId)} className="text-xs text-destructive">
      {message}
    </p>
  );
}
