#!/usr/bin/env node
// Builds the provider executable, dist/bin/terraform-provider-mongodbatlas: one self-contained
// file that needs Node ≥ 20 on PATH, laid out as
//   #!/bin/sh
//   exec node -e '<loader, minified>' "$0" "$@"      (sh never reads past this line)
//   <bootstrap payload>  src/launch/bootstrap-entry.ts — listen, certificate, handshake line
//   <server payload>     src/launch/server-entry.ts    — gRPC, the framework and the resources
// The loader (loader.cjs) reads each payload at its byte offsets and compiles it with a V8 code
// cache; the payloads are never parsed as part of a larger script. `exec` makes node replace
// the shell, so Terraform's signals and kill reach node itself.
import { build, transform } from "esbuild";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, "..");
const out = join(pkg, "dist", "bin");
mkdirSync(out, { recursive: true });

async function bundle(entry) {
  const result = await build({
    entryPoints: [join(pkg, entry)],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    minify: true,
    legalComments: "none",
    write: false,
    logLevel: "warning",
    metafile: true,
    // msgpackr probes for an optional native addon at load; the pure-JS path is all we use.
    define: { "process.env.MSGPACKR_NATIVE_ACCELERATION_DISABLED": '"true"' },
  });
  return { code: Buffer.from(result.outputFiles[0].text, "utf8"), meta: result.metafile };
}

const bootstrap = await bundle("src/launch/bootstrap-entry.ts");
const server = await bundle("src/launch/server-entry.ts");
// The server payload runs after the bootstrap payload, in the same process: whatever the bootstrap
// already evaluated must not be bundled (and evaluated) again. The certificate code is the big one.
const twice = Object.keys(server.meta.inputs).filter((input) => /(^|\/)node_modules\/asn1js\/|(^|\/)src\/plugin\/tls-cert\.ts$/.test(input));
if (twice.length > 0) throw new Error(`bundle: the server payload includes bootstrap-only code (${twice.join(", ")}); import only types from start-plugin/bootstrap on the server path`);
const buildId = createHash("sha256").update(bootstrap.code).update(server.code).digest("hex").slice(0, 16);

// Offsets are written as fixed-width numbers, so the header's length does not depend on them.
const width = 10;
const pad = (n) => String(n).padStart(width, " "); // spaces: a leading 0 would make a JS octal literal
const header = (offsets) => {
  const table = `{bootstrap:[${pad(offsets[0])},${pad(offsets[1])}],server:[${pad(offsets[2])},${pad(offsets[3])}]}`;
  return `const BUILD_ID="${buildId}",OFFSETS=${table};`;
};
const loaderSource = (await transform(readFileSync(join(here, "loader.cjs"), "utf8"), { minify: true, target: "node20", format: "cjs" })).code.trim();
const makeHead = (offsets) => {
  const code = header(offsets) + loaderSource;
  if (code.includes("'")) throw new Error("the loader must not contain a single quote (it is a shell single-quoted word)");
  return Buffer.from(`#!/bin/sh\n# terraform-provider-mongodbatlas (TypeScript): needs Node.js >= 20 on PATH.\nexec node -e '${code}' "$0" "$@"\n`, "utf8");
};
const headLength = makeHead([0, 0, 0, 0]).length;
const offsets = [headLength, headLength + bootstrap.code.length, headLength + bootstrap.code.length, headLength + bootstrap.code.length + server.code.length];
const head = makeHead(offsets);
if (head.length !== headLength) throw new Error("header length changed with the offsets");

const exe = join(out, "terraform-provider-mongodbatlas");
writeFileSync(exe, Buffer.concat([head, bootstrap.code, server.code]));
chmodSync(exe, 0o755);
writeFileSync(join(out, "bundle-meta.json"), JSON.stringify({ bootstrap: bootstrap.meta, server: server.meta }));
console.error(`bundle: ${exe} (bootstrap ${Math.round(bootstrap.code.length / 1024)} KiB, server ${Math.round(server.code.length / 1024)} KiB, build ${buildId})`);
