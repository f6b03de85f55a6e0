// Stay control in the browser: the findings queue with its filters, the traveller search across
// scripts (a Latin name from the queue searched for in Cyrillic), the traveller's file, resolving
// a finding with a note, the border officer's read-only view, hostile values in every field, and
// axe with a screenshot of the queue, the search results and the traveller's file in az, en, ru.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer, launch, signIn, audit, watchForInjection, assertNoServerError, HOSTILE,
} from "./harness.mjs";

const LANGS = ["az", "en", "ru"];

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** The traveller found by the officer's journey, for the border officer's test. */
let chosen = null;

// Latin → Cyrillic the way a Russian clerk would write a name heard or read off a Latin line.
const DIGRAPHS = [["SHCH", "Щ"], ["SH", "Ш"], ["CH", "Ч"], ["ZH", "Ж"], ["KH", "Х"], ["TS", "Ц"], ["YA", "Я"], ["YU", "Ю"]];
const LETTERS = {
  A: "А", B: "Б", C: "Ц", D: "Д", E: "Е", F: "Ф", G: "Г", H: "Х", I: "И", J: "ДЖ", K: "К", L: "Л", M: "М",
  N: "Н", O: "О", P: "П", Q: "К", R: "Р", S: "С", T: "Т", U: "У", V: "В", W: "В", X: "КС", Y: "Й", Z: "З",
};

/** `KAPANADZE NIKOLOZ` → `Капанадзе Николоз`. */
function toCyrillic(latin) {
  return latin.split(/\s+/).map((word) => {
    let out = "";
    for (let i = 0; i < word.length;) {
      const d = DIGRAPHS.find(([from]) => word.startsWith(from, i));
      if (d) { out += d[1]; i += d[0].length; continue; }
      out += LETTERS[word[i]] ?? word[i];
      i += 1;
    }
    return out.charAt(0) + out.slice(1).toLowerCase();
  }).join(" ");
}

test("the Latin→Cyrillic map of this test", () => {
  assert.equal(toCyrillic("KAPANADZE NIKOLOZ"), "Капанадзе Николоз");
  assert.equal(toCyrillic("SHEVCHENKO"), "Шевченко");
  assert.equal(toCyrillic("KHAN JAMAL"), "Хан Джамал");
});

/** The rows of the findings queue as shown: link, name, document, kind and status text. */
async function queueRows(page) {
  return page.$$eval("table.govuk-table tbody tr", (rows) => rows.map((tr) => {
    const a = tr.querySelector("td a");
    const cells = [...tr.querySelectorAll("td")].map((td) => td.innerText.trim());
    return {
      href: a.getAttribute("href"),
      name: (a.childNodes[0]?.nodeType === Node.TEXT_NODE ? a.childNodes[0].textContent : "").trim(),
      document: a.querySelector("span.govuk-body-s")?.textContent.trim() ?? a.textContent.trim(),
      kind: cells[1],
      status: cells[4],
    };
  }));
}

/** Submits the form the button is in and returns the main document's answer. */
async function submit(page, button) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(button)]);
  return response;
}

async function searchByName(page, name, lang = "en") {
  await page.goto(`${server.url}/office/travellers?lang=${lang}`);
  await page.fill("#name", name);
  return submit(page, "main form[action='/office/travellers'] button[type=submit]");
}

test("an officer filters the queue, finds a traveller by a Cyrillic spelling and resolves a finding", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-officer");

  // The queue, audited in each language.
  for (const lang of LANGS) {
    const r = await page.goto(`${server.url}/office/findings?lang=${lang}`);
    assertNoServerError(r, "queue");
    assert.equal(r.status(), 200);
    assert.ok(await page.isVisible("table.govuk-table"), "the queue lists findings");
    await audit(page, `control-queue-${lang}`);
  }

  // Filters: open overstays only.
  await page.goto(`${server.url}/office/findings?lang=en`);
  await page.selectOption("#kind", "overstay");
  await page.selectOption("#status", "open");
  const filtered = await submit(page, "form[action='/office/findings'] button[type=submit]");
  assert.equal(filtered.status(), 200);
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("kind"), "overstay");
  assert.equal(url.searchParams.get("status"), "open");
  assert.equal(await page.inputValue("#kind"), "overstay", "the filter keeps its choice");
  const rows = await queueRows(page);
  assert.ok(rows.length > 0, "the demo data has open overstays");
  for (const row of rows) {
    assert.equal(row.kind, "Overstay");
    assert.equal(row.status, "Open");
  }
  await audit(page, "control-queue-overstay-open-en");

  // Resolved findings only: none of them carries the "Open" tag.
  await page.selectOption("#status", "resolved");
  assertNoServerError(await submit(page, "form[action='/office/findings'] button[type=submit]"), "resolved filter");
  for (const row of await queueRows(page).catch(() => [])) assert.notEqual(row.status, "Open");

  // A traveller whose name is plain Latin letters, searched for in Cyrillic.
  const candidate = rows.find((r) => /^[A-Z]{4,}( [A-Z]+)+$/.test(r.name));
  assert.ok(candidate, `a plain Latin name among ${rows.map((r) => r.name).join(", ")}`);
  const cyrillic = toCyrillic(candidate.name);
  assert.match(cyrillic, /^[А-ЯЁа-яё ]+$/);
  for (const lang of LANGS) {
    const r = await searchByName(page, cyrillic, lang);
    assertNoServerError(r, "search");
    assert.equal(r.status(), 200);
    assert.equal(await page.inputValue("#name"), cyrillic, "the query is kept in the box");
    const found = await page.$$eval("table.govuk-table tbody td a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(found.includes(candidate.href), `${cyrillic} finds ${candidate.name} (${candidate.href}) in ${lang}: ${found.join(", ")}`);
    await audit(page, `control-search-results-${lang}`);
  }
  chosen = { ...candidate, cyrillic };

  // The traveller's file, audited in each language.
  await Promise.all([page.waitForNavigation(), page.click(`table.govuk-table tbody a[href='${candidate.href}']`)]);
  assert.equal(new URL(page.url()).pathname, candidate.href);
  for (const lang of LANGS) {
    const r = await page.goto(`${server.url}${candidate.href}?lang=${lang}`);
    assertNoServerError(r, "traveller");
    assert.equal(r.status(), 200);
    assert.equal((await page.textContent("h1")).trim(), candidate.name);
    assert.ok(await page.isVisible("form[action$='/resolve']"), "an open finding has a resolve form");
    await audit(page, `control-traveller-${lang}`);
  }

  // Resolve the first open finding with a note.
  await page.goto(`${server.url}${candidate.href}?lang=en`);
  const before = await page.locator("form[action$='/resolve']").count();
  const form = page.locator("form[action$='/resolve']").first();
  const action = await form.getAttribute("action");
  const note = "Fine 2026/0412 paid at the Baku office; receipt seen.";
  await form.locator("input[value='fined']").check();
  await form.locator("textarea[name=note]").fill(note);
  const done = await submit(page, `form[action='${action}'] button[type=submit]`);
  assert.equal(done.status(), 200);
  const after = new URL(page.url());
  assert.equal(after.pathname, candidate.href);
  assert.equal(after.searchParams.get("resolved"), "1");
  assert.ok(await page.isVisible(".govuk-notification-banner--success"), "the success banner");
  assert.equal(await page.locator("form[action$='/resolve']").count(), before - 1, "one form fewer");
  assert.ok(await page.locator(`form[action='${action}']`).count() === 0, "the resolved finding has no form");
  assert.ok((await page.locator(".govuk-inset-text").allInnerTexts()).some((t) => t.includes(note)), "the note is shown");
  assert.ok((await page.locator(".govuk-summary-card strong.govuk-tag").allInnerTexts()).includes("Fined"));
  await audit(page, "control-traveller-resolved-en");

  // The queue of resolved findings lists the traveller.
  await page.goto(`${server.url}/office/findings?kind=any&status=resolved&lang=en`);
  assert.ok((await queueRows(page)).some((r) => r.href === candidate.href && r.status === "Fined"));

  assert.deepEqual(hits, []);
});

test("hostile values in the search box answer with a page, an error summary where refused, and run nothing", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-officer");
  for (const field of ["name", "document_number", "issuing_state"]) {
    for (const value of HOSTILE) {
      await page.goto(`${server.url}/office/travellers?lang=en`);
      if (field === "issuing_state") await page.fill("#document_number", "P1234567");
      await page.fill(`#${field}`, value);
      const r = await submit(page, "main form[action='/office/travellers'] button[type=submit]");
      const what = `${field}=${JSON.stringify(value.slice(0, 40))}`;
      assertNoServerError(r, what);
      assert.ok([200, 422].includes(r.status()), `${what}: ${r.status()}`);
      if (r.status() === 422) {
        assert.ok(await page.isVisible(".govuk-error-summary"), `${what}: error summary`);
        assert.ok(await page.isVisible(".govuk-error-message"), `${what}: message by the field`);
        for (const link of await page.$$eval(".govuk-error-summary a", (as) => as.map((a) => a.getAttribute("href")))) {
          assert.equal(await page.locator(link).count(), 1, `${what}: ${link} is a field of the page`);
        }
      } else {
        assert.ok(await page.isVisible("main h2.govuk-heading-m"), `${what}: a results heading`);
        assert.equal(await page.inputValue(`#${field}`), value, `${what}: the value is kept as typed`);
      }
      assert.equal(await page.locator("img[src='x']").count(), 0, `${what}: no injected element`);
    }
  }
  // The refused page (nothing to search for) passes axe in each language too.
  for (const lang of LANGS) {
    const r = await page.goto(`${server.url}/office/travellers?name=&document_number=&lang=${lang}`);
    assert.equal(r.status(), 422);
    assert.ok(await page.isVisible(".govuk-error-summary"));
    await audit(page, `control-search-refused-${lang}`);
  }
  assert.deepEqual(hits, []);
});

/** The path of a traveller with an open finding, from the queue, other than `skip`. */
async function travellerWithOpenFinding(page, skip) {
  await page.goto(`${server.url}/office/findings?kind=any&status=open&lang=en`);
  const row = (await queueRows(page)).find((r) => !skip.has(r.href));
  assert.ok(row, "an open finding is left");
  return row.href;
}

test("hostile resolve notes are refused with an error summary or stored as plain text", async () => {
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-officer");
  const done = new Set();
  let href = await travellerWithOpenFinding(page, done);

  // No resolution chosen.
  await page.goto(`${server.url}${href}?lang=en`);
  let action = await page.locator("form[action$='/resolve']").first().getAttribute("action");
  await page.locator(`form[action='${action}'] textarea[name=note]`).fill("checked");
  let r = await submit(page, `form[action='${action}'] button[type=submit]`);
  assert.equal(r.status(), 422);
  assert.ok(await page.isVisible(".govuk-error-summary"));
  assert.ok(await page.isVisible(`form[action='${action}'] .govuk-form-group--error .govuk-radios`));
  assert.equal(await page.inputValue(`form[action='${action}'] textarea[name=note]`), "checked", "the note is kept");
  await audit(page, "control-resolve-refused-en");

  for (const value of HOSTILE) {
    const what = `note=${JSON.stringify(value.slice(0, 40))}`;
    await page.goto(`${server.url}${href}?lang=en`);
    if (await page.locator("form[action$='/resolve']").count() === 0) {
      done.add(href);
      href = await travellerWithOpenFinding(page, done);
      await page.goto(`${server.url}${href}?lang=en`);
    }
    action = await page.locator("form[action$='/resolve']").first().getAttribute("action");
    await page.locator(`form[action='${action}'] input[value='no_action']`).check();
    await page.locator(`form[action='${action}'] textarea[name=note]`).fill(value);
    r = await submit(page, `form[action='${action}'] button[type=submit]`);
    assertNoServerError(r, what);
    const refused = value.trim() === "" || value.length > 1000;
    if (refused) {
      assert.equal(r.status(), 422, what);
      assert.ok(await page.isVisible(".govuk-error-summary"), `${what}: error summary`);
      const link = await page.getAttribute(".govuk-error-summary a", "href");
      assert.match(link, /^#note-\d+$/, `${what}: the summary links to the note`);
      assert.ok(await page.isVisible(link), `${what}: the linked field is on the page`);
      assert.ok(await page.isVisible(`${link}.govuk-textarea--error`), `${what}: the note is marked`);
      assert.ok(await page.isChecked(`form[action='${action}'] input[value='no_action']`), `${what}: the choice is kept`);
    } else {
      assert.equal(r.status(), 200, what);
      assert.equal(new URL(page.url()).searchParams.get("resolved"), "1", what);
      const notes = await page.locator(".govuk-inset-text").allInnerTexts();
      assert.ok(notes.some((t) => t.includes(value)), `${what}: stored and shown as text`);
    }
    assert.equal(await page.locator("img[src='x']").count(), 0, `${what}: no injected element`);
    assert.equal(await page.locator("main script").count(), 0, `${what}: no script element in the page`);
  }
  await audit(page, "control-resolve-hostile-en");
  assert.deepEqual(hits, []);
});

test("a border officer searches and reads a traveller's file but has no resolve form and no queue", async () => {
  assert.ok(chosen, "the officer's journey found a traveller");
  const page = await (await browser.newContext()).newPage();
  const hits = watchForInjection(page);
  await signIn(page, server, "demo-border-officer");

  const q = await page.goto(`${server.url}/office/findings?lang=en`);
  assert.equal(q.status(), 403, "the queue is for office staff");

  const [state, number] = chosen.document.split(" ");
  await page.goto(`${server.url}/office/travellers?lang=en`);
  await page.fill("#document_number", number);
  await page.fill("#issuing_state", state);
  const r = await submit(page, "main form[action='/office/travellers'] button[type=submit]");
  assert.equal(r.status(), 200);
  const found = await page.$$eval("table.govuk-table tbody td a", (as) => as.map((a) => a.getAttribute("href")));
  assert.deepEqual(found, [chosen.href], "a document search finds exactly that traveller");

  const byName = await searchByName(page, chosen.cyrillic);
  assert.equal(byName.status(), 200);
  assert.ok(await page.locator(`table.govuk-table tbody a[href='${chosen.href}']`).count() === 1);

  await Promise.all([page.waitForNavigation(), page.click(`table.govuk-table tbody a[href='${chosen.href}']`)]);
  for (const lang of LANGS) {
    const t = await page.goto(`${server.url}${chosen.href}?lang=${lang}`);
    assert.equal(t.status(), 200);
    assert.equal((await page.textContent("h1")).trim(), chosen.name);
    assert.equal(await page.locator("form[action$='/resolve']").count(), 0, "no resolve form");
    assert.ok(await page.locator(".govuk-summary-card").count() > 0, "the findings are shown");
    await audit(page, `control-traveller-border-${lang}`);
  }
  assert.deepEqual(hits, []);
});
