/**
 * `atlas-privatelink`: the repository's command line.
 */
import { PROVIDER_VERSION } from "@atlas-privatelink/provider/version";
import { emulator, runEmulatorInProcess } from "./commands/emulator.js";
import { install, INSTALL_USAGE } from "./commands/install.js";
import { quickstart, QUICKSTART_USAGE } from "./commands/quickstart.js";
import { terraform } from "./commands/terraform.js";
import { watch, WATCH_USAGE } from "./commands/watch.js";
import { processIo, type Io } from "./io.js";

export const USAGE = `atlas-privatelink — the MongoDB Atlas private-link Terraform provider (TypeScript) and its local emulator

Usage:
  atlas-privatelink quickstart [--keep]        the seed example end to end on the embedded emulator (npm start)
  atlas-privatelink emulator [flags]           run the Atlas private-endpoint emulator (--help for its flags)
  atlas-privatelink install [options]          install the provider where Terraform finds it (--help)
  atlas-privatelink terraform <args>           terraform, pointed at the running emulator: its base URL and key
                                               (every other MONGODB_ATLAS_* credential in your environment is
                                               cleared, so real ones never reach it), TF_VAR_project_id, and a
                                               CLI config that installs this provider
  atlas-privatelink watch [project] [options]  live endpoint statuses (--help)
  atlas-privatelink --version

Provider: registry.terraform.io/mongodb/mongodbatlas ${PROVIDER_VERSION} (TypeScript)
`;

export async function run(args: string[], io: Io = processIo, self = process.argv[1] ?? ""): Promise<number> {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case "quickstart":
      case "start":
        return await quickstart(rest, io);
      case "emulator":
        return await emulator(rest, io, self);
      case "__emulator":
        await runEmulatorInProcess(rest);
        return new Promise<number>(() => {}); // the emulator's own CLI owns the process from here
      case "install":
        return install(rest, io);
      case "terraform":
      case "tf":
        return await terraform(rest, io);
      case "watch":
        return await watch(rest, io);
      case "--version":
      case "-v":
        io.out(`atlas-privatelink ${PROVIDER_VERSION}\n`);
        return 0;
      case undefined:
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        io.err(`atlas-privatelink: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    io.err(`atlas-privatelink: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

export { INSTALL_USAGE, QUICKSTART_USAGE, WATCH_USAGE };
