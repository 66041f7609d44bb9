import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { captureIo } from "../io-capture.js";
import { install } from "./install.js";


const homes: string[] = [];
after(() => homes.forEach((h) => rmSync(h, { recursive: true, force: true })));

describe("install: flags that take a value", () => {
  const cases: { args: string[]; message: RegExp }[] = [
    { args: ["--mirror"], message: /^atlas-privatelink install: --mirror takes a folder \(the mirror's root\); got nothing\n/ },
    { args: ["--mirror", ""], message: /^atlas-privatelink install: --mirror takes a folder \(the mirror's root\); got an empty value\n/ },
    { args: ["--mirror", "--dev-overrides"], message: /^atlas-privatelink install: --mirror takes a folder \(the mirror's root\); got the flag --dev-overrides\n/ },
    { args: ["--version", "2.20.0", "--mirror"], message: /^atlas-privatelink install: --mirror takes a folder/ },
    { args: ["--version"], message: /^atlas-privatelink install: --version takes a version number such as 2\.16\.0; got nothing\n/ },
    { args: ["--version", "--uninstall"], message: /^atlas-privatelink install: --version takes a version number such as 2\.16\.0; got the flag --uninstall\n/ },
  ];
  for (const c of cases) {
    it(`${c.args.map((a) => JSON.stringify(a)).join(" ")}: exit 2, the flag and what it takes named, nothing installed`, () => {
      const home = mkdtempSync(join(tmpdir(), "cli-install-"));
      homes.push(home);
      const io = captureIo();
      assert.equal(install(c.args, io, { HOME: home }), 2);
      assert.match(io.stderr(), c.message);
      assert.match(io.stderr(), /Usage: atlas-privatelink install/);
      assert.equal(io.stdout(), "");
      assert.ok(!existsSync(join(home, ".terraform.d")), "nothing is installed into HOME's plugin dir");
    });
  }
});
