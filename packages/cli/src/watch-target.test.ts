import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ATLAS_BASE_URL } from "@atlas-privatelink/client";
import type { EmulatorConnection } from "./terraform-env.js";
import { watchTarget } from "./watch-target.js";

const emulator: EmulatorConnection = {
  url: "http://127.0.0.1:8080",
  projectId: "6650f0aa0000000000000001",
  orgId: "6650f0aa0000000000000000",
  publicKey: "emupubkey",
  privateKey: "emu-private",
  pid: 1,
  startedAt: "2026-01-01T00:00:00.000Z",
};

describe("watchTarget", () => {
  const cases: { name: string; env: NodeJS.ProcessEnv; connection?: EmulatorConnection; expect: unknown }[] = [
    {
      name: "API key, no base URL, no emulator: Atlas at its default URL",
      env: { MONGODB_ATLAS_PUBLIC_KEY: "pub", MONGODB_ATLAS_PRIVATE_KEY: "priv" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { publicKey: "pub", privateKey: "priv" } },
    },
    {
      name: "service account",
      env: { MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: "secret" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { clientId: "id", clientSecret: "secret" } },
    },
    {
      name: "access token wins over the others (the provider's precedence)",
      env: { MONGODB_ATLAS_ACCESS_TOKEN: "tok", MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: "secret", MONGODB_ATLAS_PUBLIC_KEY: "pub", MONGODB_ATLAS_PRIVATE_KEY: "priv" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { accessToken: "tok" } },
    },
    {
      name: "explicit base URL (Atlas for Government)",
      env: { MONGODB_ATLAS_BASE_URL: "https://cloud.mongodbgov.com", MONGODB_ATLAS_ACCESS_TOKEN: "tok" },
      connection: emulator,
      expect: { kind: "atlas", baseUrl: "https://cloud.mongodbgov.com", credentials: { accessToken: "tok" } },
    },
    {
      name: "running emulator, no base URL: the emulator with its key and project, Atlas credentials unused",
      env: { MONGODB_ATLAS_CLIENT_ID: "id", MONGODB_ATLAS_CLIENT_SECRET: "secret" },
      connection: emulator,
      expect: { kind: "emulator", baseUrl: emulator.url, credentials: { publicKey: "emupubkey", privateKey: "emu-private" }, projectId: emulator.projectId },
    },
    {
      name: "base URL of the running emulator without credentials: its key",
      env: { MONGODB_ATLAS_BASE_URL: `${emulator.url}/` },
      connection: emulator,
      expect: { kind: "emulator", baseUrl: emulator.url, credentials: { publicKey: "emupubkey", privateKey: "emu-private" }, projectId: emulator.projectId },
    },
    {
      name: "the exports quickstart --keep prints: the emulator",
      env: { MONGODB_ATLAS_BASE_URL: emulator.url, MONGODB_ATLAS_PUBLIC_KEY: "emupubkey", MONGODB_ATLAS_PRIVATE_KEY: "emu-private" },
      connection: emulator,
      expect: { kind: "emulator", baseUrl: emulator.url, credentials: { publicKey: "emupubkey", privateKey: "emu-private" }, projectId: emulator.projectId },
    },
    {
      name: "half an API key is refused, as the provider refuses it",
      env: { MONGODB_ATLAS_PUBLIC_KEY: "pub" },
      expect: { error: "Incomplete API key credentials: Only one of public_key and private_key is set in the environment: set both (or MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY)" },
    },
    {
      name: "half a service account is refused, even with an emulator running",
      env: { MONGODB_ATLAS_CLIENT_SECRET: "secret" },
      connection: emulator,
      expect: { error: "Incomplete service account credentials: Only one of client_id and client_secret is set in the environment: set both (or MONGODB_ATLAS_CLIENT_ID and MONGODB_ATLAS_CLIENT_SECRET)" },
    },
    {
      name: "half an API key under the official provider's other name is refused",
      env: { MONGODB_ATLAS_PRIVATE_API_KEY: "priv" },
      expect: { error: "Incomplete API key credentials: Only one of public_key and private_key is set in the environment: set both (or MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY)" },
    },
    {
      name: "a service account's client id given as an API key is refused",
      env: { MONGODB_ATLAS_PUBLIC_KEY: "mdb_sa_id_x", MONGODB_ATLAS_PRIVATE_KEY: "mdb_sa_sk_x" },
      expect: {
        error:
          'Service account credentials given as an API key: The public_key in the environment starts with "mdb_sa": that is a service account\'s client id. Set client_id and client_secret instead of public_key and private_key',
      },
    },
    {
      name: "MONGODB_ATLAS_PUBLIC_API_KEY/PRIVATE_API_KEY (the official provider's names)",
      env: { MONGODB_ATLAS_PUBLIC_API_KEY: "pub", MONGODB_ATLAS_PRIVATE_API_KEY: "priv" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { publicKey: "pub", privateKey: "priv" } },
    },
    {
      name: "MCLI_PUBLIC_API_KEY/MCLI_PRIVATE_API_KEY (the Atlas CLI's names)",
      env: { MCLI_PUBLIC_API_KEY: "pub", MCLI_PRIVATE_API_KEY: "priv" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { publicKey: "pub", privateKey: "priv" } },
    },
    {
      name: "the _API_KEY names win over the _KEY names (the provider's order); empty values are unset",
      env: { MONGODB_ATLAS_PUBLIC_API_KEY: "pub1", MONGODB_ATLAS_PUBLIC_KEY: "pub2", MONGODB_ATLAS_PRIVATE_API_KEY: "", MONGODB_ATLAS_PRIVATE_KEY: "priv2" },
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { publicKey: "pub1", privateKey: "priv2" } },
    },
    {
      name: "MCLI_OPS_MANAGER_URL is a base URL",
      env: { MCLI_OPS_MANAGER_URL: "https://cloud.mongodbgov.com", MCLI_PUBLIC_API_KEY: "pub", MCLI_PRIVATE_API_KEY: "priv" },
      connection: emulator,
      expect: { kind: "atlas", baseUrl: "https://cloud.mongodbgov.com", credentials: { publicKey: "pub", privateKey: "priv" } },
    },
    {
      name: "MONGODB_ATLAS_BASE_URL wins over MCLI_OPS_MANAGER_URL",
      env: { MONGODB_ATLAS_BASE_URL: emulator.url, MCLI_OPS_MANAGER_URL: "https://cloud.mongodbgov.com" },
      connection: emulator,
      expect: { kind: "emulator", baseUrl: emulator.url, credentials: { publicKey: "emupubkey", privateKey: "emu-private" }, projectId: emulator.projectId },
    },
    {
      name: "Atlas' default URL set explicitly: Atlas, not the running emulator",
      env: { MONGODB_ATLAS_BASE_URL: ATLAS_BASE_URL, MONGODB_ATLAS_ACCESS_TOKEN: "tok" },
      connection: emulator,
      expect: { kind: "atlas", baseUrl: ATLAS_BASE_URL, credentials: { accessToken: "tok" } },
    },
    {
      name: "an empty MONGODB_ATLAS_BASE_URL is unset",
      env: { MONGODB_ATLAS_BASE_URL: "" },
      connection: emulator,
      expect: { kind: "emulator", baseUrl: emulator.url, credentials: { publicKey: "emupubkey", privateKey: "emu-private" }, projectId: emulator.projectId },
    },
    {
      name: "an emulator whose private key is unknown",
      env: {},
      connection: { ...emulator, privateKey: "" },
      expect: { error: "the private key of the emulator's API key emupubkey is unknown; restart the emulator with --private-key <key>" },
    },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(watchTarget(c.env, c.connection), c.expect));

  it("nothing set: says which variables it reads", () => {
    const t = watchTarget({}, undefined);
    assert.ok("error" in t);
    assert.match(t.error, /no emulator is running and no Atlas credentials are set \(MONGODB_ATLAS_PUBLIC_KEY and MONGODB_ATLAS_PRIVATE_KEY, .*MONGODB_ATLAS_ACCESS_TOKEN\)/);
  });

  it("a base URL without credentials that is not the emulator's is refused", () => {
    const t = watchTarget({ MONGODB_ATLAS_BASE_URL: ATLAS_BASE_URL }, emulator);
    assert.ok("error" in t);
    assert.match(t.error, /MONGODB_ATLAS_BASE_URL is set but no credentials are/);
  });

  it("MCLI_OPS_MANAGER_URL without credentials is refused, naming it", () => {
    const t = watchTarget({ MCLI_OPS_MANAGER_URL: "https://cloud.mongodbgov.com" }, emulator);
    assert.ok("error" in t);
    assert.match(t.error, /^MCLI_OPS_MANAGER_URL is set but no credentials are/);
  });
});
