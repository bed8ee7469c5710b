"use client";

import { useParams } from "next/navigation";
import { BacktestReportPage } from "@/app/_features/backtest-report/report-page";

export default function Page() {
  const { id } = useParams<{ id: string }>();
  return <BacktestReportPage key={id} id={id} />;
}
