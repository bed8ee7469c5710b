import Link from "next/link";
import { Badge } from "@/app/_components/ui/badge";
import { Card } from "@/app/_components/ui/card";
import type { TemplateCard as Card_ } from "@/server/api/routers/marketplace/cards";
import { percent, ratio, stars } from "./format";
import { LineChart } from "./line-chart";

/** One template in a grid: what it is, who made it, how it did, how others liked it. */
export function TemplateCard({ template, similarity }: { template: Card_; similarity?: number }) {
  return (
    <Card
      className="flex flex-col gap-3 p-4 transition-colors hover:border-primary/50"
      data-testid="template-card"
    >
      <div className="flex items-start justify-between gap-2">
        <Link href={`/marketplace/${template.id}`} className="font-semibold leading-snug hover:underline">
          {template.title}
        </Link>
        {similarity !== undefined && (
          <Badge variant="primary" title="Cosine similarity of the two plans">
            {Math.round(similarity * 100)} % alike
          </Badge>
        )}
      </div>
      <p className="line-clamp-3 text-sm text-muted-foreground">{template.summary}</p>
      <LineChart
        values={template.sparkline}
        height={48}
        label={`Equity curve of ${template.title} on ORCL`}
      />
      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-muted-foreground">Sharpe</dt>
          <dd className="font-medium tabular-nums">{ratio(template.sharpe)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Return</dt>
          <dd className="font-medium tabular-nums">{percent(template.totalReturn)}</dd>
        </div>
        <div>
          <dt className="text-muted-foreground">Max drawdown</dt>
          <dd className="font-medium tabular-nums">{percent(template.maxDrawdown, false)}</dd>
        </div>
      </dl>
      <div className="flex flex-wrap gap-1">
        <Badge>{template.market}</Badge>
        <Badge>{template.timeframe}</Badge>
        {template.tags.slice(0, 3).map((tag) => (
          <Badge key={tag} variant="primary">
            {tag}
          </Badge>
        ))}
      </div>
      <div className="mt-auto flex items-center justify-between text-xs text-muted-foreground">
        <span>by {template.author}</span>
        <span>
          {stars(template.rating.average, template.rating.count)} · {template.forkCount} fork
          {template.forkCount === 1 ? "" : "s"}
        </span>
      </div>
    </Card>
  );
}
