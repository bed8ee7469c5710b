import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "@/server/auth/password-policy";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address.")
  .max(254, "Email addresses have at most 254 characters.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

export const signUpInput = z.object({
  email,
  password: z
    .string()
    .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters for your password.`),
  name: z.string().trim().max(100, "Names have at most 100 characters.").optional(),
});

export const signInInput = z.object({
  email,
  password: z.string().min(1, "Enter your password.").max(MAX_PASSWORD_LENGTH),
});
