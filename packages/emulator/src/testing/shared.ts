import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Locates the gathered Atlas facts (`../shared` beside the repository: the OpenAPI subset and the
 * recorded responses). Tests read them; the emulator never does at run time.
 */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { workspaces?: unknown }).workspaces) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("repository root not found");
    dir = parent;
  }
}

export function sharedDir(): string {
  const dir = join(repoRoot(), "..", "shared", "atlas-api");
  if (!existsSync(dir)) throw new Error(`the gathered Atlas facts are expected in ${dir} (../shared/atlas-api beside the repository)`);
  return dir;
}

export interface Recording {
  readonly name: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Parses a `.snaphost` file: status line, headers, blank line, body. Header names lower-cased. */
export function parseSnaphost(name: string, text: string): Recording {
  const sep = text.indexOf("\n\n");
  const head = text.slice(0, sep).split("\n");
  const body = text.slice(sep + 2).replace(/\n$/, "");
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(head[0] ?? "")?.[1]);
  const headers: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { name, status, headers, body };
}

export function recordings(): Map<string, Recording> {
  const dir = join(sharedDir(), "recorded");
  const out = new Map<string, Recording>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".snaphost"))) {
    const name = file.replace(/\.snaphost$/, "");
    out.set(name, parseSnaphost(name, readFileSync(join(dir, file), "utf8")));
  }
  return out;
}
