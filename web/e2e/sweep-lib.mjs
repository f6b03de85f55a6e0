// The hostile-input sweep: discovers the portal's pages by following its own links (as one
// visitor), finds every form on them, and submits each form with every value of a hostile list.
// Each answer must be a page (status < 500), must not run or even carry injected markup, and a
// refusal (4xx) must say why: an error summary over the form, or an error page.
import { HOSTILE } from "./harness.mjs";

/**
 * Scripts that ran: any dialog, and console lines naming `umis-injected` — except Chromium's
 * own warning that a date or number field was given a value it cannot show, which quotes the
 * value (the hostile text, safely in an attribute) without running anything.
 */
export function watchForInjection(page) {
  const hits = [];
  page.on("dialog", async (d) => { hits.push(`dialog: ${d.message()}`); await d.dismiss(); });
  page.on("console", (m) => {
    const text = m.text();
    if (text.includes("umis-injected") && !/^The specified value .* does not conform to the required format/s.test(text)) hits.push(`console: ${text}`);
  });
  return hits;
}

/** A date that does not exist; date groups (day, month, year fields) get 30 / 2 / 2026. */
export const BAD_DATE = "2026-02-30";

/** The harness's hostile values and a few more. */
export const VALUES = [
  // The values a form most likely refuses first: a free-text form that accepts one moves its
  // case on and leaves the page, so the hostile ones must come before the harmless ones.
  ...HOSTILE.filter((v) => v === "" || v.length > 100).map((v) => ({ label: describe(v), value: v })),
  { label: "300 KB", value: "z".repeat(300 * 1024) },
  { label: "NUL and control characters", value: "a\u0000b\u0001c\u0007d\u001b[31me\u007ff\r\ng\u0085h" },
  ...HOSTILE.filter((v) => v !== "" && v.length <= 100 && /[<'";]/.test(v)).map((v) => ({ label: describe(v), value: v })),
  { label: "right-to-left override", value: "\u202Eexe.txt\u202C \u202E<b>" },
  { label: "emoji", value: "😀 👨‍👩‍👧 🇦🇿 𝕌𝕄𝕀𝕊" },
  ...HOSTILE.filter((v) => v !== "" && v.length <= 100 && !/[<'";]/.test(v)).map((v) => ({ label: describe(v), value: v })),
  { label: "impossible date", value: BAD_DATE },
];

/** The values tried outside the full sweep: the empty and the oversized ones (most forms refuse
 * them first) and every injection; the harmless oddities only in full. */
export const SAMPLE_VALUES = VALUES.filter((v) => v.value === "" || v.value.length > 100 || /[<'";]/.test(v.value));

function describe(v) {
  if (v === "") return "empty";
  if (v.length > 100) return `${v.length} characters`;
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
}

/** A small hostile file of the kind an upload field asks for: a CSV list or a document. */
export function hostileFile(accept, name) {
  if (/csv/i.test(accept)) {
    const rows = [
      "surname,given_names,<script>alert('umis-injected')</script>",
      "\"\"\"><img src=x onerror=alert('umis-injected')>\",'; DROP TABLE guests; --,=HYPERLINK(\"http://x\")",
      "Иванов,\u202Eevil\u0000,😀",
    ];
    return { name: `${name}.csv`, mimeType: "text/csv", buffer: Buffer.from(rows.join("\r\n")) };
  }
  return { name, mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n<script>alert('umis-injected')</script>\n%%EOF\n") };
}

/** Actions never submitted: they end the session or undo what the crawl needs. */
export const SKIP_ACTIONS = ["sign-out", "withdraw", "revoke", "keep-alive"];
/** Values of a form's hidden `action` field that are final decisions; not submitted either. */
export const SKIP_STEPS = ["confirm", "close", "withdraw", "revoke"];
/** Links never followed. */
const SKIP_LINKS = [/^\/sign-out/, /^\/api\//, /^\/assets\//, /\.(csv|pdf|json|png|jpe?g|zip|txt)$/i, /\/issued\/[^/]+$/];

/** A path with every segment that carries an identifier (a digit) replaced: the page's shape. */
export function shape(url) {
  const u = new URL(url);
  const path = u.pathname.split("/").map((s) => (/[0-9]/.test(s) ? "{id}" : s)).join("/");
  const keys = [...new Set([...u.searchParams.keys()])].sort();
  return keys.length ? `${path}?${keys.join("&")}` : path;
}

/** Whether the crawl follows a link. */
function followable(href, origin) {
  let u;
  try { u = new URL(href); } catch { return false; }
  if (u.origin !== origin) return false;
  if (u.searchParams.has("lang")) return false;
  return !SKIP_LINKS.some((re) => re.test(u.pathname));
}

/** The links and forms of the loaded page, as plain data. */
async function readPage(page) {
  return page.evaluate(() => {
    const links = [...document.querySelectorAll("a[href]")].map((a) => a.href.split("#")[0]);
    const forms = [...document.forms].map((f, index) => {
      const fields = [...f.elements].filter((e) => e.name);
      const fillable = fields.filter(
        (e) => (e.tagName === "TEXTAREA" || (e.tagName === "INPUT" && !["hidden", "checkbox", "radio", "file", "submit", "button", "image", "reset"].includes(e.type))) && !e.closest("[hidden]"),
      );
      const step = f.querySelector("input[type=hidden][name=action]")?.value || "";
      const button = f.querySelector("button[type=submit], button:not([type]), input[type=submit]");
      return {
        index,
        action: new URL(f.getAttribute("action") || location.href, location.href).href,
        method: (f.getAttribute("method") || "get").toLowerCase(),
        step,
        fields: fields.filter((e) => e.type !== "hidden").map((e) => `${e.name}:${e.type}`),
        fillable: fillable.map((e) => e.name),
        file: !!f.querySelector("input[type=file]"),
        button: button ? (button.textContent || button.value || "").trim() : "",
        hidden: !!f.closest("[hidden]"),
      };
    });
    return { links, forms };
  });
}

/** Whether a form is one the sweep leaves alone, and why. */
export function skipReason(form) {
  const path = new URL(form.action).pathname;
  if (SKIP_ACTIONS.some((a) => path.includes(a))) return `action ${path}`;
  if (SKIP_STEPS.includes(form.step)) return `final step ${form.step}`;
  if (form.hidden) return "hidden form";
  if (form.fields.length === 1 && form.fields[0].startsWith("lang:")) return "language form";
  return null;
}

/** The form's identity across pages: method, action shape, step and field names. */
function formKey(form) {
  return `${form.method.toUpperCase()} ${shape(form.action)}${form.step ? ` [${form.step}]` : ""} (${form.fields.join(",")})`;
}

const watched = new WeakMap();

/**
 * Crawls from `/` as the visitor of `page`, at most `maxPages` pages and `perShape` of each
 * shape. Every page answered is checked for a server error and injected script on the way.
 */
export async function crawl(page, server, { maxPages = 40, perShape = 2, violations, who }) {
  const origin = new URL(server.url).origin;
  const queue = [`${origin}/`];
  const seen = new Set(queue);
  const shapes = new Map();
  const pages = [];
  if (!watched.has(page)) watched.set(page, watchForInjection(page));
  const hits = watched.get(page);
  while (queue.length && pages.length < maxPages) {
    const url = queue.shift();
    const s = shape(url);
    if ((shapes.get(s) || 0) >= perShape) continue;
    if (!followable(url, origin)) continue;
    shapes.set(s, (shapes.get(s) || 0) + 1);
    let r;
    try {
      r = await page.goto(url, { waitUntil: "load" });
    } catch (e) {
      // A download (a PDF without an extension) aborts the navigation; nothing to read.
      if (/ERR_ABORTED|Download is starting/.test(String(e))) continue;
      violations.push(`${who}: GET ${url}: no answer (${String(e).split("\n")[0]})`);
      continue;
    }
    if (!r) continue;
    if (r.status() >= 500) violations.push(`${who}: GET ${new URL(url).pathname}: server error ${r.status()}`);
    if (!(r.headers()["content-type"] || "").includes("text/html")) continue;
    // A link that left the site or ended elsewhere (sign-in redirect) is not this page.
    if (new URL(page.url()).origin !== origin) continue;
    const before = hits.length;
    const { links, forms } = await readPage(page);
    const shown = await inspect(page);
    const where = new URL(page.url()).pathname;
    if (shown.injected.length) violations.push(`${who}: GET ${where}: injected markup: ${[...new Set(shown.injected)].join(", ")}`);
    if (hits.length > before) violations.push(`${who}: GET ${where}: script ran: ${hits.slice(before).join("; ")}`);
    pages.push({ url: page.url(), status: r.status(), forms });
    for (const l of links) {
      if (!seen.has(l) && followable(l, origin)) { seen.add(l); queue.push(l); }
    }
  }
  return pages;
}

/** What the page shows after a submission, and any trace of injected markup in it. */
async function inspect(page) {
  return page.evaluate(() => {
    const injected = [];
    for (const e of document.querySelectorAll("*")) {
      for (const a of e.getAttributeNames()) {
        if (/^on/i.test(a)) injected.push(`<${e.tagName.toLowerCase()} ${a}=…>`);
      }
    }
    for (const s of document.querySelectorAll("script")) {
      if ((!s.src && !/json/i.test(s.type)) || /umis-injected/.test(s.textContent)) injected.push("<script> inline");
    }
    if (document.querySelector("img[src='x'], img[src$='/x']")) injected.push("<img src=x>");
    const main = document.querySelector("main") || document.body;
    return {
      injected,
      summary: !!document.querySelector(".govuk-error-summary"),
      heading: !!main.querySelector("h1"),
      formInMain: !!main.querySelector("form"),
    };
  });
}

/** Puts `value` in every fillable field of form number `index` (see the module comment). */
async function fill(page, index, value) {
  await page.evaluate(
    ({ index, value, BAD_DATE }) => {
      const f = document.forms[index];
      f.noValidate = true;
      // A browser sends no address over 2 MB: a GET form gets a huge value in its first field only.
      let budget = f.method === "get" ? 1_500_000 : Infinity;
      const radios = new Set();
      for (const e of f.elements) {
        if (!e.name || e.closest("[hidden]")) continue;
        if (e.tagName === "INPUT" && e.type === "radio") {
          // Keep the first option of each group (or what the page already chose).
          if (!radios.has(e.name)) {
            radios.add(e.name);
            if (!f.querySelector(`input[type=radio][name="${CSS.escape(e.name)}"]:checked`)) e.checked = true;
          }
          continue;
        }
        const text = e.tagName === "TEXTAREA" || (e.tagName === "INPUT" && !["hidden", "checkbox", "radio", "file", "submit", "button", "image", "reset"].includes(e.type));
        if (!text) continue;
        // The server must refuse what a browser would not let through: no client-side limits.
        if (e.tagName === "INPUT" && e.type !== "text" && e.type !== "password") e.type = "text";
        e.removeAttribute("maxlength");
        let v = value;
        if (value === BAD_DATE) {
          if (/(^|[-_])month$/.test(e.id) || /month$/.test(e.name)) v = "2";
          else if (/(^|[-_])year$/.test(e.id) || /year$/.test(e.name)) v = "2026";
          else if (/(^|[-_])day$/.test(e.id) || /day$/.test(e.name) || f.querySelector(`#${CSS.escape(e.id)}-month`)) v = "30";
        }
        if (v.length > 1000 && v.length > budget) v = "";
        budget -= v.length;
        e.value = v;
      }
    },
    { index, value, BAD_DATE },
  );
}

/** Submits form number `index` with its first submit button and waits for the answer. */
async function submit(page, index) {
  const [r] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load", timeout: 20_000 }),
    page.evaluate((index) => {
      const f = document.forms[index];
      const b = f.querySelector("button[type=submit], button:not([type]), input[type=submit]");
      f.requestSubmit(b || undefined);
    }, index),
  ]);
  return r;
}

/** Finds, on the freshly loaded page, the form with the same key as `form` (pages change). */
async function locate(page, form) {
  const { forms } = await readPage(page);
  const key = formKey(form);
  return forms.find((f) => formKey(f) === key && f.action === form.action) || forms.find((f) => formKey(f) === key);
}

/**
 * A tab of `context` with its watchers: scripts that ran, CSP refusals, and the status of the
 * last main-frame answer (also when the browser shows its own error page instead).
 */
async function tab(context) {
  const page = await context.newPage();
  const hits = watchForInjection(page);
  const csp = [];
  const last = { status: 0, url: "", type: "" };
  page.on("console", (m) => { if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) csp.push(m.text()); });
  page.on("response", (r) => {
    if (r.request().isNavigationRequest() && r.frame() === page.mainFrame()) {
      Object.assign(last, { status: r.status(), url: r.url(), type: r.headers()["content-type"] || "" });
    }
  });
  return { page, hits, csp, last };
}

/**
 * Sweeps every form of `pages` (from `crawl`) with every value, in a tab of `context`. Forms
 * without a field to fill are submitted once, after all the others (they move a case on; the
 * others only refuse). `perFormKey` counts forms swept across visitors: a form (same action
 * shape, step and fields) is swept by at most `perKey` of them.
 */
export async function sweep(context, pages, { violations, findings, who, log, perFormKey, perKey = 1, maxSubmissions = 400, fileName, values = VALUES }) {
  let t = await tab(context);
  const stats = { forms: 0, submissions: 0, skipped: [] };
  const plans = [];
  const byKey = new Map();
  for (const p of pages) {
    for (const form of p.forms) {
      if (skipReason(form)) continue;
      const key = formKey(form);
      if (byKey.has(key)) { byKey.get(key).others.push({ pageUrl: p.url, form }); continue; }
      const n = perFormKey.get(key) || 0;
      if (n >= perKey) continue;
      perFormKey.set(key, n + 1);
      const plan = { pageUrl: p.url, form, key, others: [] };
      byKey.set(key, plan);
      plans.push(plan);
    }
  }
  const ordered = [...plans.filter((p) => p.form.fillable.length || p.form.file), ...plans.filter((p) => !p.form.fillable.length && !p.form.file)];
  for (const plan of ordered) {
    let { pageUrl, form } = plan;
    const { key } = plan;
    const outcomes = [];
    const tries = form.file
      ? [{ label: "no file", file: false }, { label: "hostile file name", file: true }, ...(form.fillable.length ? values : [])]
      : form.fillable.length ? values : [{ label: "as shown", value: null }];
    stats.forms++;
    let where = new URL(pageUrl).pathname;
    for (let i = 0; i < tries.length; i++) {
      const attempt = tries[i];
      if (stats.submissions >= maxSubmissions) { stats.skipped.push(`${key}: submission cap`); break; }
      const what = `${who}: ${key} on ${where} with ${attempt.label}`;
      const { page, hits, csp, last } = t;
      const before = hits.length;
      const cspBefore = csp.length;
      let broken = false;
      try {
        const g = await page.goto(pageUrl, { waitUntil: "load" });
        if (!g || g.status() >= 400) { stats.skipped.push(`${key}: ${where} now answers ${g?.status()}`); break; }
        const now = await locate(page, form);
        if (!now) {
          // An earlier value was accepted and the case moved on: the same form on another page.
          const next = plan.others.shift();
          if (!next) { stats.skipped.push(`${key}: the form left ${where} after ${outcomes.length} values`); break; }
          ({ pageUrl, form } = next);
          where = new URL(pageUrl).pathname;
          i--;
          continue;
        }
        if (attempt.value !== undefined && attempt.value !== null) await fill(page, now.index, attempt.value);
        if (attempt.file) {
          // A real upload: the first document type offered, so the name reaches the list.
          await page.evaluate((index) => {
            for (const s of document.forms[index].querySelectorAll("select")) if (s.options.length > 1) s.selectedIndex = 1;
          }, now.index);
          const inputs = page.locator("form").nth(now.index).locator("input[type=file]");
          for (let k = 0; k < (await inputs.count()); k++) {
            const accept = (await inputs.nth(k).getAttribute("accept")) || "";
            await inputs.nth(k).setInputFiles(hostileFile(accept, fileName));
          }
        }
        stats.submissions++;
        last.status = 0;
        let r = null;
        try {
          r = await submit(page, now.index);
        } catch (e) {
          // The browser shows its own error page when an error answer has no body.
          broken = true;
          if (!last.status) throw e;
        }
        const status = r ? r.status() : last.status;
        if (!status) throw new Error("the browser got no answer");
        const type = r ? r.headers()["content-type"] || "" : last.type;
        const redirected = r ? !!r.request().redirectedFrom() : false;
        outcomes.push(redirected ? `${status}<-303` : String(status));
        if (status >= 500) violations.push(`${what}: server error ${status}`);
        if (type.includes("text/html") && !broken) {
          const seen = await inspect(page);
          if (seen.injected.length) violations.push(`${what}: injected markup in the answer: ${[...new Set(seen.injected)].join(", ")}`);
          if (status >= 400 && status < 500) {
            if (seen.formInMain && !seen.summary) violations.push(`${what}: ${status} with the form again but no error summary`);
            if (!seen.formInMain && !seen.summary && !seen.heading) violations.push(`${what}: ${status} page without an error heading`);
          }
        } else if (status >= 400 && status < 500) {
          const said = `${status} without a page (${type || "empty body"}), the browser shows its own error`;
          // The HTTP layer refuses an oversized request line or body before the portal sees it.
          if (!type && [413, 414, 431].includes(status)) findings.push(`${who}: ${form.method.toUpperCase()} ${new URL(form.action).pathname} with ${attempt.label}: ${said}`);
          else violations.push(`${what}: ${said}`);
        }
      } catch (e) {
        broken = true;
        outcomes.push("none");
        violations.push(`${what}: no answer: ${String(e).split("\n")[0]}`);
      }
      if (hits.length > before) violations.push(`${what}: script ran: ${hits.slice(before).join("; ")}`);
      if (csp.length > cspBefore) violations.push(`${what}: the answer carried markup the CSP had to block: ${csp.slice(cspBefore, cspBefore + 2).join("; ")}`);
      if (broken) {
        // A failed navigation can still land later and interrupt the next one: a new tab.
        await page.close().catch(() => {});
        t = await tab(context);
      }
    }
    log(`  ${key} on ${where}: ${outcomes.join(" ")}`);
  }
  await t.page.close().catch(() => {});
  return stats;
}
