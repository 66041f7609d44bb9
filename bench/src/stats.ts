/** One figure a benchmark reports. */
export interface BenchmarkResult {
  readonly name: string;
  readonly value: string | number;
  readonly unit?: string;
  readonly detail?: string;
  /** For ratios with a target: `{op: "<=", value: 1.25, met}`. */
  readonly goal?: { readonly op: "<=" | ">="; readonly value: number; readonly met: boolean };
}

export interface Benchmark {
  readonly id: string;
  readonly title: string;
  run(): Promise<BenchmarkResult[]>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function goal(op: "<=" | ">=", target: number, actual: number): BenchmarkResult["goal"] {
  return { op, value: target, met: op === "<=" ? actual <= target : actual >= target };
}
