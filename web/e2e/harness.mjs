// The browser tests' harness: a fresh `umis demo` server per test file (SQLite in a temporary
// directory, demo data loaded), Debian's Chromium driven by playwright-core, axe-core for
// WCAG 2.2 A/AA, and a screenshot of every page checked, kept in web/e2e/artifacts/.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, "artifacts");
export const PASSWORD = "umis demo password 2026";
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** The umis binary under test: $UMIS_BIN, else the debug build in $CARGO_TARGET_DIR or ./target. */
export function umisBin() {
  if (process.env.UMIS_BIN) return process.env.UMIS_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(here, "..", "..", "target");
  return join(target, "debug", "umis");
}

/** Starts `umis demo` on a free port in a new directory; resolves when it listens. */
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "umis-e2e-"));
  const proc = spawn(umisBin(), ["demo", "--listen", "127.0.0.1:0"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`umis demo did not start:\n${log}`)), 180_000);
    const read = (chunk) => {
      log += chunk.toString();
      const m = log.match(/listening on (http:\/\/[0-9.:]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    proc.stdout.on("data", read);
    proc.stderr.on("data", read);
    proc.on("exit", (code) => { clearTimeout(timer); reject(new Error(`umis demo exited ${code}:\n${log}`)); });
  });
  proc.removeAllListeners("exit");
  return {
    url,
    dir,
    log: () => log,
    async stop() {
      proc.kill("SIGTERM");
      await new Promise((r) => setTimeout(r, 300));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless, with the flags a closed network needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"],
  });
}

const lastStep = new Map();

/** The current TOTP code of a demo account, waiting for a fresh 30-second step if this one was used. */
export async function totpCode(server, username) {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    if (lastStep.get(username) !== step) {
      const out = execFileSync(umisBin(), ["admin", "user", "totp-code", "--username", username], { cwd: server.dir }).toString();
      const code = out.trim().split(/\s+/)[0];
      // A code read at the very end of its step may be stale by the time it is typed.
      if (Math.floor(Date.now() / 30_000) === step) { lastStep.set(username, step); return code; }
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Signs `username` in through the portal's pages (with the TOTP code for staff). */
export async function signIn(page, server, username, lang = "en") {
  await page.goto(`${server.url}/sign-in?lang=${lang}`);
  await page.fill("#username", username);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForLoadState("load"), page.click("form[action='/sign-in'] button[type=submit]")]);
  if (new URL(page.url()).pathname === "/sign-in/code") {
    await page.fill("#code", await totpCode(server, username));
    await Promise.all([page.waitForLoadState("load"), page.click("form[action='/sign-in/code'] button[type=submit]")]);
  }
  assert.notEqual(new URL(page.url()).pathname, "/sign-in", `${username} signed in`);
}

/** Runs axe-core's WCAG 2.2 A/AA rules on the page and keeps a screenshot; fails on any violation. */
export async function audit(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join("\n  ")}`);
  assert.deepEqual(found, [], `axe violations on ${name} (${page.url()})`);
  return result;
}

/** Every script the page ran that it should not have: set by `watchForInjection`. */
export function watchForInjection(page) {
  const hits = [];
  page.on("dialog", async (d) => { hits.push(`dialog: ${d.message()}`); await d.dismiss(); });
  // Chromium's own warning about a refused value re-shown in a date field quotes the value; it
  // is not a script that ran.
  page.on("console", (m) => {
    const text = m.text();
    if (text.includes("umis-injected") && !/^The specified value .* does not conform/s.test(text)) hits.push(`console: ${text}`);
  });
  return hits;
}

/** Values every form is tried with: empty, overlong, wrong script, hostile. */
export const HOSTILE = [
  "",
  "x".repeat(5000),
  "Иванов Иван Иванович ქართული 漢字",
  "<script>alert('umis-injected')</script>",
  "\"><img src=x onerror=alert('umis-injected')>",
  "'; DROP TABLE cases; --",
  "' OR '1'='1",
];

/** Fails unless the answer is a page, not a server error. */
export function assertNoServerError(response, what) {
  assert.ok(response, `${what}: no response`);
  assert.ok(response.status() < 500, `${what}: server error ${response.status()}`);
}
