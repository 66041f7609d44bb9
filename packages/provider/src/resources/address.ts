/** Where Terraform finds this provider: the official provider's address, so existing configs
 * (`source = "mongodb/mongodbatlas"`) and state use it unchanged. */
export const PROVIDER_ADDRESS = "registry.terraform.io/mongodb/mongodbatlas";
