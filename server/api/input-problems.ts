import { type ZodError, z } from "zod";

/** Invalid input sorted by the field it concerns; `formErrors` concern no single field. */
export interface InputProblems {
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
}

/**
 * The problems of invalid input by field (the first segment of each issue's path), each a
 * sentence: some schemas word their messages as fragments ("give the key a name"). The server's
 * tRPC errors carry these, and forms sort the browser's own check of a schema the same way, so a
 * problem reads the same wherever it was found.
 */
export function inputProblems(error: ZodError): InputProblems {
  const { fieldErrors, formErrors } = z.flattenError(error, (issue) => asSentence(issue.message));
  return { fieldErrors: fieldErrors as Record<string, string[]>, formErrors };
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
