/**
 * R3 — bad-configuration corpus (bad-config-corpus.ts, the same table e2e/src/validation.e2e.test.ts
 * runs in CI): every invalid configuration must be refused at `terraform validate` (or at plan for
 * a value only known then) and every bad import id at `terraform import`, with the attribute named
 * in the summary, its line shown by Terraform (or the block, for a missing attribute) and the
 * accepted values spelled out. Nothing may reach Atlas: the emulator receives no API request.
 */
import { flat, startAtlasHarness, TERRAFORM_BLOCK } from "../harness/atlas.js";
import { CASES, ep, IMPORT_CASES, svc, type Case } from "./bad-config-corpus.js";
import { Verdict, type Campaign, type CampaignOptions, type CampaignResult } from "./campaign.js";

/** What is wrong with Terraform's answer to one bad configuration (empty: refused as required). */
export function refusalProblems(c: Case, code: number | null, stderr: string): string[] {
  const problems: string[] = [];
  const text = flat(stderr);
  if (code !== 1) problems.push(`exit ${code}, expected 1`);
  if (!c.phrase.test(text)) problems.push(`the error does not say ${c.phrase} (what is accepted)`);
  if (!new RegExp(`Error: [^│]*${c.attribute}`).test(text)) problems.push(`the summary does not name ${c.attribute}`);
  if (c.missing) {
    if (!/on main\.tf line \d+, in resource/.test(stderr)) problems.push("Terraform does not point at the block");
  } else if (!new RegExp(`\\d+:\\s+${c.line ?? c.attribute}\\s+=`).test(stderr)) {
    problems.push(`Terraform does not show the line of ${c.line ?? c.attribute}`);
  }
  return problems;
}

export const badConfigCampaign: Campaign = {
  id: "R3",
  title: "bad-configuration corpus: refused at validate/plan (import ids at import) with the attribute path and the accepted values",
  async run(options: CampaignOptions): Promise<CampaignResult> {
    const log = options.log ?? (() => {});
    const v = new Verdict(this.id, this.title);
    const h = await startAtlasHarness();
    let refused = 0;
    let importsRefused = 0;
    const byPhase = { validate: 0, plan: 0 };
    try {
      for (const c of CASES) {
        const ws = h.workspace("r3");
        ws.write("main.tf", TERRAFORM_BLOCK + c.hcl);
        const r = c.at === "plan" ? await ws.tf(["apply", "-auto-approve"], { expect: "any" }) : await ws.tf(["validate"], { expect: "any" });
        const problems = refusalProblems(c, r.code, r.stderr);
        if (v.check(problems.length === 0, () => `${c.name}: ${problems.join("; ")}\n${r.stderr.slice(0, 1500)}`)) {
          refused++;
          byPhase[c.at ?? "validate"]++;
        }
        ws.cleanup();
      }
      for (const [type, id, phrase] of IMPORT_CASES) {
        const ws = h.workspace("r3-import");
        ws.write("main.tf", TERRAFORM_BLOCK + (type === "mongodbatlas_privatelink_endpoint" ? svc("AWS", "us-east-1") : ep("AWS", 'endpoint_service_id = "vpce-0123456789abcdef0"')));
        const r = await ws.tf(["import", `${type}.x`, id], { expect: "any" });
        const text = flat(r.stderr);
        const ok = r.code === 1 && phrase.test(text) && /e\.g\. 5cf5a45a9ccf6400e60981b6/.test(text);
        if (v.check(ok, () => `import ${type} ${id}: exit ${r.code}, ${phrase.test(text) ? "" : `no ${phrase}; `}${/e\.g\./.test(text) ? "" : "no example id"}\n${r.stderr.slice(0, 1500)}`)) importsRefused++;
        ws.cleanup();
      }
      const held = await h.held();
      v.check(held.endpointServices + held.privateEndpoints === 0, () => `the emulator holds ${JSON.stringify(held)} after the corpus`);
      const requests = (await h.control<{ requests: { method: string; path: string; status: number }[] }>("GET", "/requests")).requests;
      // An import reads the object after parsing the id; a refused id must not get that far.
      v.check(requests.length === 0, () => `${requests.length} Atlas API requests reached the emulator: ${requests.slice(0, 5).map((r) => `${r.method} ${r.path} ${r.status}`).join(", ")}`);
      const total = CASES.length + IMPORT_CASES.length;
      v.figure("refused as required (attribute named, line shown, accepted values spelled out)", `${refused + importsRefused}/${total} (${Math.round(((refused + importsRefused) / total) * 1000) / 10}%)`, `${refused}/${CASES.length} configurations (${byPhase.validate} at validate, ${byPhase.plan} at plan), ${importsRefused}/${IMPORT_CASES.length} import ids`);
      v.figure("Atlas API requests caused by the corpus", requests.length);
      log(`R3: ${refused + importsRefused}/${total} refused as required; ${requests.length} API requests`);
    } finally {
      await h.close();
    }
    return v.result();
  },
};
