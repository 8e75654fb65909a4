// A small line of weekly values drawn on the server: no chart library for two lines on the dashboard. Gaps
// (weeks without orders) break the line. Decorative: the figures are in the table next to it.
export function Sparkline({ values, colour }: { values: Array<number | null>; colour: string }) {
  const width = 120;
  const height = 32;
  const present = values.filter((value): value is number => value !== null);
  const max = Math.max(1, ...present);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const segments: string[][] = [[]];
  values.forEach((value, index) => {
    if (value === null) {
      segments.push([]);
      return;
    }
    const y = height - 2 - (value / max) * (height - 4);
    segments.at(-1)?.push(`${(index * step).toFixed(1)},${y.toFixed(1)}`);
  });
  return (
    <svg
      aria-hidden
      focusable="false"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      style={{ display: "block", inlineSize: "100%", blockSize: height }}
    >
      {segments
        .filter((points) => points.length > 0)
        .map((points) =>
          points.length === 1 ? (
            <circle
              key={points[0]}
              cx={points[0]?.split(",")[0]}
              cy={points[0]?.split(",")[1]}
              r={1.5}
              style={{ fill: colour }}
            />
          ) : (
            <polyline
              key={points.join(" ")}
              points={points.join(" ")}
              style={{ fill: "none", stroke: colour, strokeWidth: 2 }}
              vectorEffect="non-scaling-stroke"
              strokeLinejoin="round"
            />
          ),
        )}
    </svg>
  );
}
