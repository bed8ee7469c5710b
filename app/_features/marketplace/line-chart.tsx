/** A plain SVG line of values, scaled to fit: enough for a sparkline or a small equity curve. */
export function LineChart({
  values,
  width = 320,
  height = 80,
  label,
  className,
  showAxis = false,
}: {
  values: number[];
  width?: number;
  height?: number;
  label: string;
  className?: string;
  showAxis?: boolean;
}) {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2) {
    return (
      <div className="flex items-center justify-center text-xs text-muted-foreground" style={{ height }}>
        No curve to draw
      </div>
    );
  }
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const span = max - min || 1;
  const pad = 4;
  const x = (i: number) => pad + (i / (values.length - 1)) * (width - 2 * pad);
  const y = (v: number) => pad + (1 - (v - min) / span) * (height - 2 * pad);
  const path = values
    .map((v, i) => (Number.isFinite(v) ? `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}` : ""))
    .join(" ");
  const up = values[values.length - 1] >= values[0];
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      className={className}
      style={{ width: "100%", height }}
      role="img"
      aria-label={label}
    >
      {showAxis && (
        <line
          x1={pad}
          x2={width - pad}
          y1={y(values[0])}
          y2={y(values[0])}
          stroke="var(--border)"
          strokeDasharray="4 4"
          vectorEffect="non-scaling-stroke"
        />
      )}
      <path
        d={path}
        fill="none"
        stroke={up ? "var(--success)" : "var(--destructive)"}
        strokeWidth={1.6}
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
