// The officers' pages: the work queue and the case page in three languages, an officer's
// four-eyes decision taken in the browser by two officers, and the revocation form under
// hostile input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, watchForInjection, HOSTILE, assertNoServerError } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** Submits the case page's form for `action` and waits for the next page. */
async function step(page, action) {
  const [r] = await Promise.all([
    page.waitForNavigation(),
    page.click(`form:has(input[name=action][value=${action}]) button[type=submit]`),
  ]);
  assertNoServerError(r, action);
  return r;
}

/** The case page in `lang`. */
async function open(page, path, lang) {
  const r = await page.goto(`${server.url}${path}?lang=${lang}`);
  assertNoServerError(r, `${path} in ${lang}`);
  assert.equal(r.status(), 200, `${path} in ${lang}`);
}

test("an officer's four-eyes decision", async () => {
  const first = await (await browser.newContext()).newPage();
  const hits = watchForInjection(first);
  await signIn(first, server, "demo-officer", "en");
  for (const lang of ["az", "en", "ru"]) {
    await open(first, "/office/queue", lang);
    await audit(first, `officer-queue-${lang}`);
  }

  // The demo's new work-permit application, found through the queue's filter.
  await first.goto(`${server.url}/office/queue?lang=en&service=work_permit&state=submitted`);
  await Promise.all([first.waitForNavigation(), first.click("table.govuk-table tbody a")]);
  const path = new URL(first.url()).pathname;
  assert.match(path, /^\/office\/cases\/[0-9a-f]+$/);
  for (const lang of ["az", "en", "ru"]) {
    await open(first, path, lang);
    await audit(first, `officer-case-${lang}`);
  }

  await open(first, path, "en");
  await step(first, "accept");
  assert.match(await first.textContent(".govuk-notification-banner--success"), /accepted/);
  await step(first, "assign");
  await step(first, "start_review");

  // A refusal without grounds is refused with an error summary.
  await first.check("#decision-refuse");
  await step(first, "propose");
  assert.ok(await first.isVisible(".govuk-error-summary"));
  assert.match(await first.textContent(".govuk-error-summary"), /legal grounds/);
  await audit(first, "officer-case-errors-en");

  await first.check("#decision");
  await step(first, "propose");
  assert.match(await first.textContent(".govuk-notification-banner--success"), /second officer/);
  assert.match(await first.textContent("h1 + p .govuk-tag"), /Decision proposed/);

  // The proposer cannot confirm their own proposal.
  await step(first, "confirm");
  assert.match(await first.textContent(".govuk-error-summary"), /another officer must confirm/);

  // The second officer, in another browser context, confirms.
  const second = await (await browser.newContext()).newPage();
  hits.push(...watchForInjection(second));
  await signIn(second, server, "demo-officer2", "en");
  await open(second, path, "en");
  assert.ok(!(await second.isVisible(".govuk-inset-text")), "the second officer did not propose");
  await step(second, "confirm");
  assert.match(await second.textContent(".govuk-notification-banner--success"), /confirmed/);
  // A work permit's duty is paid after the decision (review 2026-12 X1).
  assert.match(await second.textContent("h1 + p .govuk-tag"), /Awaiting payment/);
  await audit(second, "officer-case-decided-en");
  assert.deepEqual(hits, []);
});

test("cancelling a permit asks for coded grounds and a check; hostile notes stay text", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-officer", "en");
  // The demo's granted stay extension has a permit in force.
  await page.goto(`${server.url}/office/queue?lang=en&state=approved`);
  let link = null;
  for (const a of await page.$$("table.govuk-table tbody a")) {
    const href = await a.getAttribute("href");
    await page.goto(`${server.url}${href}?lang=en`);
    link = await page.$("a[href^='/office/issued/']");
    if (link) break;
    await page.goto(`${server.url}/office/queue?lang=en&state=approved`);
  }
  assert.ok(link, "a case with an issued document");
  const revoke = await link.getAttribute("href");
  for (const lang of ["az", "en", "ru"]) {
    await open(page, revoke, lang);
    await audit(page, `officer-revoke-${lang}`);
  }
  for (const value of HOSTILE) {
    await page.goto(`${server.url}${revoke}?lang=en`);
    // The first coded ground is ticked; the hostile value is the note that adds to it.
    await page.check("#grounds");
    await page.fill("#reason", value);
    const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action$='/revoke'] button[type=submit]")]);
    assertNoServerError(r, `revoke with ${value.slice(0, 20)}`);
    if (value.length > 1000) {
      assert.ok(await page.isVisible(".govuk-error-summary"), "an error summary is shown");
    } else {
      // The check step shows the note as text and asks to propose the cancellation.
      assert.ok((await page.textContent("main")).includes(value.trim()));
      assert.ok(await page.isVisible("button.govuk-button--warning"));
    }
  }
  await audit(page, "officer-revoke-check-en");
  assert.deepEqual(hits, []);
});
