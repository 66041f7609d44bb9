import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import Fastify from "fastify";
import { registerControlApi } from "./control/routes.js";
import { EmulatorCore } from "./core.js";
import { allEmulatorErrorCodes } from "./http/api-error.js";
import { USAGE } from "./cli/args.js";
import { Store } from "./store/store.js";
import { repoRoot } from "./testing/shared.js";
import { EMULATOR_VERSION } from "./version.js";

/** The documentation is kept true by tests (DESIGN.md habits 6 and 9). */
const root = repoRoot();
const read = (p: string) => readFileSync(join(root, p), "utf8");

function section(markdown: string, heading: string): string {
  const start = markdown.search(new RegExp(`^## ${heading}\\s*$`, "m"));
  assert.ok(start >= 0, `no '## ${heading}' section`);
  const rest = markdown.slice(start + 1);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts")) out.push(p);
  }
  return out;
}

describe("docs", () => {
  it("docs/errors.md ## Emulator lists exactly the codes the emulator can answer with", () => {
    const s = section(read("docs/errors.md"), "Emulator");
    const documented = [...s.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
    assert.equal(new Set(documented).size, documented.length, "a code is listed twice");
    assert.deepEqual([...documented].sort(), allEmulatorErrorCodes());
    for (const oauth of ["invalid_client", "invalid_request", "unsupported_grant_type"]) assert.match(s, new RegExp(`\\| \`${oauth}\` \\|`));
  });

  it("docs/emulator.md lists exactly the DIVERGENCE markers of the code", () => {
    // The marker is `DIVERGENCE: <id> — <why>` (DESIGN.md habit 9: grep for `DIVERGENCE:`).
    const marker = /DIVERGENCE: ([a-z0-9]+(?:-[a-z0-9]+)*) — \S/g;
    const inCode = new Set<string>();
    const malformed: string[] = [];
    for (const file of sources(join(root, "packages/emulator/src"))) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, i) => {
          const found = [...line.matchAll(marker)];
          for (const m of found) inCode.add(m[1]!);
          // Every upper-case DIVERGENCE is a well-formed marker: no bare word, no old DIVERGENCE(<id>).
          if ((line.match(/DIVERGENCE/g) ?? []).length !== found.length) malformed.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(malformed, [], "write every marker as `DIVERGENCE: <id> — <why>`");
    assert.ok(inCode.size >= 25, `${inCode.size} markers found: is the pattern still the code's?`);
    const doc = read("docs/emulator.md");
    assert.match(doc, /marked `DIVERGENCE: <id> — …`/, "the doc states the convention the test checks");
    const inDoc = new Set([...section(doc, "Divergences from Atlas").matchAll(/^- \*\*`([a-z0-9-]+)`\*\*/gm)].map((m) => m[1]!));
    assert.deepEqual([...inDoc].sort(), [...inCode].sort());
  });

  it("docs/emulator.md documents every control route", async () => {
    const app = Fastify();
    const routes: string[] = [];
    app.addHook("onRoute", (r) => {
      for (const m of [r.method].flat()) if (m !== "HEAD") routes.push(`${m} ${r.url}`);
    });
    const store = new Store();
    const core = new EmulatorCore({ store });
    registerControlApi(app, core, { version: EMULATOR_VERSION, startedAt: 0 });
    await app.ready();
    const documented = [...section(read("docs/emulator.md"), "Control API \\(`/_emulator/…`\\)").matchAll(/^\| `([A-Z]+ \/_emulator[^`]*)` \|/gm)].map((m) => m[1]!);
    const registered = routes.map((r) => r.replace(/:([a-z]+)/gi, "{$1}"));
    assert.deepEqual([...documented].sort(), [...registered].sort());
    assert.ok(routes.length >= 25, `${routes.length} routes`);
    await app.close();
    core.close();
  });

  it("docs/emulator.md documents every CLI flag", () => {
    const doc = read("docs/emulator.md");
    for (const flag of USAGE.matchAll(/^ {2}(--[a-z-]+)/gm)) assert.ok(doc.includes(`\`${flag[1]}`), `${flag[1]} is not documented`);
  });

  it("the version constant is the package's", () => {
    const pkg = JSON.parse(read("packages/emulator/package.json")) as { version: string };
    assert.equal(EMULATOR_VERSION, pkg.version);
  });
});
