import type { Metadata } from "next";
import { DataPage } from "@/app/_features/data/data-page";

export const metadata: Metadata = { title: "Data" };

export default function Page() {
  return <DataPage />;
}
