import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect as tlsConnect } from "node:tls";
import { connect as netConnect } from "node:net";
import { existsSync } from "node:fs";
import { ProviderServer } from "../framework/provider-server.js";
import type { ProviderType } from "../framework/resource.js";
import { serveProvider } from "./serve.js";
import { generateServerCertificate } from "./tls-cert.js";
import { credentials as grpcCredentials, makeGenericClientConstructor, type Client, type ServiceDefinition } from "@grpc/grpc-js";
import { GRPCControllerService, GRPCStdioService } from "./generated/go_plugin.js";
import { HealthService } from "./generated/health.js";

const provider: ProviderType<null> = {
  typeName: "t",
  version: "0",
  schema: { version: 0, block: { attributes: {} } },
  configure: async () => null,
  resources: [],
  dataSources: [],
};

const client = generateServerCertificate(); // Terraform's client certificate uses the same template

function serve(env: NodeJS.ProcessEnv, tcp = false, onShutdown = () => {}) {
  let line = "";
  return serveProvider(new ProviderServer(provider), { env, tcp, write: (l) => (line += l), onShutdown }).then((p) => ({ p, line }));
}

/** A plaintext gRPC client for one of the served services (TF_DISABLE_PLUGIN_TLS). */
function clientFor(service: object, address: { network: string; address: string }): Record<string, (...args: unknown[]) => unknown> & Client {
  const Ctor = makeGenericClientConstructor(service as ServiceDefinition, "test");
  const target = address.network === "unix" ? `unix://${address.address}` : address.address;
  return new Ctor(target, grpcCredentials.createInsecure()) as unknown as Record<string, (...args: unknown[]) => unknown> & Client;
}
function unary<T>(client: Record<string, (...args: unknown[]) => unknown>, method: string, request: object): Promise<T> {
  return new Promise((resolve, reject) => client[method]!(request, (error: Error | null, reply: T) => (error ? reject(error) : resolve(reply))));
}

function tlsTo(address: { network: string; address: string }, serverCertField: string, withClientCert: boolean) {
  const der = Buffer.from(serverCertField, "base64");
  const ca = `-----BEGIN CERTIFICATE-----\n${der.toString("base64").match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
  const [host, port] = address.address.split(":");
  return new Promise<{ alpn: string | false; error?: Error }>((resolve) => {
    const socket = tlsConnect({
      ...(address.network === "unix" ? { path: address.address } : { host, port: Number(port) }),
      ca,
      servername: "localhost",
      ALPNProtocols: ["h2"],
      ...(withClientCert ? { cert: client.certPem, key: client.keyPem } : {}),
    });
    socket.on("secureConnect", () => {
      // TLS 1.3 reports a missing client certificate after the handshake: read once more.
      socket.once("data", () => {});
      setTimeout(() => {
        resolve({ alpn: socket.alpnProtocol ?? false });
        socket.destroy();
      }, 100);
    });
    socket.on("error", (error) => resolve({ alpn: false, error }));
  });
}

describe("serving (AutoMTLS, sockets, handshake)", () => {
  it("prints one handshake line: core 1, protocol 6, unix socket, grpc, unpadded base64 DER", async () => {
    const { p, line } = await serve({ PLUGIN_CLIENT_CERT: client.certPem });
    try {
      assert.match(line, /^1\|6\|unix\|[^|]+\|grpc\|[A-Za-z0-9+/]{100,}\n$/);
      assert.ok(existsSync(p.address.address));
    } finally {
      await p.close();
    }
    assert.ok(!existsSync(p.address.address), "the socket file is removed");
  });

  it("negotiates ALPN h2 with a client holding Terraform's certificate", async () => {
    const { p, line } = await serve({ PLUGIN_CLIENT_CERT: client.certPem });
    try {
      const r = await tlsTo(p.address, line.trim().split("|")[5]!, true);
      assert.equal(r.error, undefined);
      assert.equal(r.alpn, "h2");
    } finally {
      await p.close();
    }
  });

  it("refuses a client without the certificate Terraform passed", async () => {
    const { p, line } = await serve({ PLUGIN_CLIENT_CERT: client.certPem });
    try {
      const r = await tlsTo(p.address, line.trim().split("|")[5]!, false);
      assert.ok(r.error, "the handshake must fail without a client certificate");
    } finally {
      await p.close();
    }
  });

  it("serves plaintext with TF_DISABLE_PLUGIN_TLS (empty certificate field) and TCP on loopback when asked", async () => {
    const { p, line } = await serve({ PLUGIN_CLIENT_CERT: client.certPem, TF_DISABLE_PLUGIN_TLS: "1" }, true);
    try {
      assert.match(line, /^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|\n$/);
      const [host, port] = p.address.address.split(":");
      await new Promise<void>((resolve, reject) => {
        const s = netConnect({ host, port: Number(port) }, () => {
          s.destroy();
          resolve();
        });
        s.on("error", reject);
      });
    } finally {
      await p.close();
    }
  });

  it("falls back to TCP on loopback when the Unix socket cannot be created", async () => {
    const { p, line } = await serve({ PLUGIN_CLIENT_CERT: client.certPem, PLUGIN_UNIX_SOCKET_DIR: "/nonexistent/dir" });
    try {
      assert.match(line, /^1\|6\|tcp\|127\.0\.0\.1:\d+\|grpc\|[A-Za-z0-9+/]{100,}\n$/);
    } finally {
      await p.close();
    }
  });

  it("answers grpc.health.v1 \"plugin\" SERVING, ends GRPCStdio at once, and answers Shutdown before shutting down", async () => {
    let shutdown = 0;
    const { p } = await serve({ TF_DISABLE_PLUGIN_TLS: "1" }, false, () => shutdown++);
    const health = clientFor(HealthService, p.address);
    const stdio = clientFor(GRPCStdioService, p.address);
    const controller = clientFor(GRPCControllerService, p.address);
    try {
      assert.deepEqual(await unary(health, "check", { service: "plugin" }), { status: 1 });
      const stream = stdio["streamStdio"]!({}) as NodeJS.EventEmitter;
      const received: unknown[] = [];
      stream.on("data", (d) => received.push(d));
      await new Promise((resolve, reject) => {
        stream.on("end", resolve);
        stream.on("error", reject);
      });
      assert.deepEqual(received, []);
      assert.deepEqual(await unary(controller, "shutdown", {}), {}, "Shutdown's answer reaches the client");
      for (let i = 0; i < 50 && shutdown === 0; i++) await new Promise((r) => setTimeout(r, 10));
      assert.equal(shutdown, 1);
    } finally {
      for (const c of [health, stdio, controller]) c.close();
      await p.close();
    }
  });
});
