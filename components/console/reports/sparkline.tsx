/**
 * A small trend line drawn on the server as SVG (no chart library on the overview). Decorative:
 * the number beside it says the same, so it is hidden from screen readers.
 */
export function Sparkline({ values, className }: { values: number[]; className?: string }) {
  if (values.length < 2) return null;
  const width = 120;
  const height = 32;
  const max = Math.max(1, ...values);
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  return (
    <svg aria-hidden="true" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" className={className ?? "h-8 w-full text-brand-500 dark:text-brand-300"}>
      <polyline points={`0,${height} ${points.join(" ")} ${width},${height}`} fill="currentColor" fillOpacity={0.12} stroke="none" />
      <polyline points={points.join(" ")} fill="none" stroke="currentColor" strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
    </svg>
  );
}
