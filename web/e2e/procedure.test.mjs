// The administrative procedure in the browser: an officer suspends a residence-permit case (the
// deadline stands still), resumes it, proposes a refusal on a coded ground and a second officer
// confirms it; the appeal board decides the demo's appeal on the same case page, with four eyes,
// and records the court stage. axe-core checks each new page and form, with and without errors.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launch, signIn, audit, watchForInjection, assertNoServerError } from "./harness.mjs";

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** Submits the form whose hidden `name` field is `value` and waits for the next page. */
async function submit(page, name, value) {
  const [r] = await Promise.all([
    page.waitForNavigation(),
    page.click(`form:has(input[name=${name}][value=${value}]) button[type=submit]`),
  ]);
  assertNoServerError(r, value);
  return r;
}

const step = (page, action) => submit(page, "action", action);

/** Opens `path` in `lang` and checks it is a page. */
async function open(page, path, lang) {
  const r = await page.goto(`${server.url}${path}?lang=${lang}`);
  assertNoServerError(r, `${path} in ${lang}`);
  assert.equal(r.status(), 200, `${path} in ${lang}`);
}

/** The state tag under the case page's heading. */
const stateTag = (page) => page.textContent("h1 + p .govuk-tag");

/** Yesterday as the three boxes of a date input (never in the future of the server's clock). */
function yesterday() {
  const d = new Date(Date.now() - 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillDate(page, name, d) {
  await page.fill(`#${name}-day`, d.day);
  await page.fill(`#${name}-month`, d.month);
  await page.fill(`#${name}-year`, d.year);
}

test("an officer suspends and resumes a case, refuses it on a coded ground, a second officer confirms", async () => {
  const first = await (await browser.newContext()).newPage();
  const hits = watchForInjection(first);
  await signIn(first, server, "demo-officer", "en");
  // The demo's new residence-permit application.
  await first.goto(`${server.url}/office/queue?lang=en&service=trp_issue&state=submitted`);
  await Promise.all([first.waitForNavigation(), first.click("table.govuk-table tbody a")]);
  const path = new URL(first.url()).pathname;
  assert.match(path, /^\/office\/cases\/[0-9a-f]+$/);
  await open(first, path, "en");
  await step(first, "accept");
  await step(first, "assign");
  await step(first, "start_review");
  // Under review, the page offers the procedure's forms: in every language, axe-clean.
  for (const lang of ["az", "en", "ru"]) {
    await open(first, path, lang);
    for (const action of ["suspend", "extend_deadline", "exempt_from_duty", "terminate"]) {
      assert.ok(await first.isVisible(`form:has(input[name=action][value=${action}])`), `${action} in ${lang}`);
    }
    await audit(first, `procedure-case-${lang}`);
  }

  // A real date and a reason are needed to extend; what was typed stays.
  await open(first, path, "en");
  await fillDate(first, "extend_on", { day: "30", month: "2", year: "2027" });
  await first.fill("#extend_reason", "Interpol check");
  await step(first, "extend_deadline");
  assert.match(await first.textContent(".govuk-error-summary"), /Enter a real date/);
  assert.equal(await first.inputValue("#extend_on-day"), "30");
  assert.equal(await first.inputValue("#extend_reason"), "Interpol check");
  await audit(first, "procedure-case-errors-en");

  // Suspend: the clock stops; resume: it runs again.
  await first.fill("#suspend_note", "Asked the State Security Service; <b>no answer</b> yet");
  await step(first, "suspend");
  assert.match(await first.textContent(".govuk-notification-banner--success"), /suspended/);
  assert.match(await stateTag(first), /Suspended/);
  assert.match(await first.textContent("#procedure + dl"), /Deadline standing still/);
  await audit(first, "procedure-case-suspended-en");
  await step(first, "resume");
  assert.match(await stateTag(first), /In review/);

  // Refuse on a coded ground, with a note that adds to it.
  await first.check("#decision-refuse");
  await first.check("#grounds");
  await first.fill("#grounds_note", "No proof of the ground of residence.");
  await step(first, "propose");
  assert.match(await stateTag(first), /Decision proposed/);

  const second = await (await browser.newContext()).newPage();
  hits.push(...watchForInjection(second));
  await signIn(second, server, "demo-officer2", "en");
  await open(second, path, "en");
  await step(second, "confirm");
  assert.match(await stateTag(second), /Refused/);
  const history = await second.textContent("#history + table");
  assert.match(history, /Examination suspended/);
  assert.match(history, /Examination resumed/);
  assert.deepEqual(hits, []);
});

test("the appeal board decides an appeal with four eyes and records the court stage", async () => {
  const board = await (await browser.newContext()).newPage();
  const hits = watchForInjection(board);
  await signIn(board, server, "demo-appeal-board", "en");
  for (const lang of ["az", "en", "ru"]) {
    await open(board, "/board/appeals", lang);
    await audit(board, `board-appeals-${lang}`);
  }
  await open(board, "/board/appeals", "en");
  await Promise.all([board.waitForNavigation(), board.click("#open + table tbody a")]);
  const path = new URL(board.url()).pathname;
  assert.match(await board.textContent("#appeal + dl"), /A refusal/);
  await audit(board, "board-appeal-case-en");
  await step(board, "accept");
  await step(board, "assign");
  await step(board, "start_review");
  // The board dismisses the complaint on a coded ground.
  await board.check("#decision-refuse");
  await board.check("#grounds");
  await step(board, "propose");
  assert.match(await stateTag(board), /Decision proposed/);

  const second = await (await browser.newContext()).newPage();
  hits.push(...watchForInjection(second));
  await signIn(second, server, "demo-appeal-board2", "en");
  await open(second, path, "en");
  await step(second, "confirm");
  assert.match(await stateTag(second), /Refused/);

  // The court stage: a date is needed; then the claim, then the judgment.
  for (const lang of ["az", "ru", "en"]) {
    await open(second, path, lang);
    await audit(second, `board-court-${lang}`);
  }
  await submit(second, "stage", "claim_filed");
  assert.match(await second.textContent(".govuk-error-summary"), /Enter a real date/);
  await audit(second, "board-court-errors-en");
  await fillDate(second, "court_on", yesterday());
  await submit(second, "stage", "claim_filed");
  assert.match(await second.textContent(".govuk-notification-banner--success"), /court stage/);
  await second.check("#result");
  await fillDate(second, "court_on", yesterday());
  await submit(second, "stage", "judgment");
  assert.match(await second.textContent("#appeal + dl"), /Upheld: the act is annulled/);
  await audit(second, "board-court-judged-en");
  assert.deepEqual(hits, []);
});
