/**
 * go-plugin's process contract, as Terraform (go-plugin v1.6) expects it from a provider:
 * a magic cookie in the environment, the offered protocol versions, and exactly one line on
 * stdout: `CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVERCERT`.
 */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 6;

/** What a provider executable says when run by hand (go-plugin's wording, then ours). */
export function notACommandMessage(providerAddress: string): string {
  return `This binary is a plugin. These are not meant to be executed directly.
Please execute the program that consumes these plugins, which will
load any plugins automatically.

(This is the Terraform provider ${providerAddress}.
 Run it through terraform, or start it with --debug to attach terraform to it.)`;
}

export function hasMagicCookie(env: NodeJS.ProcessEnv): boolean {
  return env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE;
}

/** Whether Terraform offered protocol 6 (`PLUGIN_PROTOCOL_VERSIONS=5,6`; absent means "any"). */
export function offersProtocol6(env: NodeJS.ProcessEnv): boolean {
  const offered = env["PLUGIN_PROTOCOL_VERSIONS"];
  if (!offered) return true;
  return offered.split(",").some((v) => v.trim() === String(APP_PROTOCOL_VERSION));
}

export interface ListenAddress {
  readonly network: "unix" | "tcp";
  /** Socket path, or host:port. */
  readonly address: string;
}

export function handshakeLine(addr: ListenAddress, serverCertField: string | undefined): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|${addr.network}|${addr.address}|grpc|${serverCertField ?? ""}\n`;
}

/** The value of TF_REATTACH_PROVIDERS for a provider started in debug mode. */
export function reattachConfig(providerAddress: string, addr: ListenAddress, pid: number): string {
  return JSON.stringify({
    [providerAddress]: {
      Protocol: "grpc",
      ProtocolVersion: APP_PROTOCOL_VERSION,
      Pid: pid,
      Test: true,
      Addr: { Network: addr.network, String: addr.address },
    },
  });
}
