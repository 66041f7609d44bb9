/**
 * R5 — security, against the emulator CLI as a user runs it (logging everything, `trace`):
 * Digest with curl as an independent client (MD5, and SHA-256 when offered alone); a replayed
 * nonce count refused (also for a write, which must not happen twice); a stale nonce re-challenged
 * (stale=true) and a fresh handshake accepted; Read Only keys (organization and project) refused
 * on every write, through the API and through Terraform; another organization's project invisible
 * (404 GROUP_NOT_FOUND, absent from the project list, unusable from Terraform); secrets (private
 * keys, the service-account secret, the access tokens issued) absent from the emulator's logs and
 * request log and from Terraform's output and TF_LOG=trace log; the provider schema marks
 * `private_key`, `client_secret` and `access_token` sensitive and plan, apply, show, state and
 * output never print them. (State files hold sensitive resource attributes in clear by
 * Terraform's design; the provider's credentials are never in state at all, which is checked.)
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { TERRAFORM_BLOCK } from "../harness/atlas.js";
import { DigestSigner } from "../harness/digest.js";
import { CliEmulator, freePort } from "../harness/emulator-process.js";
import { Verdict, type Campaign, type CampaignOptions, type CampaignResult } from "./campaign.js";
import { ProviderWorkspaces } from "./workspaces.js";

const run = promisify(execFile);
const V2 = "application/vnd.atlas.2023-01-01+json";
const PROJECT = "6e5e5e5e5e5e5e5e5e5e5e5e";
const PUBLIC_KEY = "r5-owner";

interface Answer {
  status: number;
  body: string;
  headers: string;
  stderr: string;
}

async function curl(args: string[]): Promise<Answer> {
  const { stdout, stderr } = await run("curl", ["-sS", "--max-time", "20", "-D", "-", "-w", "\n%{http_code}", "-H", `Accept: ${V2}`, ...args], { maxBuffer: 16 * 2 ** 20 });
  const i = stdout.lastIndexOf("\n");
  const status = Number(stdout.slice(i + 1));
  const text = stdout.slice(0, i);
  // with --digest, -D shows the 401 challenge's headers and then the final answer's
  const blocks = text.split(/\r\n\r\n/);
  const lastHead = blocks.filter((b) => /^HTTP\/1\.1 \d{3}/.test(b)).at(-1) ?? "";
  return { status, body: blocks.at(-1) ?? "", headers: text.slice(0, text.length - (blocks.at(-1)?.length ?? 0)) + lastHead, stderr };
}

async function fetchRaw(url: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export const securityCampaign: Campaign = {
  id: "R5",
  title: "security: Digest (curl, MD5 + SHA-256), replays, stale nonces, Read Only keys, other organizations, secrets in logs and Terraform output",
  async run(options: CampaignOptions): Promise<CampaignResult> {
    const log = options.log ?? (() => {});
    const v = new Verdict(this.id, this.title);
    const ownerSecret = `owner-${randomBytes(12).toString("hex")}`;
    const emu = await CliEmulator.start({ port: await freePort(), publicKey: PUBLIC_KEY, privateKey: ownerSecret, projectId: PROJECT, profile: "instant", args: ["--log-level", "trace"] });
    const sha = await CliEmulator.start({ port: await freePort(), publicKey: PUBLIC_KEY, privateKey: ownerSecret, projectId: PROJECT, profile: "instant", args: ["--digest", "SHA-256", "--log-level", "warn"] });
    const tf = new ProviderWorkspaces();
    const secrets: Record<string, string> = { "owner private key": ownerSecret };
    const pe = `/api/atlas/v2/groups/${PROJECT}/privateEndpoint`;
    const owner = `${PUBLIC_KEY}:${ownerSecret}`;
    const tally: Record<string, string> = {};
    try {
      // --- Digest with curl ------------------------------------------------------------------
      const list = await curl(["-v", "--digest", "-u", owner, `${emu.url}${pe}/AWS/endpointService`]);
      v.check(list.status === 200 && list.body === "[]", () => `curl --digest (MD5) list: ${list.status} ${list.body}`);
      v.check(/> Authorization: Digest .*algorithm=MD5/.test(list.stderr), () => "curl did not answer the MD5 challenge");
      const created = await curl(["-v", "--digest", "-u", owner, "-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ providerName: "AWS", region: "us-east-1" }), `${emu.url}${pe}/endpointService`]);
      v.check(created.status === 201, () => `curl --digest (MD5) create: ${created.status} ${created.body}`);
      const serviceId = String((JSON.parse(created.body || "{}") as { id?: string }).id);
      const wrong = await curl(["--digest", "-u", `${PUBLIC_KEY}:not-the-key`, `${emu.url}${pe}/AWS/endpointService`]);
      v.check(wrong.status === 401, () => `a wrong private key answered ${wrong.status}`);
      const shaList = await curl(["-v", "--digest", "-u", owner, `${sha.url}${pe}/AWS/endpointService`]);
      v.check(shaList.status === 200 && /> Authorization: Digest .*algorithm=SHA-256/.test(shaList.stderr), () => `curl --digest (SHA-256): ${shaList.status}; ${/Authorization: Digest[^\n]*/.exec(shaList.stderr)?.[0] ?? "no header"}`);
      tally["curl Digest"] = `MD5 read ${list.status}, MD5 write ${created.status}, wrong key ${wrong.status}, SHA-256 read ${shaList.status}`;

      // --- replayed nonce counts -------------------------------------------------------------
      const header = /> Authorization: (Digest [^\r\n]+)/.exec(list.stderr)?.[1];
      v.check(header !== undefined, () => "curl printed no Authorization header to replay");
      if (header) {
        const replay = await curl(["-H", `Authorization: ${header}`, `${emu.url}${pe}/AWS/endpointService`]);
        v.check(replay.status === 401 && /WWW-Authenticate: Digest [^\r\n]*stale=true/i.test(replay.headers), () => `a replayed GET header answered ${replay.status}, challenge ${/WWW-Authenticate[^\r\n]*/i.exec(replay.headers)?.[0]}`);
        tally["replayed GET"] = String(replay.status);
      }
      const writeHeader = /> Authorization: (Digest [^\r\n]+)/.exec(created.stderr)?.[1];
      if (v.check(writeHeader !== undefined, () => "curl printed no Authorization header for the create")) {
        await curl(["--digest", "-u", owner, "-X", "DELETE", `${emu.url}${pe}/AWS/endpointService/${serviceId}`]); // room for a second create
        await curl(["--digest", "-u", owner, `${emu.url}${pe}/AWS/endpointService`]); // instant: the delete completes
        const replay = await curl(["-H", `Authorization: ${writeHeader}`, "-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ providerName: "AWS", region: "us-east-1" }), `${emu.url}${pe}/endpointService`]);
        const held = await emu.control<{ counts: { endpointServices: number } }>("GET", "/objects?counts=only");
        v.check(replay.status === 401 && held.counts.endpointServices === 0, () => `a replayed create answered ${replay.status}; the emulator holds ${held.counts.endpointServices} services`);
        tally["replayed create"] = `${replay.status}, ${held.counts.endpointServices} services created`;
      }
      // the same nonce count twice from our own signer (curl never reuses one)
      const signer = new DigestSigner(PUBLIC_KEY, ownerSecret);
      const challenge = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2 } });
      signer.absorb(challenge.headers.get("www-authenticate"));
      const h1 = signer.header("GET", `${pe}/AWS/endpointService`);
      const once = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2, authorization: h1 } });
      const twice = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2, authorization: h1 } });
      v.check(once.status === 200 && twice.status === 401, () => `same nc twice: ${once.status} then ${twice.status}`);
      const next = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2, authorization: signer.header("GET", `${pe}/AWS/endpointService`) } });
      v.check(next.status === 200, () => `the next nonce count after a refused replay answered ${next.status}`);

      // --- stale nonces ----------------------------------------------------------------------
      await emu.control("POST", "/clock", { advance: "6m" }); // past the 5-minute nonce lifetime
      const stale = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2, authorization: signer.header("GET", `${pe}/AWS/endpointService`) } });
      const staleChallenge = stale.headers.get("www-authenticate") ?? "";
      v.check(stale.status === 401 && /stale=true/i.test(staleChallenge), () => `an expired nonce answered ${stale.status} with challenge ${staleChallenge}`);
      v.check(signer.absorb(staleChallenge), () => "the stale challenge carries no new MD5 nonce");
      const fresh = await fetchRaw(`${emu.url}${pe}/AWS/endpointService`, { headers: { accept: V2, authorization: signer.header("GET", `${pe}/AWS/endpointService`) } });
      v.check(fresh.status === 200, () => `the re-challenged request answered ${fresh.status}`);
      tally["stale nonce"] = `${stale.status} stale=${/stale=true/i.test(staleChallenge)}, then ${fresh.status}`;

      // --- Read Only keys --------------------------------------------------------------------
      const readOnly: { label: string; user: string }[] = [];
      for (const [label, roles] of [
        ["Organization Read Only", [{ role: "ORG_READ_ONLY" }]],
        ["Project Read Only", [{ role: "GROUP_READ_ONLY", projectId: PROJECT }]],
      ] as const) {
        const key = await emu.control<{ publicKey: string; privateKey: string }>("POST", "/api-keys", { roles });
        secrets[`${label} private key`] = key.privateKey;
        readOnly.push({ label, user: `${key.publicKey}:${key.privateKey}` });
      }
      const target = await curl(["--digest", "-u", owner, "-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ providerName: "AZURE", region: "eastus2" }), `${emu.url}${pe}/endpointService`]);
      const azureId = String((JSON.parse(target.body || "{}") as { id?: string }).id);
      const refusals: string[] = [];
      for (const { label, user } of readOnly) {
        const read = await curl(["--digest", "-u", user, `${emu.url}${pe}/AZURE/endpointService/${azureId}`]);
        v.check(read.status === 200, () => `${label}: a read answered ${read.status}`);
        const writes: [string, string[]][] = [
          ["create service", ["-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ providerName: "GCP", region: "us-central1" }), `${emu.url}${pe}/endpointService`]],
          ["delete service", ["-X", "DELETE", `${emu.url}${pe}/AZURE/endpointService/${azureId}`]],
          ["link endpoint", ["-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ id: "/subscriptions/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe", privateEndpointIPAddress: "10.0.0.5" }), `${emu.url}${pe}/AZURE/endpointService/${azureId}/endpoint`]],
          ["toggle regional mode", ["-X", "PATCH", "-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ enabled: true }), `${emu.url}${pe}/regionalMode`]],
        ];
        for (const [what, args] of writes) {
          const w = await curl(["--digest", "-u", user, ...args]);
          const ok = w.status === 401 && /USER_UNAUTHORIZED/.test(w.body);
          v.check(ok, () => `${label}: ${what} answered ${w.status} ${w.body.slice(0, 200)}`);
          refusals.push(`${w.status}`);
        }
      }
      const afterRo = await emu.control<{ counts: { endpointServices: number; privateEndpoints: number } }>("GET", "/objects?counts=only");
      v.check(afterRo.counts.endpointServices === 1 && afterRo.counts.privateEndpoints === 0, () => `after the refused writes the emulator holds ${JSON.stringify(afterRo.counts)}`);
      // through Terraform
      const [roKey] = readOnly;
      const [roPublic, roPrivate] = roKey!.user.split(":") as [string, string];
      const roWs = tf.workspace("r5-readonly", emu.url, roPublic, roPrivate);
      roWs.write("main.tf", `${TERRAFORM_BLOCK}resource "mongodbatlas_privatelink_endpoint" "x" {\n  project_id    = "${PROJECT}"\n  provider_name = "GCP"\n  region        = "us-central1"\n}\n`);
      const roApply = await roWs.tf(["apply", "-auto-approve"], { expect: "any" });
      v.check(roApply.code === 1 && /401 USER_UNAUTHORIZED/.test(roApply.stderr.replace(/\s+/g, " ")), () => `terraform apply with a Read Only key: exit ${roApply.code}; ${roApply.stderr.slice(0, 600)}`);
      v.check(!roApply.stderr.includes(roPrivate) && !roApply.stdout.includes(roPrivate), () => "terraform printed the Read Only key's private key");
      tally["Read Only keys"] = `reads 200; ${refusals.length} writes refused (${[...new Set(refusals)].join(", ")} USER_UNAUTHORIZED); terraform apply exit ${roApply.code}`;

      // --- another organization -------------------------------------------------------------
      const org2 = await emu.control<{ id: string }>("POST", "/orgs", { name: "Other organization" });
      const p2 = await emu.control<{ id: string }>("POST", "/projects", { orgId: org2.id, name: "theirs" });
      const key2 = await emu.control<{ publicKey: string; privateKey: string }>("POST", "/api-keys", { orgId: org2.id, roles: [{ role: "ORG_OWNER" }] });
      secrets["other organization's private key"] = key2.privateKey;
      const seeTheirs = await curl(["--digest", "-u", owner, `${emu.url}/api/atlas/v2/groups/${p2.id}`]);
      v.check(seeTheirs.status === 404 && /GROUP_NOT_FOUND/.test(seeTheirs.body), () => `the other organization's project answered ${seeTheirs.status} ${seeTheirs.body.slice(0, 200)}`);
      const listed = await curl(["--digest", "-u", owner, `${emu.url}/api/atlas/v2/groups?itemsPerPage=500`]);
      v.check(listed.status === 200 && !listed.body.includes(p2.id) && listed.body.includes(PROJECT), () => `the project list (${listed.status}) shows ${listed.body.includes(p2.id) ? "the other organization's project" : "not our own project"}`);
      const writeTheirs = await curl(["--digest", "-u", owner, "-H", `Content-Type: ${V2}`, "-d", JSON.stringify({ providerName: "AWS", region: "us-east-1" }), `${emu.url}/api/atlas/v2/groups/${p2.id}/privateEndpoint/endpointService`]);
      v.check(writeTheirs.status === 404 && /GROUP_NOT_FOUND/.test(writeTheirs.body), () => `a create in the other organization's project answered ${writeTheirs.status}`);
      const theirsSeeOurs = await curl(["--digest", "-u", `${key2.publicKey}:${key2.privateKey}`, `${emu.url}${pe}/AZURE/endpointService/${azureId}`]);
      v.check(theirsSeeOurs.status === 404 && /GROUP_NOT_FOUND/.test(theirsSeeOurs.body), () => `the other organization's key reading our service answered ${theirsSeeOurs.status}`);
      const otherWs = tf.workspace("r5-other-org", emu.url, PUBLIC_KEY, ownerSecret);
      otherWs.write("main.tf", `${TERRAFORM_BLOCK}resource "mongodbatlas_privatelink_endpoint" "x" {\n  project_id    = "${p2.id}"\n  provider_name = "AWS"\n  region        = "us-east-2"\n}\n`);
      const otherApply = await otherWs.tf(["apply", "-auto-approve"], { expect: "any" });
      const inTheirs = (await emu.control<{ endpointServices: { projectId: string }[] }>("GET", "/objects")).endpointServices.filter((s) => s.projectId === p2.id).length;
      v.check(otherApply.code === 1 && /GROUP_NOT_FOUND/.test(otherApply.stderr) && inTheirs === 0, () => `terraform apply into the other organization's project: exit ${otherApply.code}, ${inTheirs} services there; ${otherApply.stderr.slice(0, 400)}`);
      tally["other organization"] = `get ${seeTheirs.status}, listed ${listed.body.includes(p2.id)}, create ${writeTheirs.status}, their key on ours ${theirsSeeOurs.status}, terraform exit ${otherApply.code}`;

      // --- service accounts and Terraform's output -------------------------------------------
      const sa = await emu.control<{ clientId: string; clientSecret: string }>("POST", "/service-accounts", { roles: ["ORG_OWNER"] });
      secrets["service-account secret"] = sa.clientSecret;
      const token = await fetchRaw(`${emu.url}/api/oauth/token`, {
        method: "POST",
        headers: { authorization: `Basic ${Buffer.from(`${sa.clientId}:${sa.clientSecret}`).toString("base64")}`, "content-type": "application/x-www-form-urlencoded" },
        body: "grant_type=client_credentials",
      });
      const accessToken = String((JSON.parse(token.text) as { access_token?: string }).access_token);
      v.check(token.status === 200 && accessToken.length > 20, () => `the token request answered ${token.status}`);
      secrets["access token (curl)"] = accessToken;
      const schemaWs = tf.workspace("r5-schema", emu.url, PUBLIC_KEY, ownerSecret);
      schemaWs.write("main.tf", TERRAFORM_BLOCK);
      const schema = JSON.parse((await schemaWs.tf(["providers", "schema", "-json"])).stdout) as {
        provider_schemas: Record<string, { provider: { block: { attributes: Record<string, { sensitive?: boolean }> } } }>;
      };
      const attributes = Object.values(schema.provider_schemas)[0]?.provider.block.attributes ?? {};
      for (const name of ["private_key", "client_secret", "access_token"]) v.check(attributes[name]?.sensitive === true, () => `the provider schema does not mark ${name} sensitive`);

      for (const [label, block, env] of [
        ["API key in the provider block", `  public_key  = "${PUBLIC_KEY}"\n  private_key = "${ownerSecret}"`, {}],
        ["service account in the provider block", `  client_id     = "${sa.clientId}"\n  client_secret = "${sa.clientSecret}"`, {}],
        ["API key from the environment", "", { MONGODB_ATLAS_PUBLIC_KEY: PUBLIC_KEY, MONGODB_ATLAS_PRIVATE_KEY: ownerSecret }],
      ] as const) {
        const ws = tf.workspace("r5-output", emu.url, "", "", { MONGODB_ATLAS_PUBLIC_KEY: "", MONGODB_ATLAS_PRIVATE_KEY: "", ...env, TF_LOG: "trace" });
        const logFile = join(ws.dir, "terraform.log");
        const region = label.startsWith("service") ? "us-west-1" : label.includes("environment") ? "us-west-2" : "ca-central-1";
        ws.write(
          "main.tf",
          `${TERRAFORM_BLOCK}provider "mongodbatlas" {\n  base_url = "${emu.url}"\n${block}\n}\n` +
            `resource "mongodbatlas_privatelink_endpoint" "x" {\n  project_id    = "${PROJECT}"\n  provider_name = "AWS"\n  region        = "${region}"\n}\n` +
            `output "service" {\n  value = mongodbatlas_privatelink_endpoint.x.private_link_id\n}\n`,
        );
        const env2 = { TF_LOG_PATH: logFile };
        const outputs = [
          await ws.tf(["plan"], { env: env2 }),
          await ws.tf(["apply", "-auto-approve"], { env: env2 }),
          await ws.tf(["show"], { env: env2 }),
          await ws.tf(["show", "-json"], { env: env2 }),
          await ws.tf(["state", "pull"], { env: env2 }),
          await ws.tf(["output", "-json"], { env: env2 }),
          await ws.tf(["plan", "-detailed-exitcode"], { env: env2 }),
          await ws.tf(["destroy", "-auto-approve"], { env: env2 }),
        ];
        const visible = outputs.map((o) => o.stdout + o.stderr).join("\n");
        const stateText = ws.read("terraform.tfstate");
        const tfLog = readFileSync(logFile, "utf8");
        const issued = (await emu.control<{ requests: { operationId: string }[] }>("GET", "/requests?limit=100000")).requests.filter((r) => r.operationId === "oauthToken").length;
        const all = { ...secrets };
        for (const [what, secret] of Object.entries(all)) {
          v.check(!visible.includes(secret), () => `${label}: terraform's output shows the ${what}`);
          v.check(!stateText.includes(secret), () => `${label}: the state file holds the ${what}`);
          v.check(!tfLog.includes(secret), () => `${label}: TF_LOG=trace holds the ${what}`);
        }
        v.check(!/"Authorization"|Digest username=/i.test(tfLog), () => `${label}: TF_LOG=trace holds an Authorization header`);
        // the access tokens the provider obtained itself (service account) are JWT-shaped
        v.check(!/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/.test(tfLog + visible), () => `${label}: an access token appears in Terraform's output or trace log`);
        log(`R5: ${label}: plan/apply/show/state/output/destroy and a ${Math.round(tfLog.length / 1024)} KiB trace log checked (${issued} OAuth token requests so far)`);
      }

      // --- the emulator's own logs and request log -------------------------------------------
      const requestLog = JSON.stringify(await emu.control("GET", "/requests?limit=100000"));
      const emulatorLog = emu.stderr;
      v.check(emulatorLog.length > 10_000, () => `the emulator's trace log is suspiciously short (${emulatorLog.length} bytes)`);
      for (const [what, secret] of Object.entries(secrets)) {
        v.check(!emulatorLog.includes(secret), () => `the emulator's log holds the ${what}`);
        v.check(!requestLog.includes(secret), () => `the request log holds the ${what}`);
      }
      v.check(!/Digest username=|Basic [A-Za-z0-9+/=]{8,}|Bearer ey/.test(emulatorLog), () => `the emulator's log holds an Authorization header: ${/.{0,80}(Digest username=|Basic [A-Za-z0-9+/=]{8,}|Bearer ey).{0,80}/.exec(emulatorLog)?.[0]}`);
      tally["secrets checked"] = `${Object.keys(secrets).length} secrets (${Object.keys(secrets).join(", ")}) absent from the emulator's trace log (${Math.round(emulatorLog.length / 1024)} KiB), its request log, and Terraform's output, state and trace logs in 3 credential set-ups`;
      for (const [k, val] of Object.entries(tally)) v.figure(k, val);
    } finally {
      tf.close();
      await emu.stop();
      await sha.stop();
    }
    return v.result();
  },
};
