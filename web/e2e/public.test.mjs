// The public pages: status lookup and permit verification (the demo's granted stay extension
// and its permit), the calculators and the statistics — axe and a screenshot in each language,
// hostile input answered with an error summary and never run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, watchForInjection, HOSTILE, assertNoServerError } from "./harness.mjs";

let server, browser, demo;
before(async () => {
  server = await startServer();
  browser = await launch();
  // The demo's decided case: its receipt and its permit's credential, read as its applicant.
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server, "demo-applicant");
  const list = await (await page.request.get(`${server.url}/api/v1/cases`)).json();
  for (const item of list.items ?? list) {
    const c = await (await page.request.get(`${server.url}/api/v1/cases/${item.id}`)).json();
    const permit = (c.issued ?? []).find((d) => d.credential && d.doc_type === "permit");
    if (c.state === "approved" && permit) { demo = { receipt: c.receipt, credential: permit.credential, number: permit.number }; break; }
  }
  assert.ok(demo, "the demo has an approved case with a permit");
});
after(async () => { await browser?.close(); await server?.stop(); });

test("a visitor looks up an application's status in each language", async () => {
  const page = await (await browser.newContext()).newPage();
  for (const lang of ["az", "en", "ru"]) {
    const r = await page.goto(`${server.url}/status?lang=${lang}`);
    assertNoServerError(r, "status form");
    await audit(page, `status-form-${lang}`);
    await page.fill("#receipt", demo.receipt);
    await page.fill("#birth_day", "4");
    await page.fill("#birth_month", "5");
    await page.fill("#birth_year", "1990");
    await Promise.all([page.waitForNavigation(), page.click("form[action='/status'] button[type=submit]")]);
    assert.equal(await page.getAttribute("#status-code", "data-status"), "approved");
    await audit(page, `status-found-${lang}`);
  }
  await page.goto(`${server.url}/status?lang=en`);
  await page.fill("#receipt", demo.receipt);
  await page.fill("#birth_day", "5");
  await page.fill("#birth_month", "5");
  await page.fill("#birth_year", "1990");
  await Promise.all([page.waitForNavigation(), page.click("form[action='/status'] button[type=submit]")]);
  assert.ok(await page.isVisible("#status-not-found"), "a wrong date finds nothing");
  await audit(page, "status-not-found-en");
});

test("the status lookup refuses bad input with an error summary", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  for (const value of HOSTILE) {
    await page.goto(`${server.url}/status?lang=en`);
    await page.fill("#receipt", value);
    await page.fill("#birth_day", value.slice(0, 50));
    const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action='/status'] button[type=submit]")]);
    assertNoServerError(r, `status with ${value.slice(0, 20)}`);
    assert.ok(await page.isVisible(".govuk-error-summary"), "an error summary is shown");
  }
  await audit(page, "status-errors-en");
  assert.deepEqual(hits, []);
});

test("a permit is verified as genuine, and a forgery is not, in each language", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  for (const lang of ["az", "en", "ru"]) {
    const r = await page.goto(`${server.url}/verify?lang=${lang}`);
    assertNoServerError(r, "verify form");
    assert.ok(await page.isVisible("#umis-scan-start"), "the camera button shows where a camera can be used");
    await audit(page, `verify-form-${lang}`);
    await page.fill("#credential", demo.credential);
    await Promise.all([page.waitForNavigation(), page.click("form[action='/verify'] button[type=submit]")]);
    assert.equal(await page.getAttribute("#verdict", "data-status"), "valid");
    assert.ok((await page.textContent("#claims")).includes(demo.number));
    await audit(page, `verify-valid-${lang}`);
  }
  const dot = demo.credential.indexOf(".") + 5;
  const forged = demo.credential.slice(0, dot) + (demo.credential[dot] === "A" ? "B" : "A") + demo.credential.slice(dot + 1);
  await page.goto(`${server.url}/verify?lang=en`);
  await page.fill("#credential", forged);
  await Promise.all([page.waitForNavigation(), page.click("form[action='/verify'] button[type=submit]")]);
  assert.notEqual(await page.getAttribute("#verdict", "data-status"), "valid");
  await audit(page, "verify-forged-en");
  for (const value of HOSTILE.filter((v) => v && v.length < 4096)) {
    await page.goto(`${server.url}/verify?lang=en`);
    await page.fill("#credential", value);
    const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action='/verify'] button[type=submit]")]);
    assertNoServerError(r, `verify with ${value.slice(0, 20)}`);
  }
  assert.deepEqual(hits, []);
});

test("the calculators and the statistics pass axe in each language", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  for (const lang of ["az", "en", "ru"]) {
    for (const [name, path] of [
      ["stay-calculator", "/stay-calculator"],
      ["stay-result", "/stay-calculator?pack=schengen&mode=control&date=2014-06-09&entry_0=2013-09-01&exit_0=2013-09-30&entry_1=2014-02-21&exit_1=2014-04-20&entry_2=2014-05-01&exit_2=2014-06-09"],
      ["stay-errors", "/stay-calculator?pack=az&mode=control&date=nope&entry_0=2026-03-10&exit_0=2026-03-01"],
      ["deadline", "/registration-deadline"],
      ["deadline-result", "/registration-deadline?arrival=2026-03-02"],
      ["statistics", "/statistics"],
    ]) {
      const r = await page.goto(`${server.url}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
      assertNoServerError(r, name);
      await audit(page, `${name}-${lang}`);
    }
  }
  await page.goto(`${server.url}/stay-calculator?lang=en`);
  await page.fill("#date", "2026-03-01");
  await page.fill("#nationality", "<script>alert('umis-injected')</script>".slice(0, 3));
  await Promise.all([page.waitForNavigation(), page.click("form[action='/stay-calculator'] button[type=submit]")]);
  assert.ok(await page.isVisible(".govuk-error-summary"));
  assert.deepEqual(hits, []);
});
