/**
 * Launches a provider executable the way Terraform's go-plugin client does — the same
 * environment (magic cookie, protocol versions, a fresh client certificate), reading the
 * handshake line, connecting with mutual TLS and calling RPCs — without Terraform, to measure
 * launches and to test the protocol edges directly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { credentials, makeGenericClientConstructor, Metadata, type Client, type ServiceError } from "@grpc/grpc-js";
import { plugin } from "@atlas-privatelink/provider";

export interface LaunchTimings {
  /** exec → handshake line on stdout. */
  readonly handshakeMs: number;
  /** exec → first RPC (GetProviderSchema) answered over mutual TLS. */
  readonly firstRpcMs: number;
  /** exec → process exited after Shutdown. */
  readonly exitMs: number;
}

export interface LaunchedPlugin {
  readonly child: ChildProcess;
  readonly handshake: string;
  readonly fields: string[];
  readonly startedAt: bigint;
  readonly handshakeAt: bigint;
  readonly stderr: () => string;
}

const clientCert = plugin.generateServerCertificate(); // same template Terraform uses: CA, SAN localhost, client+server EKU

export function terraformLikeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    TF_PLUGIN_MAGIC_COOKIE: plugin.MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: "5,6",
    PLUGIN_MIN_PORT: "10000",
    PLUGIN_MAX_PORT: "25000",
    PLUGIN_CLIENT_CERT: clientCert.certPem,
    ...extra,
  };
}

export function launchPlugin(command: string, args: string[] = [], env: NodeJS.ProcessEnv = terraformLikeEnv()): Promise<LaunchedPlugin> {
  return new Promise((resolve, reject) => {
    const startedAt = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stderr!.setEncoding("utf8").on("data", (c: string) => (err += c));
    child.stdout!.setEncoding("utf8").on("data", (c: string) => {
      const before = out;
      out += c;
      if (!before.includes("\n") && out.includes("\n")) {
        const handshakeAt = process.hrtime.bigint();
        const line = out.slice(0, out.indexOf("\n"));
        resolve({ child, handshake: line, fields: line.split("|"), startedAt, handshakeAt, stderr: () => err });
      }
    });
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`provider exited (${code}) before the handshake: ${(out + err).slice(-2000)}`)));
  });
}

const ProviderClient = makeGenericClientConstructor(plugin.ProviderService, "Provider");
const ControllerClient = makeGenericClientConstructor(plugin.GRPCControllerService, "GRPCController");

export function connect(launched: LaunchedPlugin, withClientCert = true): { provider: Client; controller: Client } {
  const [, , network, address, , cert] = launched.fields;
  const target = network === "unix" ? `unix:${address}` : address!;
  // the handshake carries base64 DER without padding (go-plugin's RawStdEncoding)
  const der = cert ? Buffer.from(cert, "base64") : undefined;
  const creds = der
    ? credentials.createSsl(
        Buffer.from(`-----BEGIN CERTIFICATE-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`),
        withClientCert ? Buffer.from(clientCert.keyPem) : null,
        withClientCert ? Buffer.from(clientCert.certPem) : null,
      )
    : credentials.createInsecure();
  const options = { "grpc.ssl_target_name_override": "localhost", "grpc.default_authority": "localhost" };
  return { provider: new ProviderClient(target, creds, options), controller: new ControllerClient(target, creds, options) };
}

export function call<Res>(client: Client, method: string, request: object, deadlineMs = 10_000): Promise<Res> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (req: object, meta: unknown, opts: unknown, cb: (e: ServiceError | null, r: Res) => void) => void>)[method]!;
    fn.call(client, request, new Metadata(), { deadline: Date.now() + deadlineMs }, (e, r) => (e ? reject(e) : resolve(r)));
  });
}

/** One full launch: handshake, GetProviderSchema over mTLS, Shutdown, exit. */
export async function timeLaunch(command: string, args: string[] = []): Promise<LaunchTimings> {
  const launched = await launchPlugin(command, args);
  const { provider, controller } = connect(launched);
  const exited = new Promise<bigint>((resolve) => launched.child.on("exit", () => resolve(process.hrtime.bigint())));
  await call(provider, "getProviderSchema", {});
  const rpcAt = process.hrtime.bigint();
  await call(controller, "shutdown", {}).catch(() => {});
  const exitAt = await exited;
  provider.close();
  controller.close();
  const ms = (t: bigint) => Number(t - launched.startedAt) / 1e6;
  return { handshakeMs: ms(launched.handshakeAt), firstRpcMs: ms(rpcAt), exitMs: ms(exitAt) };
}
