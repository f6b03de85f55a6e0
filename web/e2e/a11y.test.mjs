// Accessibility of every page, not only the journeys' pages: for each kind of visitor the
// portal's own links are followed (one page of each shape), and axe-core's WCAG 2.2 A and AA
// rules run on every page found, in Azerbaijani, English and Russian. Zero violations allowed.
// That is 720 checks: by default (CI) each kind of page (its shape) is checked once, for the
// first visitor who reaches it, in one language (taking turns, so all three are seen); FULL=1
// (scripts/bench-browser-sweep.sh) checks every page of every visitor in all three.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { AxeBuilder } from "@axe-core/playwright";
import { startServer, launch, signIn, WCAG_TAGS } from "./harness.mjs";
import { crawl, shape } from "./sweep-lib.mjs";

const ROLES = [null, "demo-applicant", "demo-host", "demo-employer", "demo-operator", "demo-officer", "demo-supervisor", "demo-appeal-board", "demo-border-officer"];
const MAX_PAGES = Number(process.env.A11Y_MAX_PAGES || 30);
const LANGS = ["az", "en", "ru"];
const FULL = process.env.FULL === "1";
/** The shapes of the pages checked so far, when sampling. */
const checked = new Set();

let server, browser;
const totals = [];
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => {
  await browser?.close();
  await server?.stop();
  console.log(`\naxe over every page${FULL ? "" : " (a sample: FULL=1 for all)"}\n${totals.map((t) => `${t.who.padEnd(22)} ${String(t.pages).padStart(3)} pages: ${t.checks} checks, ${t.violations} violations`).join("\n")}`);
});

for (const role of ROLES) {
  const who = role || "anonymous";
  test(`every page ${who} can reach has no WCAG 2.2 A/AA violation in az, en and ru`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (role) await signIn(page, server, role, "en");
    const crawlProblems = [];
    const pages = await crawl(page, server, { maxPages: MAX_PAGES, perShape: 1, violations: crawlProblems, who });
    const found = [];
    let checks = 0;
    for (const p of pages) {
      const s = shape(p.url);
      if (!FULL && checked.has(s)) continue;
      checked.add(s);
      for (const lang of FULL ? LANGS : [LANGS[checked.size % LANGS.length]]) {
        const url = new URL(p.url);
        url.searchParams.set("lang", lang);
        const r = await page.goto(url.toString(), { waitUntil: "load" });
        if (!r || !(r.headers()["content-type"] || "").includes("text/html")) continue;
        checks += 1;
        const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
        for (const v of result.violations) {
          found.push(`${url.pathname} [${lang}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
        }
      }
    }
    await context.close();
    totals.push({ who, pages: pages.length, checks, violations: found.length });
    assert.ok(pages.length > 0, `${who}: the crawl found pages`);
    assert.deepEqual([...crawlProblems, ...found], [], `${who}: accessibility`);
  });
}
