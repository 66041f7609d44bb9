import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startEmulator, type RunningEmulator } from "../index.js";
import { AtlasTestClient, fetchTransport, obj } from "../testing/client.js";
import { repoRoot } from "../testing/shared.js";

/**
 * The console in a real browser: Debian's `chromium`, headless, driven by playwright-core. Log
 * in, create a service through the Atlas API and watch its badge go INITIATING → AVAILABLE
 * without a reload, reject an endpoint with a button and see the message, delete out of band and
 * see objects vanish, check the import ids against the seed formats, and save the main view as
 * docs/console.png (with UPDATE_SCREENSHOTS=1). Waits are Playwright's (auto-waiting, bounded); the emulator's steps take
 * 300 ms.
 */
const CHROMIUM = "/usr/bin/chromium";

// Browser globals, used only inside functions that Playwright runs in the page (this file is
// compiled without the DOM library).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const window: any;
declare const document: any;
declare const navigator: any;
declare const getComputedStyle: any;
declare class MutationObserver {
  constructor(callback: () => void);
  observe(target: unknown, options: unknown): void;
}
type HTMLElement = any;
type HTMLInputElement = any;
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const WAIT = { timeout: 5000 }; // ms: every step here takes 300 ms of real time

/** Installs Debian's chromium when it is missing; fails loudly when it cannot (never skips). */
function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args: string[]) => spawnSync("apt-get", args, { env, encoding: "utf8", timeout: 600_000 });
  let install = run(["install", "-y", "chromium"]);
  if (install.status !== 0) {
    run(["update"]);
    install = run(["install", "-y", "chromium"]);
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser test needs Debian's chromium at ${CHROMIUM} and could not install it ` +
        `(apt-get install -y chromium → ${install.status ?? install.error?.message}):\n${(install.stderr ?? "").slice(-2000)}`,
    );
  }
}

describe("web console in headless Chromium", () => {
  let emu: RunningEmulator;
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;
  const problems: string[] = [];
  const privateKey = "browser-test-private-key-0123";

  before(
    async () => {
      ensureChromium();
      emu = await startEmulator({
        profile: { base: "fast", transitions: { "*.*.*": 300 } },
        publicKey: "console-e2e",
        privateKey,
        orgId: "6a0000000000000000000001",
        projectId: "6a0000000000000000000002",
      });
      profileDir = mkdtempSync(join(tmpdir(), "console-chromium-"));
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        viewport: { width: 1360, height: 1020 },
        reducedMotion: "reduce",
        colorScheme: "light",
      });
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: emu.url });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(WAIT.timeout);
      page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(`console error: ${m.text()}`);
      });
    },
    { timeout: 660_000 }, // ms: installing chromium, when needed, takes a while
  );

  after(async () => {
    await context?.close();
    await emu?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it("logs in, follows statuses live, steers objects and copies import ids in the seed formats", async () => {
    const projectId = emu.bootstrap.projectId;
    const api = new AtlasTestClient(fetchTransport(emu.url), { publicKey: "console-e2e", privateKey });
    const pe = `/api/atlas/v2/groups/${projectId}/privateEndpoint`;
    // Objects for a fuller picture: an Azure and a GCP service with one endpoint each.
    const seeded = await fetch(`${emu.url}/_emulator/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ providers: ["AZURE", "GCP"], endpointsPerService: 1 }),
    });
    assert.equal(seeded.status, 201);

    // Log in with the API key.
    await page.goto(`${emu.url}/console`);
    assert.match(page.url(), /\/console\/login$/);
    await page.getByLabel("Public key").fill("console-e2e");
    await page.getByLabel("Private key").fill(privateKey);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(/\/console$/, WAIT);
    await page.locator(".project").first().waitFor(WAIT);
    await page.getByRole("status").filter({ hasText: "Live" }).waitFor(WAIT);
    await page.evaluate(() => {
      // Survives only if the page is never reloaded.
      (window as unknown as { noReload: boolean }).noReload = true;
      // Every badge text each service card shows, in order.
      const seen: Record<string, string[]> = {};
      (window as unknown as { seen: typeof seen }).seen = seen;
      const look = () => {
        for (const card of document.querySelectorAll(".card.service") as HTMLElement[]) {
          const id = card.dataset["serviceId"]!;
          const status = card.querySelector(":scope > header .badge")?.textContent ?? "";
          const list = (seen[id] ??= []);
          if (list[list.length - 1] !== status) list.push(status);
        }
      };
      new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
      look();
    });

    // A service created through the Atlas API (Digest) appears INITIATING, then turns AVAILABLE.
    const created = obj(await api.post(`${pe}/endpointService`, { providerName: "AWS", region: "us-east-1" }));
    assert.equal(created["status"], "INITIATING");
    const serviceId = String(created["id"]);
    const card = page.locator(`[data-service-id="${serviceId}"]`);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-service-id="${id}"] > header .badge`)?.textContent === "AVAILABLE",
      serviceId,
      WAIT,
    );
    const seen = await page.evaluate((id) => (window as unknown as { seen: Record<string, string[]> }).seen[id], serviceId);
    assert.deepEqual(seen, ["INITIATING", "AVAILABLE"], "the badge showed INITIATING, then AVAILABLE");
    assert.equal(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload), true, "no reload");
    await card.locator(":scope > details.timeline > summary").click();
    assert.match(await card.locator(":scope > details.timeline").innerText(), /INITIATING → AVAILABLE \(timer\)/);
    assert.match(await card.innerText(), /com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}/, "the endpoint service name, once AVAILABLE");

    // Import ids, exactly in the seed formats.
    const serviceImportId = await card.locator(":scope > .import .import-id").innerText();
    assert.equal(serviceImportId, `${projectId}-${serviceId}-AWS-US_EAST_1`);
    assert.match(serviceImportId, /^[0-9a-f]{24}-[0-9a-f]{24}-(AWS|AZURE|GCP)-[A-Z0-9_]+$/);
    const vpce = "vpce-0123456789abcdef0";
    assert.equal((await api.post(`${pe}/AWS/endpointService/${serviceId}/endpoint`, { id: vpce })).status, 201);
    const endpoint = page.locator(`[data-endpoint-id="${vpce}"]`);
    await endpoint.locator("header .badge", { hasText: "AVAILABLE" }).waitFor(WAIT);
    const endpointImportId = await endpoint.locator(".import-id").innerText();
    assert.equal(endpointImportId, `${projectId}--${serviceId}--${vpce}--AWS`);
    assert.match(endpointImportId, /^[0-9a-f]{24}--[0-9a-f]{24}--.+--(AWS|AZURE|GCP)$/);
    await endpoint.getByRole("button", { name: "Copy the mongodbatlas_privatelink_endpoint_service import id" }).click();
    await endpoint.getByRole("button", { name: "Copy the mongodbatlas_privatelink_endpoint_service import id" }).filter({ hasText: "Copied" }).waitFor(WAIT);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), endpointImportId);
    for (const text of await page.locator(".card.service > .import .import-id").allInnerTexts()) {
      assert.match(text, new RegExp(`^${projectId}-[0-9a-f]{24}-(AWS|AZURE|GCP)-[A-Z0-9_]+$`));
    }
    for (const text of await page.locator(".card.endpoint .import-id").allInnerTexts()) {
      assert.match(text, new RegExp(`^${projectId}--[0-9a-f]{24}--.+--(AWS|AZURE|GCP)$`));
    }

    // The main view: docs/console.png when UPDATE_SCREENSHOTS=1 (so a test run leaves the work
    // tree clean), else a temporary file that must be a real PNG.
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = process.env["UPDATE_SCREENSHOTS"] === "1" ? join(repoRoot(), "docs", "console.png") : join(profileDir, "console.png");
    const png = await page.screenshot({ path: shot, fullPage: false, animations: "disabled" });
    assert.ok(png.length > 10_000 && png.subarray(1, 4).toString("latin1") === "PNG", "the screenshot is a PNG of the rendered page");

    // Reject the endpoint with the button, with a message; the message shows.
    await endpoint.getByRole("button", { name: `Reject endpoint ${vpce}…` }).click();
    const message = endpoint.getByLabel("Error message");
    await message.waitFor(WAIT);
    // Focus moves into the form (keyboard users type the message at once).
    await page.waitForFunction(() => document.activeElement?.id !== undefined && document.activeElement === document.querySelector(`[data-endpoint-id] input`), undefined, WAIT);
    await message.fill("Rejected from the browser test.");
    await endpoint.getByRole("button", { name: "Apply REJECTED" }).click();
    await endpoint.locator("header .badge", { hasText: "REJECTED" }).waitFor(WAIT);
    assert.equal(await endpoint.locator("[data-error-message]").innerText(), "Rejected from the browser test.");
    const apiView = obj(await api.get(`${pe}/AWS/endpointService/${serviceId}/endpoint/${vpce}`));
    assert.equal(apiView["connectionStatus"], "REJECTED");
    assert.equal(apiView["errorMessage"], "Rejected from the browser test.");

    // Deleted out of band through the control API (drift): the endpoint vanishes.
    const gone = await fetch(`${emu.url}/_emulator/objects/private-endpoints?serviceId=${serviceId}&endpointId=${vpce}`, { method: "DELETE" });
    assert.equal(gone.status, 204);
    await endpoint.waitFor({ state: "detached", ...WAIT });
    // And the service, with the console's own button.
    await card.getByRole("button", { name: `Delete AWS endpoint service US_EAST_1 out of band` }).click();
    await card.waitFor({ state: "detached", ...WAIT });
    assert.equal((await api.get(`${pe}/AWS/endpointService/${serviceId}`)).status, 404);
    assert.match(await page.locator("#announcer").innerText(), /is gone/);
    assert.equal(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload), true, "still no reload");
  });

  it("is usable from the keyboard, labels its fields, shows the request log without secrets, and reads in dark mode", async () => {
    // A status form opens from the keyboard, takes focus, and Escape closes it, back to its button.
    await page.getByRole("tab", { name: "Objects" }).click();
    const failButton = page.locator(".card.service > .actions button", { hasText: "Fail…" }).first();
    await failButton.focus();
    await page.keyboard.press("Enter");
    const form = page.locator(".card.service > form.inline-form").first();
    await form.waitFor(WAIT);
    await page.waitForFunction(() => document.activeElement?.tagName === "INPUT", undefined, WAIT);
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached", ...WAIT });
    await page.waitForFunction(() => document.activeElement?.textContent === "Fail…", undefined, WAIT);

    // ARIA tabs: arrow keys move between views.
    await page.getByRole("tab", { name: "Objects" }).click();
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.getByRole("tab", { name: "Request log" }).getAttribute("aria-selected"), "true");
    const row = page.locator("tbody tr").filter({ hasText: /\/privateEndpoint\/endpointService\s*201/ }).first();
    await row.waitFor(WAIT);
    assert.match(await row.innerText(), /POST[\s\S]*\/api\/atlas\/v2\/groups\/[0-9a-f]{24}\/privateEndpoint\/endpointService[\s\S]*201[\s\S]*console-e2e/);
    assert.ok(!(await page.content()).includes(privateKey), "the private key is nowhere on the page");
    for (const tab of ["Request log", "Faults", "Timing & clock", "Simulated cloud", "Objects"]) {
      await page.getByRole("tab", { name: tab }).click();
      await page.locator('[role="tabpanel"] > *').first().waitFor(WAIT);
      const unlabelled = await page.evaluate(() =>
        ([...document.querySelectorAll("input:not([type=hidden]), select, textarea")] as HTMLInputElement[])
          .filter((el) => el.labels?.length === 0 && !el.getAttribute("aria-label"))
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(unlabelled, [], `every field of ${tab} has a label`);
    }
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const luminance = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number) as [number, number, number];
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    };
    assert.ok(luminance(await background()) > 0.8, "light by default");
    await page.emulateMedia({ colorScheme: "dark" });
    assert.ok(luminance(await background()) < 0.2, "dark when the system is");
    await page.emulateMedia({ colorScheme: "light" });
    assert.deepEqual(problems, [], "no page errors and no console errors (CSP violations included)");
  });

  it("drives the control API from its forms: project, seed, clock, faults, profile, cloud, reset", async () => {
    const notice = (text: RegExp) => page.locator(".notice", { hasText: text }).first().waitFor(WAIT);
    await page.getByRole("tab", { name: "Objects" }).click();
    await page.getByLabel("New project name").fill("Browser project");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: "Project Browser project" }).waitFor(WAIT);
    await page.getByRole("button", { name: "Add a demo project" }).click();
    await notice(/Demo project added: 3 endpoint services, 3 endpoints/);
    await page.locator(".project", { hasText: "3 endpoint services" }).last().waitFor(WAIT);

    const before = (await (await fetch(`${emu.url}/_emulator/clock`)).json()) as { epochMs: number };
    await page.getByLabel("Advance the clock by").fill("90s");
    await page.getByRole("button", { name: "Advance clock" }).click();
    await notice(/Clock advanced by 90s/);
    const afterClock = (await (await fetch(`${emu.url}/_emulator/clock`)).json()) as { epochMs: number };
    assert.ok(afterClock.epochMs - before.epochMs >= 90_000, "the emulator clock moved 90 s");
    await page.getByRole("button", { name: "Complete pending" }).click();
    await notice(/Pending steps completed/);

    await page.getByRole("tab", { name: "Faults" }).click();
    await page.getByLabel("Id (optional)").fill("browser-fault");
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.locator('[data-fault-id="browser-fault"]').waitFor(WAIT);
    const rules = (await (await fetch(`${emu.url}/_emulator/faults`)).json()) as { rules: { id: string; operation: string; error: { status: number } }[] };
    assert.deepEqual(rules.rules.map((r) => [r.id, r.operation, r.error.status]), [["browser-fault", "createPrivateEndpointService", 503]]);
    await page.getByRole("button", { name: "Remove fault rule browser-fault" }).click();
    await page.locator('[data-fault-id="browser-fault"]').waitFor({ state: "detached", ...WAIT });

    await page.getByRole("tab", { name: "Timing & clock" }).click();
    await page.getByLabel("Every timed step takes (ms or 1.5s; empty: keep)").fill("200");
    await page.getByRole("button", { name: "Apply profile", exact: true }).click();
    await notice(/Profile applied/);
    const profile = (await (await fetch(`${emu.url}/_emulator/profile`)).json()) as { effective: Record<string, { afterMs?: number }> };
    assert.equal(profile.effective["privateEndpoint.AWS.PENDING_ACCEPTANCE"]!.afterMs, 200);

    await page.getByRole("tab", { name: "Simulated cloud" }).click();
    await page.getByLabel("Interface endpoint id (vpce-…)").fill("vpce-0aaaaaaaaaaaaaaaa");
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.getByRole("cell", { name: "vpce-0aaaaaaaaaaaaaaaa", exact: true }).waitFor(WAIT);
    await page.getByRole("button", { name: "Unregister vpce-0aaaaaaaaaaaaaaaa" }).click();
    await page.getByText("Nothing registered.").waitFor(WAIT);

    await page.getByRole("tab", { name: "Objects" }).click();
    await page.getByRole("button", { name: "Reset…" }).click();
    await page.getByRole("button", { name: "Confirm reset" }).click();
    await notice(/Emulator reset/);
    await page.getByRole("heading", { name: "Project Browser project" }).waitFor({ state: "detached", ...WAIT });
    assert.equal(await page.locator(".card.service").count(), 0);
    assert.equal(await page.locator(".project").count(), 1, "the bootstrap project stays");
    assert.deepEqual(problems, [], "no page errors and no console errors");
  });
});
