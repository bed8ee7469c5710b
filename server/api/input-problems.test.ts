import { describe, expect, it } from "vitest";
import { signInInput } from "@/server/api/routers/auth/auth.schema";
import { addCredentialInput } from "@/server/api/routers/data/data.schema";
import { publishInput } from "@/server/api/routers/marketplace/marketplace.schema";
import { inputProblems } from "./input-problems";

function zodErrorOf(result: { success: boolean; error?: unknown }) {
  if (result.success || !result.error) throw new Error("expected the input to be invalid");
  return result.error as Parameters<typeof inputProblems>[0];
}

describe("invalid input in tRPC errors", () => {
  it("sorts problems by the field they concern", () => {
    const error = zodErrorOf(signInInput.safeParse({ email: "", password: "" }));
    expect(inputProblems(error)).toEqual({
      fieldErrors: {
        email: ["Enter your email address."],
        password: ["Enter your password."],
      },
      formErrors: [],
    });
  });

  it("turns schema fragments into sentences", () => {
    const error = zodErrorOf(
      addCredentialInput.safeParse({ venue: "alpaca", label: " ", keyId: "PK", secretKey: "" }),
    );
    expect(inputProblems(error).fieldErrors).toEqual({
      label: ["Give the key a name."],
      keyId: ["Paste the whole key id."],
      secretKey: ["Paste the whole secret key."],
    });
  });

  it("files a problem inside a list under the list's field", () => {
    const error = zodErrorOf(
      publishInput.safeParse({
        strategyId: "s1",
        title: "A fine title",
        description: "Buys the dip and sells the rip, every single day.",
        tags: ["trend", "!bad", "?worse"],
        market: "stocks",
        timeframe: "1d",
      }),
    );
    const tagsProblem = "Tags are words: letters, digits, spaces and - + . / % &.";
    expect(inputProblems(error).fieldErrors, "both bad tags concern the Tags field").toEqual({
      tags: [tagsProblem, tagsProblem],
    });
  });
});
