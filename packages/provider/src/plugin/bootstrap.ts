/**
 * Phase one of a provider launch: everything Terraform needs before it can connect, and nothing
 * else. Listen (Unix socket, or TCP on loopback), make the server certificate, print the
 * handshake line. Incoming connections wait, paused, until phase two (`attach.ts`) has loaded
 * the gRPC server and takes them over. Splitting the launch this way lets Terraform read the
 * handshake and set up its TLS client while we load gRPC, instead of after.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { createServer, type Server as NetServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handshakeLine, type ListenAddress } from "./handshake.js";
import { generateServerCertificate, type ServerCertificate } from "./tls-cert.js";

export interface BootstrapOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Plaintext (no client certificate), as in debug/reattach mode. */
  readonly plaintext?: boolean;
  /** Force TCP on 127.0.0.1 instead of a Unix socket. */
  readonly tcp?: boolean;
  /** Where the handshake line goes (stdout by default); nothing else may be written there. */
  readonly write?: (line: string) => void;
}

export interface Bootstrapped {
  readonly address: ListenAddress;
  /** Server certificate and Terraform's client certificate, when AutoMTLS is on. */
  readonly tls: { readonly cert: ServerCertificate; readonly clientCertPem: string } | undefined;
  /** Hands every connection (those already waiting, then new ones) to `handler`. */
  takeConnections(handler: (socket: Socket) => void): void;
  close(): Promise<void>;
}

export async function bootstrapPlugin(options: BootstrapOptions = {}): Promise<Bootstrapped> {
  const env = options.env ?? process.env;
  const clientCertPem = env["PLUGIN_CLIENT_CERT"];
  const useTls = !options.plaintext && !!clientCertPem && !env["TF_DISABLE_PLUGIN_TLS"];

  const waiting: Socket[] = [];
  let handler: ((socket: Socket) => void) | undefined;
  const server = createServer({ pauseOnConnect: true }, (socket) => {
    if (handler) handler(socket);
    else waiting.push(socket);
  });

  let socketPath: string | undefined;
  let address: ListenAddress;
  if (!options.tcp && process.platform !== "win32") {
    // A socket file straight in the temp dir, as go-plugin does: a SIGKILLed provider leaves a
    // stale file behind, never a directory.
    socketPath = join(env["PLUGIN_UNIX_SOCKET_DIR"] || tmpdir(), `plugin${randomBytes(6).toString("hex")}`);
    try {
      await listen(server, socketPath);
      address = { network: "unix", address: socketPath };
      const path = socketPath;
      process.once("exit", () => rmSync(path, { force: true }));
    } catch {
      socketPath = undefined;
      address = await listenTcp(server);
    }
  } else {
    address = await listenTcp(server);
  }

  const cert = useTls ? generateServerCertificate() : undefined;
  const line = handshakeLine(address, cert?.handshakeField);
  (options.write ?? ((l: string) => process.stdout.write(l)))(line);

  return {
    address,
    tls: cert ? { cert, clientCertPem: clientCertPem! } : undefined,
    takeConnections(h) {
      handler = h;
      for (const s of waiting.splice(0)) h(s);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if (socketPath) rmSync(socketPath, { force: true });
      }),
  };
}

function listen(server: NetServer, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function listenTcp(server: NetServer): Promise<ListenAddress> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      const a = server.address();
      resolve({ network: "tcp", address: `127.0.0.1:${typeof a === "object" && a ? a.port : 0}` });
    });
  });
}
