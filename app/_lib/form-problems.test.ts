import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { signInInput } from "@/server/api/routers/auth/auth.schema";
import { addCredentialInput } from "@/server/api/routers/data/data.schema";
import { type Context, createTRPCRouter, publicProcedure } from "@/server/api/trpc";
import { formProblems } from "./form-problems";

/** A router with the real error formatter, called over HTTP as the browser calls it. */
const router = createTRPCRouter({
  addKey: publicProcedure.input(addCredentialInput).mutation(() => "saved"),
});
const client = createTRPCClient<typeof router>({
  links: [
    httpLink({
      url: "http://strata.test/api/trpc",
      transformer: superjson,
      fetch: (url, init) =>
        fetchRequestHandler({
          endpoint: "/api/trpc",
          req: new Request(url, init as RequestInit),
          router,
          createContext: () => ({}) as Context,
        }),
    }),
  ],
});

const KEY_FIELDS = ["label", "keyId", "secretKey"] as const;

async function failureOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have failed").toBeInstanceOf(TRPCClientError);
  return error;
}

describe("form problems", () => {
  it("puts the server's problems with invalid input beside the fields they concern", async () => {
    const error = await failureOf(
      client.addKey.mutate({ venue: "alpaca", label: "", keyId: "", secretKey: "" }),
    );
    expect(formProblems(error, KEY_FIELDS)).toEqual({
      fields: {
        label: "Give the key a name.",
        keyId: "Paste the whole key id.",
        secretKey: "Paste the whole secret key.",
      },
    });
    expect((error as Error).message, "API callers still get the paths in the message").toBe(
      "label: give the key a name; keyId: paste the whole key id; secretKey: paste the whole secret key",
    );
  });

  it("keeps a problem with a field the form does not show in the form's message", async () => {
    const error = await failureOf(
      client.addKey.mutate({
        // @ts-expect-error: a venue the server does not know, as an outdated page might send
        venue: "kraken",
        label: "Paper",
        keyId: "PK12345",
        secretKey: "",
      }),
    );
    const problems = formProblems(error, KEY_FIELDS);
    expect(problems.fields).toEqual({ secretKey: "Paste the whole secret key." });
    expect(problems.form, "the venue problem must not vanish").toMatch(/alpaca/);
  });

  it("reads the same schema's problems when the browser checks the input first", () => {
    const checked = signInInput.safeParse({ email: "", password: "" });
    expect(checked.success).toBe(false);
    expect(formProblems(checked.error, ["email", "password"])).toEqual({
      fields: {
        email: "Enter your email address.",
        password: "Enter your password.",
      },
    });
  });

  it("shows a problem that belongs to no field, or an unreachable server, once for the form", () => {
    const wrongPassword = new TRPCClientError("The email or password is incorrect.");
    expect(formProblems(wrongPassword, ["email", "password"])).toEqual({
      fields: {},
      form: "The email or password is incorrect.",
    });
    expect(formProblems(new TypeError("Failed to fetch"), ["email"]).form).toBe(
      "Strata cannot be reached. Check your connection.",
    );
  });
});
