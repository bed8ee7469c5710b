"use client";

import { useParams } from "next/navigation";
import { PaperSessionPage } from "@/app/_features/paper/session-page";

export default function Page() {
  const { id } = useParams<{ id: string }>();
  return <PaperSessionPage key={id} id={id} />;
}
