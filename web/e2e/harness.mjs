// The browser tests' harness: one `umis demo` server per run shared by every test file (SQLite
// in a temporary directory, demo data loaded; started by scripts/browser-tests.sh, or by the
// file itself when run alone), staff codes computed for the server's test clock, Debian's
// Chromium driven by playwright-core, axe-core for WCAG 2.2 A/AA, and a screenshot of every
// page checked, kept in web/e2e/artifacts/.
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

/**
 * The server under test. scripts/browser-tests.sh starts one `umis demo --test-clock` for the
 * whole run and names it in UMIS_E2E_URL, UMIS_E2E_DIR (its working directory), UMIS_E2E_LOG
 * (its output) and UMIS_E2E_PID; every test file then shares it, and `stop` leaves it running.
 * A file run on its own (`node --test e2e/x.test.mjs`) starts its own in a new directory.
 */
export async function startServer() {
  const { UMIS_E2E_URL: url, UMIS_E2E_DIR: dir, UMIS_E2E_LOG: logFile, UMIS_E2E_PID: pid } = process.env;
  if (url && dir && logFile && pid) {
    return { url, dir, pid: Number(pid), log: () => readFileSync(logFile, "utf8"), async stop() {} };
  }
  return ownServer();
}

async function ownServer() {
  const dir = mkdtempSync(join(tmpdir(), "umis-e2e-"));
  const proc = spawn(umisBin(), ["demo", "--listen", "127.0.0.1:0", "--test-clock"], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
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
    pid: proc.pid,
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

const STEP_SECONDS = 30;

/** RFC 4648 base32 (no padding) to bytes. */
function base32(text) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const out = [];
  let value = 0;
  let bits = 0;
  for (const c of text) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 0xff); bits -= 8; }
  }
  return Buffer.from(out);
}

/** The RFC 6238 code (SHA-1, six digits) of `secret` for TOTP step `step`. */
function codeFor(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const d = createHmac("sha1", secret).update(counter).digest();
  const word = d.readUInt32BE(d[19] & 0x0f) & 0x7fffffff;
  return String(word % 1_000_000).padStart(6, "0");
}

/** How far the server's test clock has been moved, in seconds (its last `test clock:` line). */
function clockOffset(server) {
  const moves = [...server.log().matchAll(/^test clock: \+(\d+) s$/gm)];
  return moves.length ? Number(moves[moves.length - 1][1]) : 0;
}

/** Moves the server's clock on by `steps` TOTP steps (SIGUSR1 each), waiting until it has. */
async function advanceClock(server, steps) {
  const target = clockOffset(server) + steps * STEP_SECONDS;
  for (let i = 0; i < steps; i++) process.kill(server.pid, "SIGUSR1");
  for (let waited = 0; clockOffset(server) < target; waited += 20) {
    assert.ok(waited < 10_000, "the server's test clock did not move");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A TOTP code of a demo account that the server accepts now, without waiting for a new step:
 * the step after the last one used (the server takes one step either side of its own), and
 * when that is further ahead, the server's test clock is moved on to it. Each code is used
 * once, as the server demands; the steps used are kept next to the server, as every test
 * file signs in to the same one.
 */
export async function totpCode(server, username) {
  const line = server.log().split("\n").find((l) => l.trim().startsWith(`${username} `) && l.includes("TOTP secret"));
  assert.ok(line, `the demo lists the TOTP secret of ${username}`);
  const secret = base32(line.trim().split(/\s+/).pop());
  const stepsFile = join(server.dir, "e2e-totp-steps.json");
  const used = existsSync(stepsFile) ? JSON.parse(readFileSync(stepsFile, "utf8")) : {};
  const now = Math.floor((Date.now() / 1000 + clockOffset(server)) / STEP_SECONDS);
  const step = Math.max(now, (used[username] ?? 0) + 1);
  if (step > now + 1) await advanceClock(server, step - now - 1);
  used[username] = step;
  writeFileSync(stepsFile, JSON.stringify(used));
  return codeFor(secret, step);
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
