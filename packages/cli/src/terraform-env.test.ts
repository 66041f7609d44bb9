import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { terraformEnv } from "./terraform-env.js";

describe("terraformEnv", () => {
  const emulator = { url: "http://127.0.0.1:8080", publicKey: "emupubkey", privateKey: "emu-private", projectId: "6650f0aa0000000000000001" };
  const user: NodeJS.ProcessEnv = {
    PATH: "/usr/bin",
    HOME: "/home/u",
    MONGODB_ATLAS_BASE_URL: "https://cloud.mongodb.com",
    MONGODB_ATLAS_PUBLIC_KEY: "realpub",
    MONGODB_ATLAS_PRIVATE_KEY: "real-private",
    MONGODB_ATLAS_CLIENT_ID: "mdb_sa_id_real",
    MONGODB_ATLAS_CLIENT_SECRET: "mdb_sa_sk_real",
    MONGODB_ATLAS_ACCESS_TOKEN: "real-token",
    MONGODB_ATLAS_PUBLIC_API_KEY: "realpub2",
    MONGODB_ATLAS_PRIVATE_API_KEY: "real-private2",
    MCLI_PUBLIC_API_KEY: "clipub",
    MCLI_PRIVATE_API_KEY: "cli-private",
    MCLI_OPS_MANAGER_URL: "https://cloud.mongodb.com",
    TF_LOG: "info",
  };

  it("leaves only the emulator's base URL and key of all Atlas settings", () => {
    const env = terraformEnv(emulator, "/cfg/terraformrc", user);
    const atlas = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith("MONGODB_ATLAS_") || k.startsWith("MCLI_")));
    assert.deepEqual(atlas, { MONGODB_ATLAS_BASE_URL: emulator.url, MONGODB_ATLAS_PUBLIC_KEY: "emupubkey", MONGODB_ATLAS_PRIVATE_KEY: "emu-private" });
  });

  it("keeps the rest of the environment and sets project, CLI config and no checkpoint", () => {
    const env = terraformEnv(emulator, "/cfg/terraformrc", user);
    assert.equal(env["PATH"], "/usr/bin");
    assert.equal(env["TF_LOG"], "info");
    assert.equal(env["TF_VAR_project_id"], emulator.projectId);
    assert.equal(env["TF_CLI_CONFIG_FILE"], "/cfg/terraformrc");
    assert.equal(env["CHECKPOINT_DISABLE"], "1");
    assert.equal(terraformEnv(emulator, "/cfg/terraformrc", { TF_VAR_project_id: "mine" })["TF_VAR_project_id"], "mine");
  });

  it("does not change the environment it is given", () => {
    const copy = { ...user };
    terraformEnv(emulator, "/cfg/terraformrc", user);
    assert.deepEqual(user, copy);
  });
});
