import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/**
 * Test support (not part of the public surface): a real `node:http` server on 127.0.0.1:0 whose
 * replies are scripted per request, so client tests exercise the real `fetch`, real sockets and
 * real failures (DESIGN.md: "script failures per attempt, do not mock fetch").
 */

export interface RecordedRequest {
  /** 0-based order of arrival. */
  readonly index: number;
  readonly method: string;
  /** The raw request target (path + query), exactly as received. */
  readonly url: string;
  /** `url` before `?`. */
  readonly path: string;
  /** `url` after `?`, or "". */
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export type Reply =
  | {
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      /** Serialised as the body (Content-Type defaults to the 2023-01-01 media type). */
      readonly json?: unknown;
      readonly text?: string;
    }
  /** Read the request, then destroy the socket without answering (a lost response). */
  | { readonly destroy: "before-response" }
  /** Send the status line, headers and half the body, then destroy the socket. */
  | { readonly destroy: "mid-body"; readonly status: number; readonly json: unknown }
  /** Never answer (until the server closes). */
  | { readonly hang: true };

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export const JSON_V2 = "application/vnd.atlas.2023-01-01+json;charset=utf-8";

export class ScriptedServer {
  readonly requests: RecordedRequest[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(handler: Handler): Promise<ScriptedServer> {
    let instance: ScriptedServer | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const url = req.url ?? "/";
        const q = url.indexOf("?");
        const recorded: RecordedRequest = {
          index: instance!.requests.length,
          method: req.method ?? "GET",
          url,
          path: q < 0 ? url : url.slice(0, q),
          query: q < 0 ? "" : url.slice(q + 1),
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        };
        instance!.requests.push(recorded);
        Promise.resolve()
          .then(() => handler(recorded))
          .then(
            (reply) => send(res, reply),
            (error: unknown) => send(res, { status: 599, text: `test handler failed: ${String(error)}` }),
          );
      });
    });
    server.on("connection", (socket) => {
      instance?.sockets.add(socket);
      socket.on("close", () => instance?.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    instance = new ScriptedServer(server, `http://127.0.0.1:${port}`);
    return instance;
  }

  /** Requests other than those matching `exclude` (e.g. to ignore token requests). */
  count(predicate: (request: RecordedRequest) => boolean = () => true): number {
    return this.requests.filter(predicate).length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function send(res: ServerResponse, reply: Reply): void {
  if ("hang" in reply) return;
  if ("destroy" in reply) {
    if (reply.destroy === "before-response") {
      res.socket?.destroy();
      return;
    }
    const body = JSON.stringify(reply.json);
    res.writeHead(reply.status, { "Content-Type": JSON_V2, "Content-Length": String(Buffer.byteLength(body)) });
    res.write(body.slice(0, Math.floor(body.length / 2)));
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  let body = "";
  if (reply.json !== undefined) {
    body = JSON.stringify(reply.json);
    headers["Content-Type"] ??= JSON_V2;
  } else if (reply.text !== undefined) {
    body = reply.text;
  }
  res.writeHead(reply.status, headers);
  res.end(body);
}

/** An Atlas error reply as Atlas sends it (application/json, X-Error-Code, reason phrase). */
export function atlasError(status: number, errorCode: string, detail: string, parameters: unknown[] = [], headers: Record<string, string> = {}): Reply {
  const reasons: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
  };
  return {
    status,
    headers: { "Content-Type": "application/json", "X-Error-Code": errorCode, ...headers },
    json: { detail, error: status, errorCode, parameters, reason: reasons[status] ?? "Error" },
  };
}

/**
 * A handler from a table keyed `"METHOD /raw/path"` (query excluded). A list value is consumed
 * one reply per matching request (the last one repeats). Unscripted requests get a 599.
 */
export function routes(table: Readonly<Record<string, Reply | readonly Reply[] | Handler>>): Handler {
  const counters = new Map<string, number>();
  return (request) => {
    const key = `${request.method} ${request.path}`;
    const entry = table[key];
    if (entry === undefined) return { status: 599, text: `unscripted request ${key}` };
    if (typeof entry === "function") return entry(request);
    if (!Array.isArray(entry)) return entry as Reply;
    const list = entry as readonly Reply[];
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const reply = list[Math.min(n, list.length - 1)];
    return reply ?? { status: 599, text: `empty script for ${key}` };
  };
}

/** Starts a server, runs `body`, always closes the server. */
export async function withServer<T>(handler: Handler, body: (server: ScriptedServer) => Promise<T>): Promise<T> {
  const server = await ScriptedServer.start(handler);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

/** A 24-hex id for tests. */
export function hexId(n: number): string {
  return n.toString(16).padStart(24, "0");
}
