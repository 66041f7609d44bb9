import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { connect as tlsConnect } from "node:tls";
import { connect as netConnect } from "node:net";
import { existsSync } from "node:fs";
import { ProviderServer } from "../framework/provider-server.js";
import type { ProviderType } from "../framework/resource.js";
import { serveProvider } from "./serve.js";
import { generateServerCertificate } from "./tls-cert.js";

const provider: ProviderType<null> = {
  typeName: "t",
  version: "0",
  schema: { version: 0, block: { attributes: {} } },
  configure: async () => null,
  resources: [],
  dataSources: [],
};

const client = generateServerCertificate(); // Terraform's client certificate uses the same template

function serve(env: NodeJS.ProcessEnv, tcp = false) {
  let line = "";
  return serveProvider(new ProviderServer(provider), { env, tcp, write: (l) => (line += l), onShutdown: () => {} }).then((p) => ({ p, line }));
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
});
