/**
 * The wire contract shared by the client and the emulator: types, status unions, paths, the error
 * body and its codes, media types, identifier formats and region names. No runtime dependencies.
 */
export * from "./cloud-provider.js";
export * from "./regions.js";
export * from "./ids.js";
export * from "./endpoint-service.js";
export * from "./private-endpoint.js";
export * from "./api-error.js";
export * from "./media-types.js";
export * from "./paths.js";
export * from "./projects.js";
