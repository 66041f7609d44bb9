"use strict";
// The provider executable's loader, run by `node -e` from the executable's shell header. The
// executable holds two payloads as plain bytes after the header — "bootstrap" (listen,
// certificate, handshake line) and "server" (gRPC and the provider) — at byte offsets the bundler
// writes into the header (OFFSETS), so Node reads exactly what it runs and never scans the rest.
// Each payload is compiled with a V8 code cache kept in the user's cache directory (never in the
// provider's own package directory, whose hash Terraform re-checks on every command), written
// back at exit when missing or stale so that it also covers functions compiled while serving.
// Files of other builds are removed when a new cache is written. Set
// ATLAS_PRIVATELINK_CODE_CACHE=0 to disable the cache (nothing is read or written).
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const os = require("node:os");

const file = process.argv[1];
const fd = fs.openSync(file, "r");

function read(name) {
  const [start, end] = OFFSETS[name];
  const buf = Buffer.allocUnsafe(end - start);
  fs.readSync(fd, buf, 0, end - start, start);
  return buf.toString("utf8");
}

function cacheDir() {
  if (process.env.ATLAS_PRIVATELINK_CODE_CACHE === "0") return undefined;
  try {
    const base = process.env.XDG_CACHE_HOME || (process.platform === "darwin" ? path.join(os.homedir(), "Library", "Caches") : path.join(os.homedir(), ".cache"));
    return path.join(base, "atlas-privatelink", "v8");
  } catch {
    return undefined;
  }
}

const dir = cacheDir();
const pendingWrites = [];

function run(name) {
  const source = read(name);
  const cacheFile = dir && path.join(dir, name + "-" + BUILD_ID + "-" + process.version + "-" + process.arch + ".bin");
  let cachedData;
  if (cacheFile) {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {}
  }
  const script = new vm.Script("(function (exports, require, module, __filename, __dirname) {" + source + "\n})", {
    filename: file + "#" + name,
    cachedData,
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) pendingWrites.push([cacheFile, script]);
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, require, mod, file, path.dirname(file));
  return mod.exports;
}

process.once("exit", () => {
  if (pendingWrites.length === 0) return;
  for (const [cacheFile, script] of pendingWrites) {
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      const tmp = cacheFile + "." + process.pid + ".tmp";
      fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
      fs.renameSync(tmp, cacheFile);
    } catch {}
  }
  // Every build writes new files: remove those of other builds, so the directory does not grow
  // with each upgrade or rebuild. (Files of this build for another Node version or arch stay.)
  let files = [];
  try {
    files = fs.readdirSync(dir);
  } catch {}
  for (const f of files) {
    for (const name of Object.keys(OFFSETS)) {
      if (f.startsWith(name + "-") && !f.startsWith(name + "-" + BUILD_ID + "-")) {
        try {
          fs.rmSync(path.join(dir, f), { force: true });
        } catch {}
      }
    }
  }
});

run("bootstrap")
  .start()
  .then((started) => run("server").finish(started))
  .catch((error) => {
    process.stderr.write("[ERROR] terraform-provider-mongodbatlas failed to start: " + (error && error.stack ? error.stack : String(error)) + "\n");
    process.exit(1);
  });
