// The service counter: an operator checks a passport (with its machine-readable zone), opens an
// application for the person, takes the fee and opens the printable receipt, in az, en and ru.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, watchForInjection, HOSTILE, assertNoServerError } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** ICAO 9303 check digit. */
function checkDigit(field) {
  const value = (c) => (c === "<" ? 0 : /[0-9]/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...field].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3], 0) % 10);
}

/** A valid TD3 passport of a person, expiring in five years. */
function passport() {
  const expiry = new Date();
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 5);
  const y = expiry.getUTCFullYear(), m = expiry.getUTCMonth() + 1, d = expiry.getUTCDate();
  const yymmdd = `${String(y % 100).padStart(2, "0")}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}`;
  const number = "C07654321";
  const optional = "<".repeat(14);
  const body = `${number}${checkDigit(number)}AZE900327${checkDigit("900327")}F${yymmdd}${checkDigit(yymmdd)}${optional}${checkDigit(optional)}`;
  const composite = body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 43);
  return {
    fields: {
      "#issuing_state": "AZE", "#document_number": number, "#surname": "Məmmədova", "#given_names": "Leyla",
      "#nationality": "AZE", "#date_of_birth": "27", "#date_of_birth-month": "3", "#date_of_birth-year": "1990",
      "#expiry": String(d), "#expiry-month": String(m), "#expiry-year": String(y),
      "#mrz_line1": "P<AZEMAMMADOVA<<LEYLA".padEnd(44, "<"), "#mrz_line2": body + checkDigit(composite),
    },
  };
}

async function fillPassport(page, fields) {
  await page.check("#document_code");
  for (const [sel, value] of Object.entries(fields)) await page.fill(sel, value);
  await page.check("#sex-F");
  await page.check("#photo_compared");
}

async function submit(page, action) {
  const [r] = await Promise.all([page.waitForNavigation(), page.click(`form[action='${action}'] button[type=submit]`)]);
  assertNoServerError(r, action);
  return r;
}

for (const lang of ["az", "en", "ru"]) {
  test(`an operator checks a passport, files, takes the fee and prints the receipt (${lang})`, async () => {
    const page = await (await browser.newContext()).newPage();
    const hits = watchForInjection(page);
    await signIn(page, server, "demo-operator", lang);
    assertNoServerError(await page.goto(`${server.url}/counter?lang=${lang}`), "desk");
    await audit(page, `counter-desk-${lang}`);
    await Promise.all([page.waitForNavigation(), page.click("a[href='/counter/identity']")]);
    await audit(page, `counter-identity-${lang}`);

    await submit(page, "/counter/identity");
    assert.ok(await page.isVisible(".govuk-error-summary"), "an empty form is refused");
    await audit(page, `counter-identity-errors-${lang}`);

    const { fields } = passport();
    // A mistyped zone (two digits of the number swapped) is caught by the check digits.
    await fillPassport(page, { ...fields, "#mrz_line2": fields["#mrz_line2"].replace("C0765", "C0756") });
    await submit(page, "/counter/identity");
    assert.ok(await page.isVisible("a[href='#mrz_line2']"), "the typo is named");

    await fillPassport(page, fields);
    await submit(page, "/counter/identity");
    assert.ok(await page.isVisible("form[action='/counter/file']"), "the service question follows");
    await audit(page, `counter-service-${lang}`);
    await page.check("input[name=service][value='stay_extension:standard']");
    await submit(page, "/counter/file");
    const id = new URL(page.url()).pathname.match(/^\/applications\/([0-9a-f]{32})$/)?.[1];
    assert.ok(id, `filed: ${page.url()}`);

    assertNoServerError(await page.goto(`${server.url}/counter?lang=${lang}`), "desk");
    assert.ok(await page.isVisible(`a[href='/counter/cases/${id}/fee']`), "the desk lists it");
    await audit(page, `counter-desk-with-case-${lang}`);
    await page.click(`a[href='/counter/cases/${id}/fee']`);
    await page.waitForLoadState("load");
    await audit(page, `counter-fee-${lang}`);
    await page.fill("#amount", "29.99");
    await page.check("#method-card");
    await page.fill("#reference", `POS-${Date.now()}-${lang}`);
    await submit(page, `/counter/cases/${id}/fee`);
    assert.ok(await page.isVisible("a[href='#amount']"), "a wrong amount is refused");
    await audit(page, `counter-fee-errors-${lang}`);
    await page.fill("#amount", "30.00");
    await submit(page, `/counter/cases/${id}/fee`);
    assert.match(page.url(), new RegExp(`/counter/cases/${id}/receipt\\?taken=1`));
    assert.ok(await page.isVisible(".govuk-notification-banner--success"));
    await audit(page, `counter-receipt-${lang}`);
    await page.emulateMedia({ media: "print" });
    assert.ok(!(await page.isVisible("header.govuk-header")), "the printout leaves the header off");
    await page.screenshot({ path: `e2e/artifacts/counter-receipt-print-${lang}.png`, fullPage: true });
    assert.deepEqual(hits, []);
  });
}

test("every identity and fee field answers hostile values with an error summary", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-operator", "en");
  const { fields } = passport();
  for (const field of ["#issuing_state", "#document_number", "#surname", "#given_names", "#nationality", "#date_of_birth-year", "#mrz_line1", "#mrz_line2"]) {
    for (const value of HOSTILE) {
      assertNoServerError(await page.goto(`${server.url}/counter/identity?lang=en`), "identity");
      await fillPassport(page, { ...fields, [field]: value });
      await submit(page, "/counter/identity");
      assert.ok(await page.isVisible(".govuk-error-summary"), `${field}=${value.slice(0, 20)} refused`);
    }
  }
  await audit(page, "counter-identity-hostile-en");
  assert.deepEqual(hits, []);
});
