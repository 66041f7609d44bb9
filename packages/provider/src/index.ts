/**
 * @atlas-privatelink/provider — the Terraform provider for the MongoDB Atlas private-link
 * resources. Entry points: `main.ts` (the executable), `framework/` (resource model),
 * `plugin/` (protocol), `resources/` (the mongodbatlas resources).
 */
export * as framework from "./framework/index.js";
export * as plugin from "./plugin/index.js";
