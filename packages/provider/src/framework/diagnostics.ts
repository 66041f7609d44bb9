import { formatPath, type AttributePath } from "./path.js";

/**
 * Problems for Terraform to show. Framework code never throws across a provider call: it adds a
 * diagnostic that says what happened and who should act, and returns (DESIGN: habit 5).
 */
export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail: string;
  /** Points Terraform at the configuration of this attribute. */
  readonly path?: AttributePath;
}

export class Diagnostics implements Iterable<Diagnostic> {
  private readonly items: Diagnostic[] = [];

  addError(summary: string, detail = "", path?: AttributePath): this {
    this.items.push(path ? { severity: "error", summary, detail, path } : { severity: "error", summary, detail });
    return this;
  }

  addWarning(summary: string, detail = "", path?: AttributePath): this {
    this.items.push(path ? { severity: "warning", summary, detail, path } : { severity: "warning", summary, detail });
    return this;
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  get errors(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "error");
  }

  get warnings(): Diagnostic[] {
    return this.items.filter((d) => d.severity === "warning");
  }

  get length(): number {
    return this.items.length;
  }

  [Symbol.iterator](): Iterator<Diagnostic> {
    return this.items[Symbol.iterator]();
  }

  /** One line per diagnostic, for logs and test failure messages. */
  toString(): string {
    return this.items
      .map((d) => `${d.severity}: ${d.summary}${d.path ? ` [${formatPath(d.path)}]` : ""}${d.detail ? `: ${d.detail}` : ""}`)
      .join("\n");
  }
}
