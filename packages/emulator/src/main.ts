/**
 * `atlas-emulator`: flags and environment → buildApp → listen → one ready line. Logs (pino JSON)
 * go to stderr; stdout carries the bootstrap credentials and the ready line only.
 */
import { buildApp, createLogger } from "./app.js";
import { BootstrapError } from "./bootstrap.js";
import { CliError, parseCli, USAGE } from "./cli/args.js";
import { EmulatorClock } from "./lifecycle/clock.js";
import { FieldError } from "./http/validate.js";
import { DataDirInUseError } from "./store/store.js";
import { EMULATOR_VERSION } from "./version.js";

async function main(): Promise<number> {
  let cli;
  try {
    cli = parseCli(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliError || error instanceof FieldError) {
      process.stderr.write(`atlas-emulator: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (cli.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (cli.version) {
    process.stdout.write(`${EMULATOR_VERSION}\n`);
    return 0;
  }
  const log = createLogger(cli.logLevel);
  const { host, port, dataDirLabel, ...appOptions } = cli.emulator;
  let app;
  try {
    app = await buildApp({
      ...appOptions,
      logger: log,
      ...(cli.clockMode === "frozen" ? { clock: new EmulatorClock({ mode: "frozen" }) } : {}),
    });
  } catch (error) {
    if (error instanceof DataDirInUseError || error instanceof BootstrapError || error instanceof FieldError) {
      process.stderr.write(`atlas-emulator: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    await app.listen({ host: host ?? "127.0.0.1", port: port ?? 8080 });
  } catch (error) {
    process.stderr.write(`atlas-emulator: cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    await app.close();
    return 1;
  }
  const address = app.server.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host!.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${boundPort}`;
  const b = app.emulator.bootstrap!;
  // A one-time login link to the web console (a secret like the private key: shown once).
  const consoleUrl = app.webConsole ? app.webConsole.loginUrl(url) : null;
  if (cli.json) {
    process.stdout.write(
      `${JSON.stringify({ ready: true, url, orgId: b.orgId, projectId: b.projectId, publicKey: b.publicKey, privateKey: b.privateKey || null, dataDir: dataDirLabel, profile: app.emulator.profile.base, created: b.created, consoleUrl })}\n`,
    );
  } else {
    const lines = [
      `Atlas private-endpoint emulator ${EMULATOR_VERSION} (data: ${dataDirLabel}, profile: ${app.emulator.profile.base})`,
      `  organization  ${b.orgId}`,
      `  project       ${b.projectId}`,
      `  public key    ${b.publicKey}`,
      b.privateKey
        ? `  private key   ${b.privateKey}   (shown now only: the emulator keeps just its hash)`
        : `  private key   (set on first start; pass --private-key to set it again)`,
      ...(consoleUrl ? [`  console       ${consoleUrl}   (one-time login link)`] : []),
      `atlas-emulator ready: ${url}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  log.info({ url, dataDir: dataDirLabel }, "listening");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping");
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`atlas-emulator: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
