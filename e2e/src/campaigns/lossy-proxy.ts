/**
 * A loopback HTTP proxy in front of the emulator that loses answers: with probability `rate`, the
 * emulator handles the request (an object may be created or deleted) but the proxy closes the
 * client's connection instead of relaying the answer. The emulator's own `reset` fault rule drops
 * a request *before* it is handled; this is the other half of a flaky network, the one that makes
 * a client unsure whether its create happened (the client's create-recovery protocol exists for it).
 */
import { Agent, createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LossyProxy {
  readonly url: string;
  /** Answers dropped, as `METHOD path` (no query). */
  readonly dropped: string[];
  close(): Promise<void>;
}

export async function startLossyProxy(upstream: string, rate: number, random: () => number): Promise<LossyProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const dropped: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const up = request(
        { agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host, connection: "keep-alive" } },
        (upRes: IncomingMessage) => {
          const body: Buffer[] = [];
          upRes.on("data", (c: Buffer) => body.push(c));
          upRes.on("end", () => {
            // Only Atlas API answers are lost; the control API stays reliable for the campaign.
            if (req.url?.startsWith("/api/") && rate > 0 && random() < rate) {
              dropped.push(`${req.method} ${req.url.split("?")[0]}`);
              req.socket.destroy();
              return;
            }
            const payload = Buffer.concat(body);
            const headers = { ...upRes.headers };
            for (const hop of ["connection", "keep-alive", "transfer-encoding"]) delete headers[hop];
            headers["content-length"] = String(payload.length);
            res.writeHead(upRes.statusCode ?? 502, headers);
            res.end(payload);
          });
        },
      );
      // The emulator reset the connection (its own fault rule): pass the reset on.
      up.on("error", () => req.socket.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dropped,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
