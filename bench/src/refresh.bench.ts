/**
 * P2 — refresh at scale. One AWS endpoint service with 300 linked interface endpoints (the
 * emulator's simulated AWS, ids `vpce-` + 17 hex, `instant` profile so lifecycle time does not
 * dominate, rate limit off), applied; then `terraform plan` (a refresh of 301 resources) median
 * against a configuration of 301 `terraform_data` resources, alternating in the same run (goal
 * ≤ 2.0×). Also apply and destroy of the 300 at -parallelism=10 and -parallelism=50, each beside
 * the same operation on the terraform_data configuration. Then where the CPU goes: Terraform's
 * own CPU per plan against the terraform_data plan's, and the provider processes' (a wrapper
 * records each launch), which is what bounds the ratio on a 2-core machine.
 */
import { startAtlasHarness, TERRAFORM_BLOCK } from "@atlas-privatelink/e2e/harness/atlas.js";
import { childrenCpuMs, probeProviderCpu } from "./cpu.js";
import { goal, median, round, type Benchmark, type BenchmarkResult } from "./stats.js";

const N = Number(process.env["BENCH_REFRESH_ENDPOINTS"] ?? 300);
const PLANS = Number(process.env["BENCH_REFRESH_PLANS"] ?? 7);

export function scaleConfig(projectId: string, n: number): string {
  return `${TERRAFORM_BLOCK}
resource "mongodbatlas_privatelink_endpoint" "this" {
  project_id    = "${projectId}"
  provider_name = "AWS"
  region        = "us-east-1"
}

resource "mongodbatlas_privatelink_endpoint_service" "this" {
  count               = ${n}
  project_id          = mongodbatlas_privatelink_endpoint.this.project_id
  private_link_id     = mongodbatlas_privatelink_endpoint.this.private_link_id
  endpoint_service_id = format("vpce-0b0b0b0b0b0%06x", count.index)
  provider_name       = "AWS"
}
`;
}

export function baselineConfig(n: number): string {
  return `
resource "terraform_data" "service" {
  input = "AWS us-east-1"
}

resource "terraform_data" "endpoint" {
  count = ${n}
  input = { service = terraform_data.service.output, id = format("vpce-0b0b0b0b0b0%06x", count.index) }
}
`;
}

const s = (ms: number) => round(ms / 1000, 2);

const bench: Benchmark = {
  id: "P2",
  title: `refresh at scale: terraform plan of 1 service + ${N} endpoints vs ${N + 1} terraform_data`,
  async run() {
    const h = await startAtlasHarness({ profile: "instant", rateLimit: false, requestLogSize: 100_000 });
    try {
      const ours = h.workspace("bench-p2");
      ours.write("main.tf", scaleConfig(h.projectId, N));
      const base = h.workspace("bench-p2-base");
      base.write("main.tf", baselineConfig(N));
      const timeout = { timeoutMs: 1_800_000 };
      const lifecycle: Record<string, { ours: number; base: number }> = {};
      const applyBoth = async (op: "apply" | "destroy", parallelism: number) => {
        const o = await ours.tf([op, "-auto-approve", `-parallelism=${parallelism}`], timeout);
        const b = await base.tf([op, "-auto-approve", `-parallelism=${parallelism}`], timeout);
        lifecycle[`${op} -parallelism=${parallelism}`] = { ours: o.ms, base: b.ms };
      };

      await applyBoth("apply", 10);
      const held = await h.held();
      if (held.privateEndpoints !== N) throw new Error(`the emulator holds ${held.privateEndpoints} endpoints after apply, expected ${N}`);
      // warm-up plan of each (file cache, code cache)
      await ours.tf(["plan", "-detailed-exitcode"], timeout);
      await base.tf(["plan", "-detailed-exitcode"], timeout);
      const planOurs: number[] = [];
      const planBase: number[] = [];
      const requests: number[] = [];
      for (let i = 0; i < PLANS; i++) {
        const order = i % 2 === 0 ? (["ours", "base"] as const) : (["base", "ours"] as const);
        for (const which of order) {
          if (which === "ours") {
            await h.control("DELETE", "/requests");
            const r = await ours.tf(["plan", "-detailed-exitcode"], timeout);
            planOurs.push(r.ms);
            requests.push((await h.control<{ requests: unknown[] }>("GET", "/requests?limit=100000")).requests.length);
          } else {
            planBase.push((await base.tf(["plan", "-detailed-exitcode"], timeout)).ms);
          }
        }
      }
      // The fixed cost: the same configuration with no endpoint (another region: one service per
      // project, provider and region).
      const fixed = h.workspace("bench-p2-fixed");
      fixed.write("main.tf", scaleConfig(h.projectId, 0).replace('"us-east-1"', '"us-west-2"'));
      await fixed.tf(["apply", "-auto-approve"], timeout);
      const planFixed: number[] = [];
      for (let i = 0; i < 3; i++) planFixed.push((await fixed.tf(["plan", "-detailed-exitcode"], timeout)).ms);
      await fixed.tf(["destroy", "-auto-approve"], timeout);

      // Where the CPU goes (separate plans: the probe's wrapper adds a process per launch).
      const probe = probeProviderCpu(ours);
      const cpu = { terraform: [] as number[], provider: [] as number[], launches: [] as string[], base: [] as number[] };
      try {
        for (let i = 0; i < 3; i++) {
          probe.take();
          let before = childrenCpuMs();
          await ours.tf(["plan", "-detailed-exitcode"], timeout);
          const all = childrenCpuMs() - before;
          const launches = probe.take();
          const provider = launches.reduce((a, b) => a + b, 0);
          cpu.terraform.push(all - provider);
          cpu.provider.push(provider);
          cpu.launches.push(launches.join("+"));
          before = childrenCpuMs();
          await base.tf(["plan", "-detailed-exitcode"], timeout);
          cpu.base.push(childrenCpuMs() - before);
        }
      } finally {
        probe.remove();
      }

      await applyBoth("destroy", 10);
      await applyBoth("apply", 50);
      await applyBoth("destroy", 50);
      const left = await h.held();
      if (left.endpointServices + left.privateEndpoints !== 0) throw new Error(`the emulator still holds ${JSON.stringify(left)} after destroy`);

      const po = median(planOurs);
      const pb = median(planBase);
      const results: BenchmarkResult[] = [
        { name: `terraform plan (refresh of ${N + 1} resources), median`, value: s(po), unit: "s", detail: `runs ${planOurs.map(s).join(", ")} s` },
        { name: `terraform plan of ${N + 1} terraform_data, median`, value: s(pb), unit: "s", detail: `runs ${planBase.map(s).join(", ")} s` },
        { name: "ratio plan / terraform_data plan", value: round(po / pb, 2), goal: goal("<=", 2.0, po / pb) },
        { name: "Atlas API requests per plan, median", value: median(requests), detail: `${round(median(requests) / (N + 1), 3)} per refreshed resource (the provider process's first request is a Digest challenge)` },
      ];
      results.push(
        { name: "terraform plan of the same configuration with 0 endpoints (the fixed cost: 3 provider launches), median", value: s(median(planFixed)), unit: "s", detail: `${round(median(planFixed) / pb, 2)} × the terraform_data plan of ${N + 1}` },
        { name: "CPU per plan: Terraform itself", value: s(median(cpu.terraform)), unit: "s", detail: `the terraform_data plan: ${s(median(cpu.base))} s; what Terraform spends on ${N + 1} resources of an out-of-process provider, whatever the provider does` },
        { name: "CPU per plan: the provider processes", value: s(median(cpu.provider)), unit: "s", detail: `per launch (ms): ${cpu.launches.join(", ")}` },
      );
      for (const [op, t] of Object.entries(lifecycle)) {
        results.push({ name: `${op} of 1 service + ${N} endpoints`, value: s(t.ours), unit: "s", detail: `terraform_data: ${s(t.base)} s; ratio ${round(t.ours / t.base, 1)}` });
      }
      return results;
    } finally {
      await h.close();
    }
  },
};

export default bench;
