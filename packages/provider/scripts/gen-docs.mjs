#!/usr/bin/env node
// Generates docs/resources/*.md and docs/data-sources/*.md from the provider's schemas and the
// templates in docs-templates/ (examples are read from examples/). `--check` fails when the
// committed docs differ from what the schemas say (a unit test runs it).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
const { renderTemplate } = await import(join(pkg, "dist/docs/render.js"));
const { mongodbatlasProvider } = await import(join(pkg, "dist/resources/provider.js"));
const provider = mongodbatlasProvider();
const check = process.argv.includes("--check");
const readExample = (file) => readFileSync(join(root, "examples", file), "utf8");
let stale = [];
for (const [kind, list] of [["resources", provider.resources], ["data-sources", provider.dataSources]]) {
  mkdirSync(join(root, "docs", kind), { recursive: true });
  for (const item of list) {
    const short = item.typeName.replace(/^mongodbatlas_/, "");
    const template = readFileSync(join(pkg, "docs-templates", kind, `${short}.md.tmpl`), "utf8");
    const text = renderTemplate(template, item.typeName, item.schema, readExample);
    const target = join(root, "docs", kind, `${short}.md`);
    if (check) {
      let current = "";
      try { current = readFileSync(target, "utf8"); } catch {}
      if (current !== text) stale.push(target);
    } else writeFileSync(target, text);
  }
}
if (stale.length) {
  console.error(`docs out of date (run: node packages/provider/scripts/gen-docs.mjs):\n${stale.join("\n")}`);
  process.exit(1);
}
