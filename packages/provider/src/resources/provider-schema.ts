/**
 * The `provider "mongodbatlas"` block: the same attributes as the official provider (v2.16.0) so
 * existing configurations load unchanged. Only the Atlas credentials and `base_url` take effect
 * here; the AWS Secrets Manager and Realm attributes are accepted and warned about.
 */
import { attr, block, sizeAtMost, StringType, type Schema } from "../framework/index.js";

export const PROVIDER_SCHEMA: Schema = {
  version: 0,
  block: {
    description: "MongoDB Atlas private-link resources (TypeScript implementation).",
    attributes: {
      public_key: attr.string({ optional: true, description: "MongoDB Atlas Programmatic Public Key (env MONGODB_ATLAS_PUBLIC_KEY)." }),
      private_key: attr.string({ optional: true, sensitive: true, description: "MongoDB Atlas Programmatic Private Key (env MONGODB_ATLAS_PRIVATE_KEY)." }),
      client_id: attr.string({ optional: true, description: "MongoDB Atlas Client ID for Service Account (env MONGODB_ATLAS_CLIENT_ID)." }),
      client_secret: attr.string({ optional: true, sensitive: true, description: "MongoDB Atlas Client Secret for Service Account (env MONGODB_ATLAS_CLIENT_SECRET)." }),
      access_token: attr.string({ optional: true, sensitive: true, description: "MongoDB Atlas Access Token for Service Account (env MONGODB_ATLAS_ACCESS_TOKEN)." }),
      base_url: attr.string({ optional: true, description: "MongoDB Atlas Base URL (env MONGODB_ATLAS_BASE_URL); default https://cloud.mongodb.com/." }),
      is_mongodbgov_cloud: attr.bool({ optional: true, description: "Use MongoDB Atlas for Government (https://cloud.mongodbgov.com)." }),
      realm_base_url: attr.string({ optional: true, description: "MongoDB Realm Base URL. Accepted for compatibility; unused by these resources." }),
      secret_name: attr.string({ optional: true, description: "Name of secret stored in AWS Secret Manager. Not supported here." }),
      region: attr.string({ optional: true, description: "Region where secret is stored as part of AWS Secret Manager. Not supported here." }),
      sts_endpoint: attr.string({ optional: true, description: "AWS Security Token Service endpoint. Not supported here." }),
      aws_access_key_id: attr.string({ optional: true, description: "AWS API Access Key. Not supported here." }),
      aws_secret_access_key: attr.string({ optional: true, sensitive: true, description: "AWS API Access Secret Key. Not supported here." }),
      aws_session_token: attr.string({ optional: true, sensitive: true, description: "AWS Security Token Service provided session token. Not supported here." }),
    },
    blocks: {
      assume_role: block.list(
        {
          attributes: {
            role_arn: attr.string({ optional: true, description: "Amazon Resource Name (ARN) of an IAM Role to assume prior to making API calls." }),
          },
        },
        { validators: [sizeAtMost(1)] },
      ),
    },
  },
};

/** `provider_meta "mongodbatlas"`, as the official provider declares it (modules set it). */
export const PROVIDER_META_SCHEMA: Schema = {
  version: 0,
  block: {
    attributes: {
      module_name: attr.string({ optional: true, description: "The name of the module using the provider" }),
      module_version: attr.string({ optional: true, description: "The version of the module using the provider" }),
      user_agent_extra: attr.map(StringType, {
        optional: true,
        description: "You can extend the user agent header for each request made by the provider to the Atlas Admin API. The Key Values will be formatted as {key}/{value}.",
      }),
    },
  },
};
