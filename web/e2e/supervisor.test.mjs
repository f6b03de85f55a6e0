// The supervisor's dashboard for demo-supervisor: axe and a screenshot in each language.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, assertNoServerError } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("the supervisor's dashboard passes axe in each language", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server, "demo-supervisor");
  for (const lang of ["az", "en", "ru"]) {
    const r = await page.goto(`${server.url}/office/dashboard?lang=${lang}`);
    assertNoServerError(r, "dashboard");
    assert.equal(r.status(), 200);
    assert.ok(await page.isVisible("#by-state"));
    assert.ok(await page.isVisible("svg.umis-chart"));
    await audit(page, `supervisor-dashboard-${lang}`);
  }
});

test("an officer is refused the dashboard", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server, "demo-officer");
  const r = await page.goto(`${server.url}/office/dashboard?lang=en`);
  assert.equal(r.status(), 403);
});
