/** A simple CSS bar: value / max with a label (capacity, budget). */
export function Gauge({ label, value, max, format }: { label: string; value: number; max: number; format: (n: number) => string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 1;
  const pct = Math.round(ratio * 1000) / 10;
  const tone = ratio >= 1 ? "full" : ratio >= 0.85 ? "high" : "";
  return (
    <div className="gauge" role="group" aria-label={label}>
      <div className="inline" style={{ justifyContent: "space-between" }}>
        <span>{label}</span>
        <span data-testid={`gauge-${label}`}>
          {format(value)} / {format(max)} ({pct}%)
        </span>
      </div>
      <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-label={label}>
        <div className={`fill ${tone}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
