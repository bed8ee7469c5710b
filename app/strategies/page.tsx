import type { Metadata } from "next";
import { StrategiesPage } from "@/app/_features/strategies/strategies-page";

export const metadata: Metadata = { title: "My strategies" };

export default function Page() {
  return <StrategiesPage />;
}
