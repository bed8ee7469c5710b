"use client";

import { PaperSessionsList } from "@/app/_features/paper/sessions-list";

export default function Page() {
  return <PaperSessionsList />;
}
