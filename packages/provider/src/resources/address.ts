/** Where Terraform finds this provider: the official provider's address, so existing configs
 * (`source = "mongodb/mongodbatlas"`) and state use it unchanged. */
export { PROVIDER_ADDRESS } from "../version.js";
