/**
 * tfplugin6.Provider: each RPC decodes its DynamicValues with the schema's type, calls the
 * framework's ProviderServer, and encodes the answer as msgpack. Problems travel as diagnostics;
 * nothing throws across an RPC (a gRPC error would reach users as "Plugin error").
 */
import type { sendUnaryData, ServerUnaryCall } from "@grpc/grpc-js";
import type { CtyType } from "../cty/types.js";
import type { Value } from "../cty/values.js";
import { Diagnostics } from "../framework/diagnostics.js";
import type { ProviderServer } from "../framework/provider-server.js";
import type {
  DynamicValue,
  GetProviderSchema_Response,
  ProviderServer as ProviderServiceImpl,
} from "./generated/tfplugin6.js";
import { decodeJson } from "./values/json.js";
import { decodeMsgpack, encodeMsgpack } from "./values/msgpack.js";
import { diagnosticsToProto, pathToProto, schemaToProto } from "./to-proto.js";

export function decodeDynamic(dv: DynamicValue | undefined, type: CtyType): Value {
  if (dv?.msgpack && dv.msgpack.length > 0) return decodeMsgpack(dv.msgpack, type);
  if (dv?.json && dv.json.length > 0) return decodeJson(dv.json, type);
  return null;
}

export function encodeDynamic(value: Value, type: CtyType): DynamicValue {
  return { msgpack: Buffer.from(encodeMsgpack(value, type)) };
}

const bytes = (b: Uint8Array | undefined): Buffer | undefined => (b && b.length > 0 ? Buffer.from(b) : undefined);

/** Wraps a handler: any exception becomes an error diagnostic in the response. */
function unary<Req, Res extends { diagnostics?: unknown }>(
  name: string,
  handler: (req: Req) => Promise<Res> | Res,
): (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>) => void {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(call.request))
      .then(
        (res) => callback(null, res),
        (error: unknown) => {
          const d = new Diagnostics().addError(
            `Provider error in ${name}`,
            `${error instanceof Error ? error.message : String(error)}\n\nThis is a bug in the provider. Please report it.`,
          );
          callback(null, { diagnostics: diagnosticsToProto(d) } as Res);
        },
      );
  };
}

type TypeKind = "resource type" | "data source";

/**
 * Wraps a handler of a request naming a resource type or data source: looks its type up and
 * answers with an "Unknown …" diagnostic when the provider has none, so handlers get the type.
 */
function withType<Req extends { typeName?: string | undefined }, Res extends { diagnostics?: unknown }>(
  server: ProviderServer,
  kind: TypeKind,
  handler: (req: Req, typeName: string, type: CtyType) => Promise<Res> | Res,
): (req: Req) => Promise<Res> | Res {
  return (req) => {
    const typeName = req.typeName ?? "";
    const type = kind === "resource type" ? server.resourceType(typeName) : server.dataSourceType(typeName);
    if (type) return handler(req, typeName, type);
    const d = new Diagnostics().addError(`Unknown ${kind}`, `This provider does not have a ${kind} named ${JSON.stringify(typeName)}.`);
    return { diagnostics: diagnosticsToProto(d) } as Res; // every field of a tfplugin6 response is optional
  };
}

export function providerService(server: ProviderServer): ProviderServiceImpl {
  let schemaResponse: GetProviderSchema_Response | undefined;
  const capabilities = { planDestroy: false, getProviderSchemaOptional: true, moveResourceState: false };

  return {
    getMetadata: unary("GetMetadata", () => ({
      serverCapabilities: capabilities,
      diagnostics: [],
      resources: [...server.resourceSchemas().keys()].map((typeName) => ({ typeName })),
      dataSources: [...server.dataSourceSchemas().keys()].map((typeName) => ({ typeName })),
    })),

    getProviderSchema: unary("GetProviderSchema", () => {
      schemaResponse ??= {
        provider: schemaToProto(server.providerSchema),
        resourceSchemas: Object.fromEntries([...server.resourceSchemas()].map(([n, s]) => [n, schemaToProto(s)])),
        dataSourceSchemas: Object.fromEntries([...server.dataSourceSchemas()].map(([n, s]) => [n, schemaToProto(s)])),
        providerMeta: server.provider.metaSchema ? schemaToProto(server.provider.metaSchema) : { version: "0", block: { attributes: [], blockTypes: [] } },
        serverCapabilities: capabilities,
        diagnostics: [],
      };
      return schemaResponse;
    }),

    validateProviderConfig: unary("ValidateProviderConfig", async (req) => {
      const { diagnostics } = await server.validateProviderConfig(decodeDynamic(req.config, server.providerType()));
      return { diagnostics: diagnosticsToProto(diagnostics) };
    }),

    configureProvider: unary("ConfigureProvider", async (req) => {
      const { diagnostics } = await server.configure(decodeDynamic(req.config, server.providerType()), req.terraformVersion ?? "");
      return { diagnostics: diagnosticsToProto(diagnostics) };
    }),

    validateResourceConfig: unary("ValidateResourceConfig", withType(server, "resource type", async (req, typeName, type) => {
      const { diagnostics } = await server.validateResourceConfig(typeName, decodeDynamic(req.config, type));
      return { diagnostics: diagnosticsToProto(diagnostics) };
    })),

    validateDataResourceConfig: unary("ValidateDataResourceConfig", withType(server, "data source", async (req, typeName, type) => {
      const { diagnostics } = await server.validateDataSourceConfig(typeName, decodeDynamic(req.config, type));
      return { diagnostics: diagnosticsToProto(diagnostics) };
    })),

    upgradeResourceState: unary("UpgradeResourceState", withType(server, "resource type", (req, typeName, type) => {
      const json = req.rawState?.json;
      if ((!json || json.length === 0) && req.rawState?.flatmap && Object.keys(req.rawState.flatmap).length > 0) {
        const d = new Diagnostics().addError(
          "Unsupported state format",
          `The stored state of ${typeName} is in the pre-0.12 "flatmap" format. Upgrade it with Terraform 0.12–0.15 and the official provider first.`,
        );
        return { diagnostics: diagnosticsToProto(d) };
      }
      const result = server.upgradeResourceState(
        typeName,
        Number(req.version ?? 0),
        () => decodeJson(json, type, { ignoreUnknownAttributes: true }),
        () => (json && json.length > 0 ? (JSON.parse(Buffer.from(json).toString("utf8")) as unknown) : null),
      );
      return {
        upgradedState: result.diagnostics.hasErrors() ? undefined : encodeDynamic(result.state, type),
        diagnostics: diagnosticsToProto(result.diagnostics),
      };
    })),

    getResourceIdentitySchemas: unary("GetResourceIdentitySchemas", () => ({ diagnostics: [] })),

    upgradeResourceIdentity: unary("UpgradeResourceIdentity", () => ({
      diagnostics: diagnosticsToProto(
        new Diagnostics().addError("Resource identity is not supported", "This provider declares no resource identities."),
      ),
    })),

    readResource: unary("ReadResource", withType(server, "resource type", async (req, typeName, type) => {
      const result = await server.readResource(typeName, decodeDynamic(req.currentState, type), req.private);
      return { newState: encodeDynamic(result.state, type), private: bytes(result.private), diagnostics: diagnosticsToProto(result.diagnostics) };
    })),

    planResourceChange: unary("PlanResourceChange", withType(server, "resource type", async (req, typeName, type) => {
      const result = await server.planResourceChange(
        typeName,
        decodeDynamic(req.priorState, type),
        decodeDynamic(req.proposedNewState, type),
        decodeDynamic(req.config, type),
        req.priorPrivate,
      );
      return {
        plannedState: encodeDynamic(result.planned, type),
        requiresReplace: result.requiresReplace.map(pathToProto),
        plannedPrivate: bytes(result.plannedPrivate),
        diagnostics: diagnosticsToProto(result.diagnostics),
      };
    })),

    applyResourceChange: unary("ApplyResourceChange", withType(server, "resource type", async (req, typeName, type) => {
      const result = await server.applyResourceChange(
        typeName,
        decodeDynamic(req.priorState, type),
        decodeDynamic(req.plannedState, type),
        decodeDynamic(req.config, type),
        req.plannedPrivate,
      );
      return { newState: encodeDynamic(result.state, type), private: bytes(result.private), diagnostics: diagnosticsToProto(result.diagnostics) };
    })),

    importResourceState: unary("ImportResourceState", withType(server, "resource type", async (req, typeName, type) => {
      const result = await server.importResourceState(typeName, req.id ?? "");
      return {
        importedResources: result.imported.map((r) => ({ typeName: r.typeName, state: encodeDynamic(r.state, type), private: bytes(r.private) })),
        diagnostics: diagnosticsToProto(result.diagnostics),
      };
    })),

    moveResourceState: unary("MoveResourceState", (req) => ({
      diagnostics: diagnosticsToProto(
        new Diagnostics().addError(
          "Moving resources between types is not supported",
          `${req.sourceTypeName ?? "?"} cannot be moved to ${req.targetTypeName ?? "?"} by this provider.`,
        ),
      ),
    })),

    readDataSource: unary("ReadDataSource", withType(server, "data source", async (req, typeName, type) => {
      const result = await server.readDataSource(typeName, decodeDynamic(req.config, type));
      return { state: result.state ? encodeDynamic(result.state, type) : undefined, diagnostics: diagnosticsToProto(result.diagnostics) };
    })),

    getFunctions: unary("GetFunctions", () => ({ diagnostics: [] })),

    stopProvider: (_call, callback) => {
      server.stop();
      callback(null, { Error: "" });
    },
  };
}
