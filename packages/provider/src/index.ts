/**
 * @atlas-privatelink/provider — the Terraform provider for the MongoDB Atlas private-link
 * resources. Entry points: `framework/` (resource model), `plugin/` (protocol), `resources/` (the
 * mongodbatlas resources); the executable is built from `launch/` (scripts/bundle.mjs).
 */
export * as framework from "./framework/index.js";
export * as plugin from "./plugin/index.js";
