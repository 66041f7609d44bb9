/**
 * What a reliability campaign reports (docs/reliability.md): pass/fail against its criteria,
 * the figures it measured, and every violated criterion spelled out. A campaign never passes by
 * default: `passed` is computed from `failures`, and a campaign that checked nothing fails.
 */
export interface CampaignFigure {
  readonly name: string;
  readonly value: string | number;
  readonly detail?: string;
}

export interface CampaignResult {
  readonly id: string;
  readonly title: string;
  readonly passed: boolean;
  readonly figures: readonly CampaignFigure[];
  /** Every violated criterion, with enough detail to reproduce (seed, step, object ids). */
  readonly failures: readonly string[];
  /** How many individual checks ran (a campaign with 0 checks fails). */
  readonly checks: number;
  readonly ms: number;
}

export interface CampaignOptions {
  /** `full`: the documented campaign (npm run campaign); `ci`: the small version npm test runs. */
  readonly scale: "full" | "ci";
  /** Progress lines (the runner prints them; tests keep them quiet). */
  readonly log?: (line: string) => void;
  /** Overrides of the campaign's own size (e.g. `--runs 5`). */
  readonly runs?: number;
  readonly seed?: number;
}

export interface Campaign {
  readonly id: string;
  readonly title: string;
  run(options: CampaignOptions): Promise<CampaignResult>;
}

/** Collects checks and failures; `result()` turns them into a CampaignResult. */
export class Verdict {
  readonly failures: string[] = [];
  readonly figures: CampaignFigure[] = [];
  checks = 0;
  readonly #started = Date.now();

  constructor(
    readonly id: string,
    readonly title: string,
  ) {}

  /** Records one check; `detail` is evaluated only when it fails. */
  check(ok: boolean, detail: () => string): boolean {
    this.checks++;
    if (!ok) this.failures.push(detail());
    return ok;
  }

  fail(detail: string): void {
    this.checks++;
    this.failures.push(detail);
  }

  figure(name: string, value: string | number, detail?: string): void {
    this.figures.push(detail === undefined ? { name, value } : { name, value, detail });
  }

  result(): CampaignResult {
    const noChecks = this.checks === 0 ? ["the campaign checked nothing (a campaign that cannot fail is a defect)"] : [];
    const failures = [...this.failures, ...noChecks];
    return { id: this.id, title: this.title, passed: failures.length === 0, figures: this.figures, failures, checks: this.checks, ms: Date.now() - this.#started };
  }
}

export function formatResult(r: CampaignResult): string {
  const lines = [`## ${r.id}: ${r.title}`, `${r.passed ? "PASS" : "FAIL"} (${r.checks} checks, ${(r.ms / 1000).toFixed(1)} s)`];
  for (const f of r.figures) lines.push(`- ${f.name}: ${f.value}${f.detail ? ` (${f.detail})` : ""}`);
  for (const f of r.failures) lines.push(`! ${f}`);
  return lines.join("\n");
}
