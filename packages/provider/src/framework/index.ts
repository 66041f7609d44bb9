/** The resource framework: schema, diagnostics, paths, validators, plan modifiers, timeouts,
 * planning and the ProviderServer. Knows nothing of gRPC. */
export * from "./diagnostics.js";
export * from "./path.js";
export * from "./schema.js";
export * from "./validators.js";
export * from "./plan-modifiers.js";
export * from "./timeouts.js";
export * from "./objects.js";
export * from "./private-state.js";
export * from "./resource.js";
export * from "./planning.js";
export * from "./consistency.js";
export * from "./provider-server.js";
export * from "../cty/types.js";
export * from "../cty/values.js";
export * from "../cty/number.js";
