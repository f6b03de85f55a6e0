// The frame every page shares: start page, sign-in, account creation, languages, errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, watchForInjection, HOSTILE, assertNoServerError } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test("the start page in each language passes axe and switches language", async () => {
  const page = await (await browser.newContext()).newPage();
  for (const lang of ["az", "en", "ru"]) {
    const r = await page.goto(`${server.url}/?lang=${lang}`);
    assertNoServerError(r, "start page");
    assert.equal(await page.getAttribute("html", "lang"), lang);
    await audit(page, `start-${lang}`);
  }
  await page.click("a[hreflang=az]");
  assert.equal(await page.getAttribute("html", "lang"), "az");
  await page.goto(`${server.url}/sign-in`);
  assert.equal(await page.getAttribute("html", "lang"), "az", "the choice is remembered");
  await audit(page, "sign-in-az");
});

test("sign-in refuses bad input with an error summary, never a server error or a script", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  for (const value of HOSTILE) {
    await page.goto(`${server.url}/sign-in?lang=en`);
    await page.fill("#username", value);
    await page.fill("#password", value);
    const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action='/sign-in'] button[type=submit]")]);
    assertNoServerError(r, `sign-in with ${value.slice(0, 20)}`);
    assert.ok(await page.isVisible(".govuk-error-summary"), "an error summary is shown");
  }
  await audit(page, "sign-in-errors-en");
  assert.deepEqual(hits, []);
});

test("an officer signs in with a code and sees the office's pages; sign-out ends the session", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, server, "demo-officer", "ru");
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  await page.goto(`${server.url}/`);
  await audit(page, "home-officer-ru");
  await page.click("form[action='/sign-out'] button");
  const r = await page.goto(`${server.url}/office/queue`);
  assert.match(page.url(), /\/sign-in\?next=/);
  assertNoServerError(r, "after sign-out");
});

test("a new applicant creates an account", async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/account/new?lang=en`);
  await audit(page, "account-new-en");
  await page.check("#role");
  await page.fill("#display_name", "Ana Test");
  await page.fill("#username", `ana-${Date.now()}`);
  await page.fill("#password", "a long enough pass phrase for umis");
  await page.fill("#password_again", "a long enough pass phrase for umis");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/account/new'] button[type=submit]")]);
  assert.ok(await page.isVisible(".govuk-notification-banner--success"));
});
