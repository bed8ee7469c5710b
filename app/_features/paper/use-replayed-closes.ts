"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { parseBarsCsv } from "@/engine-runtime/data/csv";
import { findSample } from "@/engine-runtime/data/samples";

/**
 * The closes a session has already traded through, read from the bundled sample it replays, so a
 * page opened mid-session draws the whole price line and not only the bars seen since. Datasets
 * that are not bundled samples give none; the live updates still draw from then on.
 */
export function useReplayedCloses(dataset: string | undefined, from: number | undefined, to: number | null) {
  const sample = dataset ? findSample(dataset) : undefined;
  const bars = useQuery({
    queryKey: ["paper-sample-bars", sample?.file],
    enabled: Boolean(sample),
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(`/samples/${sample?.file}`);
      if (!response.ok) throw new Error(`The sample ${sample?.name} could not be loaded.`);
      const parsed = parseBarsCsv(await response.text());
      return parsed.ok ? parsed.bars : null;
    },
  });
  const data = bars.data;
  return useMemo(() => {
    const closes: [number, number][] = [];
    if (!data || from === undefined || to === null) return closes;
    for (let i = 0; i < data.time.length; i++) {
      if (data.time[i] >= from && data.time[i] <= to) closes.push([data.time[i], data.close[i]]);
    }
    return closes;
  }, [data, from, to]);
}
