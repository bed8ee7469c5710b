import type { Metadata } from "next";
import { AuthForm } from "@/app/_features/auth/auth-form";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return <AuthForm mode="sign-in" />;
}
