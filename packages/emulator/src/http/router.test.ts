import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Router } from "./router.js";

const routes = [
  { method: "POST", path: "/g/{groupId}/pe/endpointService", id: "create" },
  { method: "GET", path: "/g/{groupId}/pe/{cloudProvider}/endpointService", id: "list" },
  { method: "GET", path: "/g/{groupId}/pe/{cloudProvider}/endpointService/{sid}", id: "get" },
  { method: "DELETE", path: "/g/{groupId}/pe/{cloudProvider}/endpointService/{sid}", id: "delete" },
  { method: "PATCH", path: "/g/{groupId}/pe/endpointService/{sid}", id: "update" },
  { method: "GET", path: "/g/{groupId}/pe/{cloudProvider}/endpointService/{sid}/endpoint/{eid}", id: "getEndpoint" },
];
const router = new Router(routes);

function id(method: string, path: string): string {
  const m = router.match(method, path);
  return m.kind === "match" ? m.route.id : m.kind === "methodNotAllowed" ? `405:${m.allowed.join(",")}` : "404";
}

describe("Router", () => {
  const cases: [string, string, string][] = [
    ["POST", "/g/1/pe/endpointService", "create"],
    ["GET", "/g/1/pe/AWS/endpointService", "list"],
    ["GET", "/g/1/pe/AWS/endpointService/2", "get"],
    ["PATCH", "/g/1/pe/endpointService/2", "update"],
    ["GET", "/g/1/pe/endpointService/2", "405:PATCH"],
    ["PUT", "/g/1/pe/AWS/endpointService/2", "405:GET,DELETE"],
    ["GET", "/g/1/pe/AZURE/endpointService/2/endpoint/%2Fsubscriptions%2Fx", "getEndpoint"],
    ["GET", "/g/1/pe/AZURE/endpointService/2/endpoint//subscriptions/x", "404"],
    ["GET", "/g/1/pe/AWS/endpointService/", "404"],
    ["GET", "/g//pe/AWS/endpointService", "404"],
    ["GET", "/nothing", "404"],
    ["GET", "/g/1/pe/AWS/endpointService/2/", "404"],
  ];
  for (const [method, path, expected] of cases) it(`${method} ${path} → ${expected}`, () => assert.equal(id(method, path), expected));

  it("hands parameters over undecoded", () => {
    const m = router.match("GET", "/g/1/pe/AZURE/endpointService/2/endpoint/%2Fsubscriptions%2Fa%20b");
    assert.equal(m.kind, "match");
    if (m.kind === "match") assert.equal(m.params["eid"], "%2Fsubscriptions%2Fa%20b");
  });
});
