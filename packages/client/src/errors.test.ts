import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  AbortedError,
  AtlasApiError,
  AtlasClientError,
  AuthenticationError,
  CLIENT_ERROR_CODES,
  ConfigurationError,
  isAtlasApiError,
  isClientError,
  isNotFound,
  markOutcomeUnknown,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from "./errors.js";

const PATH = "/api/atlas/v2/groups/5cf5a45a9ccf6400e60981b6/privateEndpoint/endpointService";
const CONFLICT_BODY = JSON.stringify({
  detail: "A private endpoint service already exists for AWS region US_EAST_1.",
  error: 409,
  errorCode: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION",
  parameters: ["AWS", "US_EAST_1"],
  reason: "Conflict",
});

describe("AtlasApiError", () => {
  it("formats the message like the Go SDK and exposes the body's fields", () => {
    const error = new AtlasApiError({ method: "POST", path: PATH, status: 409, bodyText: CONFLICT_BODY });
    assert.equal(
      error.message,
      `POST ${PATH}: HTTP 409 Conflict (Error code: "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION") ` +
        "Detail: A private endpoint service already exists for AWS region US_EAST_1. Reason: Conflict. Params: [AWS US_EAST_1]",
    );
    assert.equal(error.code, "ATLAS_API_ERROR");
    assert.equal(error.status, 409);
    assert.equal(error.errorCode, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION");
    assert.equal(error.detail, "A private endpoint service already exists for AWS region US_EAST_1.");
    assert.equal(error.reason, "Conflict");
    assert.deepEqual(error.parameters, ["AWS", "US_EAST_1"]);
    assert.equal(error.method, "POST");
    assert.equal(error.path, PATH);
    assert.equal(error.name, "AtlasApiError");
    assert.equal(error.outcomeUnknown, false);
    assert.ok(error instanceof AtlasClientError && error instanceof Error);
  });

  const cases: { name: string; bodyText: string; header?: string; errorCode: string | undefined; detail: string | undefined; params: unknown[] }[] = [
    {
      name: "recorded 404 with parameters",
      bodyText: '{"detail":"No group with ID 111111111111111111111111 exists.","error":404,"errorCode":"GROUP_NOT_FOUND","parameters":["111111111111111111111111"],"reason":"Not Found"}',
      errorCode: "GROUP_NOT_FOUND",
      detail: "No group with ID 111111111111111111111111 exists.",
      params: ["111111111111111111111111"],
    },
    {
      name: "parameters: null is normalised to []",
      bodyText: '{"detail":null,"error":404,"errorCode":"RESOURCE_NOT_FOUND","parameters":null,"reason":"Not Found"}',
      errorCode: "RESOURCE_NOT_FOUND",
      detail: undefined,
      params: [],
    },
    {
      name: "non-Atlas body falls back to X-Error-Code and a body snippet",
      bodyText: "<html>\n<body>bad gateway</body></html>",
      header: "UNEXPECTED_ERROR",
      errorCode: "UNEXPECTED_ERROR",
      detail: "<html> <body>bad gateway</body></html>",
      params: [],
    },
    { name: "empty body", bodyText: "", errorCode: undefined, detail: undefined, params: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const error = new AtlasApiError({ method: "GET", path: "/p", status: 404, bodyText: c.bodyText, errorCodeHeader: c.header });
      assert.equal(error.errorCode, c.errorCode);
      assert.equal(error.detail, c.detail);
      assert.deepEqual(error.parameters, c.params);
      assert.equal(error.reason, "Not Found");
    });
  }

  it("never prints a Params part when there are none, and uses the status phrase without a body", () => {
    const error = new AtlasApiError({ method: "GET", path: "/p", status: 503, bodyText: "" });
    assert.equal(error.message, "GET /p: HTTP 503 Service Unavailable Reason: Service Unavailable.");
  });
});

describe("helpers", () => {
  const conflict = new AtlasApiError({ method: "POST", path: PATH, status: 409, bodyText: CONFLICT_BODY });
  const notFound = new AtlasApiError({ method: "GET", path: "/p", status: 404, bodyText: "" });
  const network = new NetworkError("boom", { method: "GET", path: "/p", syscallCode: "ECONNRESET", requestMayHaveBeenSent: true });

  it("isAtlasApiError matches the class and optionally the Atlas errorCode", () => {
    assert.equal(isAtlasApiError(conflict), true);
    assert.equal(isAtlasApiError(conflict, "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION"), true);
    assert.equal(isAtlasApiError(conflict, "RESOURCE_NOT_FOUND"), false);
    assert.equal(isAtlasApiError(network), false);
    assert.equal(isAtlasApiError(new Error("x")), false);
  });
  it("isNotFound is any Atlas 404", () => {
    assert.equal(isNotFound(notFound), true);
    assert.equal(isNotFound(conflict), false);
    assert.equal(isNotFound(undefined), false);
  });
  it("isClientError matches by code", () => {
    assert.equal(isClientError(network), true);
    assert.equal(isClientError(network, "NETWORK_ERROR"), true);
    assert.equal(isClientError(network, "TIMEOUT"), false);
    assert.equal(isClientError("NETWORK_ERROR"), false);
  });
  it("markOutcomeUnknown flags the error", () => {
    const error = markOutcomeUnknown(new NetworkError("x", { syscallCode: undefined, requestMayHaveBeenSent: true }));
    assert.equal(error.outcomeUnknown, true);
  });
});

describe("codes", () => {
  it("every error class carries a code from CLIENT_ERROR_CODES, and every code has a class", () => {
    const errors: AtlasClientError[] = [
      new AtlasApiError({ method: "GET", path: "/p", status: 500, bodyText: "" }),
      new NetworkError("x", { syscallCode: undefined, requestMayHaveBeenSent: true }),
      new TimeoutError({ timeoutMs: 5, scope: "attempt" }),
      new AbortedError(),
      new AuthenticationError("x", { scheme: "digest" }),
      new UnexpectedResponseError("x", { status: 200, bodyText: "" }),
      new ConfigurationError("x"),
    ];
    const codes = errors.map((e) => e.code).sort();
    assert.deepEqual(codes, Object.keys(CLIENT_ERROR_CODES).sort());
    for (const e of errors) assert.equal(e.name, e.constructor.name);
  });
  it("timeout and abort are distinct", () => {
    const timeout = new TimeoutError({ method: "GET", path: "/p", timeoutMs: 50, scope: "call" });
    const aborted = new AbortedError({ method: "GET", path: "/p", cause: "user" });
    assert.notEqual(timeout.code, aborted.code);
    assert.equal(timeout.message, "GET /p: call timed out after 50 ms");
    assert.equal(aborted.cause, "user");
  });
});
