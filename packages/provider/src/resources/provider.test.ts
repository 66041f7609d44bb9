import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { record, type Value } from "../framework/index.js";
import { Diagnostics } from "../framework/index.js";
import { DEFAULT_BASE_URL, mongodbatlasProvider, resolveConnection } from "./provider.js";

const resolve = (block: Record<string, Value>, env: Record<string, string> = {}) => resolveConnection(record(block), env);

describe("provider credentials", () => {
  it("reads the environment names the official provider reads, first non-empty wins", () => {
    assert.deepEqual(resolve({}, { MONGODB_ATLAS_PUBLIC_API_KEY: "pub1", MONGODB_ATLAS_PUBLIC_KEY: "pub2", MONGODB_ATLAS_PRIVATE_KEY: "priv2" }).credentials, { publicKey: "pub1", privateKey: "priv2" });
    assert.deepEqual(resolve({}, { MONGODB_ATLAS_PUBLIC_API_KEY: "", MCLI_PUBLIC_API_KEY: "pub3", MONGODB_ATLAS_PRIVATE_API_KEY: "priv1" }).credentials, { publicKey: "pub3", privateKey: "priv1" });
    assert.deepEqual(resolve({}, { MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: "secret" }).credentials, { clientId: "id", clientSecret: "secret" });
  });

  it("credentials in the provider block win as a whole over the environment's", () => {
    const r = resolve({ public_key: "pub", private_key: "priv" }, { MONGODB_ATLAS_ACCESS_TOKEN: "stale-token", MONGODB_ATLAS_CLIENT_ID: "id" });
    assert.deepEqual(r.credentials, { publicKey: "pub", privateKey: "priv" });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings.map(([s]) => s), ["Credentials in the environment are not used"]);
  });

  it("within one set: access_token, then service account, then API key, with a warning", () => {
    const r = resolve({ access_token: "tok", client_id: "id", client_secret: "secret", public_key: "pub", private_key: "priv" });
    assert.deepEqual(r.credentials, { accessToken: "tok" });
    assert.match(r.warnings[0]![1], /Using access_token in the provider block .* ignoring client_id\/client_secret, public_key\/private_key/);
  });

  it("an incomplete pair is one clear error that says where it came from", () => {
    const r = resolve({ public_key: "pub" }, { MONGODB_ATLAS_PRIVATE_KEY: "priv" });
    assert.equal(r.credentials, undefined);
    assert.deepEqual(r.errors, [["Incomplete API key credentials", "Only one of public_key and private_key is set in the provider block: set both (or MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY)."]]);
    assert.match(resolve({}, { MONGODB_ATLAS_CLIENT_SECRET: "s" }).errors[0]![1], /client_id and client_secret is set in the environment/);
  });

  it("a service account's client id given as public_key is named for what it is", () => {
    assert.deepEqual(resolve({ public_key: "mdb_sa_id_0123", private_key: "mdb_sa_sk_x" }).errors.map(([s]) => s), ["Service account credentials given as an API key"]);
  });

  it("base_url: the block, then MONGODB_ATLAS_BASE_URL, then Atlas; Atlas for Government with is_mongodbgov_cloud", () => {
    assert.equal(resolve({ base_url: "http://127.0.0.1:1" }, { MONGODB_ATLAS_BASE_URL: "http://127.0.0.1:2" }).baseUrl, "http://127.0.0.1:1");
    assert.equal(resolve({ public_key: "p", private_key: "k" }, { MONGODB_ATLAS_BASE_URL: "http://127.0.0.1:2" }).baseUrl, "http://127.0.0.1:2");
    assert.equal(resolve({}).baseUrl, DEFAULT_BASE_URL);
    assert.equal(resolve({ is_mongodbgov_cloud: true }).baseUrl, "https://cloud.mongodbgov.com");
  });
});

describe("provider configure", () => {
  const configure = async (block: Record<string, Value>, env: Record<string, string> = {}) => {
    const diagnostics = new Diagnostics();
    await mongodbatlasProvider({ env }).configure({ config: record(block), terraformVersion: "1.11.4", diagnostics, signal: new AbortController().signal });
    return { errors: diagnostics.errors.map((d) => `${d.summary}: ${d.detail}`), warnings: diagnostics.warnings.map((d) => d.summary) };
  };

  it("a base_url the client cannot use is an error on base_url, not a provider bug", async () => {
    for (const url of ["https://cloud.mongodb.com?x=1", "ftp://example.com", "not a url"]) {
      const r = await configure({ base_url: url, public_key: "p", private_key: "k" });
      assert.equal(r.errors.length, 1, url);
      assert.match(r.errors[0]!, /^Invalid base_url: baseUrl .* Expected an http\(s\) URL/, url);
    }
    assert.deepEqual((await configure({ base_url: "http://127.0.0.1:8080/", public_key: "p", private_key: "k" })).errors, []);
  });

  it("no credentials anywhere: one diagnostic naming every way to give them", async () => {
    const r = await configure({});
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!, /^No MongoDB Atlas credentials: .*public_key \+ private_key.*client_id \+ client_secret.*access_token/);
  });

  it("AWS Secrets Manager and Realm attributes are accepted with a warning each", async () => {
    const r = await configure({ public_key: "p", private_key: "k", secret_name: "s", realm_base_url: "https://realm.mongodb.com", assume_role: [record({ role_arn: "arn:aws:iam::1:role/x" })] });
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.warnings.sort(), ["assume_role has no effect here", "realm_base_url has no effect here", "secret_name has no effect here"]);
  });
});
