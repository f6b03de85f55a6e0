// Every form of the portal, tried with empty, overlong, wrong-script and hostile values: the
// pages are found by following the portal's own links as each kind of visitor, not listed here,
// so pages added later are swept too. A violation is a server error, a script that ran or
// injected markup that reached the page, or a refusal that does not say why.
// By default (CI) each kind of form is tried once, with a sample of the values (the ones forms
// refuse first and the injections) in one round; FULL=1 (scripts/bench-browser-sweep.sh)
// tries every value in two rounds.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn } from "./harness.mjs";
import { crawl, sweep, VALUES, SAMPLE_VALUES } from "./sweep-lib.mjs";

/** Who sweeps, in order: the anonymous visitor last (its sign-in attempts must not lock others out). */
const ROLES = ["demo-applicant", "demo-host", "demo-employer", "demo-operator", "demo-officer", "demo-supervisor", null];
const FULL = process.env.FULL === "1";
const MAX_PAGES = Number(process.env.SWEEP_MAX_PAGES || 40);
const ROUNDS = Number(process.env.SWEEP_ROUNDS || (FULL ? 2 : 1));
const MAX_SUBMISSIONS = Number(process.env.SWEEP_MAX_SUBMISSIONS || 250);
const FILE_NAME = "\"><img src=x onerror=alert('umis-injected')>'; DROP TABLE uploads; --\u202Efdp.exe";

let server, browser;
const perFormKey = new Map();
const summary = [];
const findings = [];
let logSeen = 0;
before(async () => {
  server = await startServer();
  browser = await launch();
  // The server may be shared with the files before this one: only what the sweep causes counts.
  logSeen = server.log().length;
});
after(async () => {
  await browser?.close();
  console.log(`\nhostile-input sweep\n${"who".padEnd(18)} pages  forms  submissions  seconds`);
  for (const s of summary) console.log(`${s.who.padEnd(18)} ${String(s.pages).padStart(5)}  ${String(s.forms).padStart(5)}  ${String(s.submissions).padStart(11)}  ${String(s.seconds).padStart(7)}`);
  const t = summary.reduce((a, s) => ({ pages: a.pages + s.pages, forms: a.forms + s.forms, submissions: a.submissions + s.submissions }), { pages: 0, forms: 0, submissions: 0 });
  if (findings.length) console.log(`\nrefusals without a page (not failures):\n${findings.join("\n")}`);
  console.log(`${"all".padEnd(18)} ${String(t.pages).padStart(5)}  ${String(t.forms).padStart(5)}  ${String(t.submissions).padStart(11)}`);
  await server?.stop();
});

for (const role of ROLES) {
  const who = role || "anonymous";
  test(`every form ${who} can reach refuses hostile values with an error summary`, async () => {
    const started = Date.now();
    const violations = [];
    const lines = [];
    const context = await browser.newContext();
    const page = await context.newPage();
    if (role) await signIn(page, server, role, "en");
    else await page.goto(`${server.url}/?lang=en`);
    // Rounds: what one round's submissions create (drafts, cases) is found and swept by the next.
    const totals = { pages: 0, forms: 0, submissions: 0, skipped: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      const pages = await crawl(page, server, { maxPages: MAX_PAGES, violations, who });
      const stats = await sweep(context, pages, {
        violations, findings, who, perFormKey, maxSubmissions: MAX_SUBMISSIONS - totals.submissions, fileName: FILE_NAME,
        values: FULL ? VALUES : SAMPLE_VALUES, log: (l) => lines.push(l),
      });
      totals.pages = Math.max(totals.pages, pages.length);
      totals.forms += stats.forms;
      totals.submissions += stats.submissions;
      totals.skipped.push(...stats.skipped);
      if (!stats.forms) break;
    }
    await context.close();
    const log = server.log();
    const panics = log.slice(logSeen).split("\n").filter((l) => /panicked|internal error/i.test(l));
    logSeen = log.length;
    if (panics.length) violations.push(`${who}: the server logged: ${panics.slice(0, 5).join(" | ")}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    summary.push({ who, pages: totals.pages, forms: totals.forms, submissions: totals.submissions, seconds });
    console.log(`${who}: ${totals.pages} pages, ${totals.forms} forms, ${totals.submissions} submissions, ${seconds} s\n${lines.join("\n")}`);
    if (totals.skipped.length) console.log(`  not swept to the end: ${[...new Set(totals.skipped)].join("; ")}`);
    assert.ok(totals.pages > 0, `${who}: the crawl found pages`);
    if (violations.length) assert.fail(`${who}: ${violations.length} violations:\n${violations.join("\n")}`);
  });
}
