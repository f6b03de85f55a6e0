// A host's registration journey: sign in, register a guest on one page, see the confirmation and
// the guest in the list; the guest-list upload page with its example; bad input never runs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launch, signIn, audit, watchForInjection, HOSTILE, assertNoServerError } from "./harness.mjs";

let server, browser, dir;
before(async () => {
  server = await startServer();
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), "umis-host-"));
  writeFileSync(join(dir, "passport.pdf"), "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
  writeFileSync(join(dir, "guests.txt"), Buffer.from([0xff, 0xfe, 0x73, 0, 0x75, 0, 0x72, 0]));
});
after(async () => { await browser?.close(); await server?.stop(); });

const iso = (d) => d.toISOString().slice(0, 10);

async function fillGuest(page, surname, number) {
  const today = new Date();
  await page.fill("#surname", surname);
  await page.fill("#given_names", "Anna");
  await page.fill("#date_of_birth", "1988-04-12");
  await page.check("#sex-F");
  await page.fill("#nationality", "RUS");
  await page.fill("#document_issuer", "RUS");
  await page.fill("#document_number", number);
  await page.fill("#arrival_date", iso(new Date(today.getTime() - 86400000)));
  await page.fill("#departure_date", iso(new Date(today.getTime() + 7 * 86400000)));
  await page.fill("#address", "Nizami küçəsi 10, Bakı");
  await page.check("#host_kind");
  await page.setInputFiles("#passport_copy", join(dir, "passport.pdf"));
}

test("a host registers a guest and sees them in the list, in az, en and ru", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-host", "en");
  const numbers = { az: "781234501", en: "781234502", ru: "781234503" };
  for (const lang of ["az", "en", "ru"]) {
    const r = await page.goto(`${server.url}/host/register?lang=${lang}`);
    assertNoServerError(r, "register page");
    await audit(page, `host-register-${lang}`);
    const started = Date.now();
    await fillGuest(page, `Ivanova${lang.toUpperCase()}`, numbers[lang]);
    const [done] = await Promise.all([page.waitForNavigation(), page.click("form[action='/host/register'] button[type=submit]")]);
    assertNoServerError(done, "register");
    assert.ok(await page.isVisible(".govuk-panel--confirmation"), "a confirmation panel");
    assert.match(await page.textContent("#registration-number"), /\S/);
    assert.ok(Date.now() - started < 60000, "under a minute");
    await audit(page, `host-registered-${lang}`);
    await page.goto(`${server.url}/host/guests?lang=${lang}`);
    assert.ok((await page.textContent("#guests")).includes(`Ivanova${lang.toUpperCase()} Anna`));
    await audit(page, `host-guests-${lang}`);
  }
  assert.deepEqual(hits, []);
});

test("the register form answers empty and hostile values with an error summary", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-host", "en");
  await page.goto(`${server.url}/host/register?lang=en`);
  const [r0] = await Promise.all([page.waitForNavigation(), page.click("form[action='/host/register'] button[type=submit]")]);
  assertNoServerError(r0, "empty form");
  assert.ok(await page.isVisible(".govuk-error-summary"));
  await audit(page, "host-register-errors-en");
  for (const value of HOSTILE) {
    await page.goto(`${server.url}/host/register?lang=ru`);
    await fillGuest(page, value, "78123450");
    await page.fill("#nationality", value.slice(0, 40));
    const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action='/host/register'] button[type=submit]")]);
    assertNoServerError(r, `register with ${value.slice(0, 20)}`);
    assert.ok(await page.isVisible(".govuk-error-summary"), "an error summary is shown");
  }
  await audit(page, "host-register-errors-ru");
  assert.deepEqual(hits, []);
});

test("the guest-list page documents its columns, offers an example and refuses a UTF-16 file", async () => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, server, "demo-host", "az");
  for (const lang of ["az", "en", "ru"]) {
    await page.goto(`${server.url}/host/upload?lang=${lang}`);
    await audit(page, `host-upload-${lang}`);
  }
  const example = await page.request.get(`${server.url}/host/upload/example.csv`);
  assert.equal(example.status(), 200);
  assert.match(await example.text(), /^surname,given_names/);
  await page.setInputFiles("#guests", join(dir, "guests.txt"));
  const [r] = await Promise.all([page.waitForNavigation(), page.click("form[action='/host/upload'] button[type=submit]")]);
  assertNoServerError(r, "utf-16 upload");
  assert.ok(await page.isVisible(".govuk-error-summary"));
  await audit(page, "host-upload-errors-ru");
});
