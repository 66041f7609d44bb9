// Entry of the bundled command (dist/atlas-privatelink.cjs in the installable package).
import { run } from "./main.js";

void run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
