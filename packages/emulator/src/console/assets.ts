import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The console's static files: the bundle `scripts/build-console.mjs` writes to
 * `dist/console-assets/` (beside this compiled file's folder `dist/console/`, or beside a
 * one-file bundle of the emulator, which ships the folder next to itself). Read once, on first
 * use, and kept in memory (a few tens of KB); each carries a content hash, used as ETag and as the
 * `?v=` of the links in the pages so browsers may cache them for good.
 */
export const DEFAULT_ASSETS_DIRS: readonly string[] = ["../console-assets/", "./console-assets/"].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));

const TYPES: Readonly<Record<string, string>> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".map": "application/json; charset=utf-8",
};

export interface Asset {
  readonly name: string;
  readonly body: Buffer;
  readonly type: string;
  readonly hash: string;
}

export class Assets {
  #files: Map<string, Asset> | undefined;

  readonly dirs: readonly string[];

  constructor(dir?: string) {
    this.dirs = dir === undefined ? DEFAULT_ASSETS_DIRS : [dir];
  }

  #load(): Map<string, Asset> {
    if (this.#files) return this.#files;
    const files = new Map<string, Asset>();
    const dir = this.dirs.find((d) => existsSync(join(d, "console.js"))) ?? this.dirs[0]!;
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    for (const name of names) {
      const type = TYPES[extname(name)];
      const path = join(dir, name);
      if (type === undefined || !statSync(path).isFile()) continue;
      const body = readFileSync(path);
      files.set(name, { name, body, type, hash: createHash("sha256").update(body).digest("hex").slice(0, 16) });
    }
    // Cache only a complete build: a missing bundle is looked for again on the next request.
    if (files.has("console.js")) this.#files = files;
    return files;
  }

  get(name: string): Asset | undefined {
    return this.#load().get(name);
  }

  /** True when the browser bundle is there. */
  get built(): boolean {
    return this.get("console.js") !== undefined;
  }

  /** `/console/assets/<name>?v=<hash>` (without `?v` when the file is missing). */
  href(name: string): string {
    const asset = this.get(name);
    return `/console/assets/${name}${asset ? `?v=${asset.hash}` : ""}`;
  }
}
