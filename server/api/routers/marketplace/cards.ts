import type { Database } from "@/server/db/client";
import type { Snapshot } from "@/server/marketplace/snapshot";
import { authorName } from "./access";

const SPARKLINE_POINTS = 48;

/** What a list shows of a template. */
export interface TemplateCard {
  id: string;
  title: string;
  /** The description's first paragraph as plain text. */
  summary: string;
  tags: string[];
  market: string;
  timeframe: string;
  nodeTypes: string[];
  author: string;
  published: boolean;
  headVersion: number;
  forkCount: number;
  rating: { average: number | null; count: number };
  sharpe: number | null;
  totalReturn: number | null;
  maxDrawdown: number | null;
  /** Equity of the head version on the first reference dataset, a few dozen points. */
  sparkline: number[];
  createdAt: Date;
  updatedAt: Date;
}

/** Cards for these templates, in the order of `ids`; ids that are missing are skipped. */
export async function templateCards(db: Database, ids: string[]): Promise<TemplateCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.template.findMany({
    where: { id: { in: ids } },
    include: { author: { select: { name: true } } },
  });
  const heads = await db.prisma.templateVersion.findMany({
    where: { OR: rows.map((r) => ({ templateId: r.id, number: r.headVersion })) },
    select: { templateId: true, snapshot: true },
  });
  const snapshots = new Map(heads.map((h) => [h.templateId, h.snapshot as unknown as Snapshot]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        title: r.title,
        summary: summaryOf(r.description),
        tags: r.tags,
        market: r.market,
        timeframe: r.timeframe,
        nodeTypes: r.nodeTypes,
        author: authorName(r.author),
        published: r.published,
        headVersion: r.headVersion,
        forkCount: r.forkCount,
        rating: { average: r.ratingCount ? r.ratingSum / r.ratingCount : null, count: r.ratingCount },
        sharpe: r.sharpe,
        totalReturn: r.totalReturn,
        maxDrawdown: r.maxDrawdown,
        sparkline: sparkline(snapshots.get(r.id)),
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
      },
    ];
  });
}

function summaryOf(markdown: string): string {
  const first = markdown.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith("#")) ?? "";
  const plain = first
    .replace(/[*_`#>]/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  return plain.length > 220 ? `${plain.slice(0, 217)}…` : plain;
}

function sparkline(snapshot: Snapshot | undefined): number[] {
  const equity = snapshot?.datasets[0]?.equity ?? [];
  if (equity.length <= SPARKLINE_POINTS) return equity.map(([, v]) => v);
  const step = (equity.length - 1) / (SPARKLINE_POINTS - 1);
  return Array.from({ length: SPARKLINE_POINTS }, (_, i) => equity[Math.round(i * step)][1]);
}
