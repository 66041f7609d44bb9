import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { sendUnaryData, ServerUnaryCall } from "@grpc/grpc-js";
import { ProviderServer } from "../framework/provider-server.js";
import type { ProviderType } from "../framework/resource.js";
import { Diagnostic_Severity, type Diagnostic } from "./generated/tfplugin6.js";
import { providerService } from "./provider-service.js";

const provider: ProviderType<null> = {
  typeName: "t",
  version: "0",
  schema: { version: 0, block: { attributes: {} } },
  configure: async () => null,
  resources: [],
  dataSources: [],
};

type Handler = (call: ServerUnaryCall<unknown, unknown>, callback: sendUnaryData<unknown>) => void;

function call(handler: unknown, request: object): Promise<{ diagnostics?: Diagnostic[] } & Record<string, unknown>> {
  return new Promise((resolve, reject) =>
    (handler as Handler)({ request } as ServerUnaryCall<unknown, unknown>, (error, reply) => (error ? reject(error) : resolve(reply as { diagnostics?: Diagnostic[] }))),
  );
}

describe("provider service: requests naming a type the provider does not have", () => {
  const service = providerService(new ProviderServer(provider));
  const resourceRpcs = ["validateResourceConfig", "upgradeResourceState", "readResource", "planResourceChange", "applyResourceChange", "importResourceState"] as const;
  const dataSourceRpcs = ["validateDataResourceConfig", "readDataSource"] as const;

  for (const [rpcs, kind] of [
    [resourceRpcs, "resource type"],
    [dataSourceRpcs, "data source"],
  ] as const) {
    for (const rpc of rpcs) {
      it(`${rpc}: one "Unknown ${kind}" error diagnostic and nothing else`, async () => {
        const reply = await call(service[rpc], { typeName: "t_missing" });
        assert.deepEqual(Object.keys(reply), ["diagnostics"]);
        assert.equal(reply.diagnostics?.length, 1);
        const [d] = reply.diagnostics!;
        assert.equal(d!.severity, Diagnostic_Severity.ERROR);
        assert.equal(d!.summary, `Unknown ${kind}`);
        assert.equal(d!.detail, `This provider does not have a ${kind} named "t_missing".`);
      });
    }
  }

  it("a request without a type name is answered the same way, naming the empty string", async () => {
    const reply = await call(service.readResource, {});
    assert.equal(reply.diagnostics?.[0]?.detail, `This provider does not have a resource type named "".`);
  });
});
