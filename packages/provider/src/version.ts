/**
 * This provider's version and address. The version is the official provider release whose
 * schema it implements (docs/getting-started.md, "Versions"), so configurations pinned to
 * `~> 2.x` resolve to it once it is installed locally.
 */
export const PROVIDER_VERSION = "2.16.0";
export const PROVIDER_ADDRESS = "registry.terraform.io/mongodb/mongodbatlas";
