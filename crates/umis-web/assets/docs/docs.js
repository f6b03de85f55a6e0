// The umis API reference: reads /api/openapi.json from this origin and lists every operation
// with its parameters, request body and responses, then every shared schema. Text from the
// document is only ever set as text (never parsed as HTML).
"use strict";

const METHODS = ["get", "post", "put", "patch", "delete"];

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function refName(ref) {
  return ref.split("/").pop();
}

function resolve(doc, item) {
  if (item && item.$ref) {
    const parts = item.$ref.replace(/^#\//, "").split("/");
    return parts.reduce((node, part) => (node ? node[part] : undefined), doc) || {};
  }
  return item || {};
}

function constraints(schema) {
  const out = [];
  const names = ["format", "minLength", "maxLength", "minimum", "maximum", "maxItems", "pattern"];
  for (const name of names) {
    if (schema[name] !== undefined) out.push(`${name} ${schema[name]}`);
  }
  if (schema.const !== undefined) out.push(`= ${JSON.stringify(schema.const)}`);
  if (schema.enum) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  return out.join("; ");
}

function schemaNode(schema, depth) {
  if (!schema) return el("span", { class: "type" }, "any");
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return el("a", { href: `#schema-${name}` }, name);
  }
  const types = Array.isArray(schema.type) ? schema.type.join(" | ") : schema.type || "";
  const head = el("span", {}, el("span", { class: "type" }, types), " ", el("code", {}, constraints(schema)));
  if (schema.description) head.append(" — ", prose(schema.description));
  const list = el("ul");
  if (depth > 6) return head;
  if (schema.properties) {
    const required = new Set(schema.required || []);
    for (const [name, prop] of Object.entries(schema.properties)) {
      const mark = required.has(name) ? el("span", { class: "req" }, "required") : null;
      list.append(el("li", {}, el("code", {}, name), mark, ": ", schemaNode(prop, depth + 1)));
    }
  }
  if (schema.additionalProperties === false) {
    list.append(el("li", { class: "type" }, "no other members"));
  } else if (typeof schema.additionalProperties === "object") {
    list.append(el("li", {}, "other members: ", schemaNode(schema.additionalProperties, depth + 1)));
  }
  if (schema.items) list.append(el("li", {}, "items: ", schemaNode(schema.items, depth + 1)));
  for (const key of ["oneOf", "anyOf"]) {
    for (const alt of schema[key] || []) list.append(el("li", {}, `${key}: `, schemaNode(alt, depth + 1)));
  }
  return list.childElementCount ? el("div", { class: "schema" }, head, list) : head;
}

function contentBlock(doc, content) {
  const box = el("div");
  for (const [mediaType, media] of Object.entries(content || {})) {
    box.append(el("div", { class: "schema" }, el("code", {}, mediaType), " ", schemaNode(media.schema, 0)));
    if (media.example !== undefined) box.append(el("pre", {}, JSON.stringify(media.example, null, 2)));
  }
  return box;
}

// Text with `code` spans, as the descriptions write them.
function prose(text) {
  const span = el("span");
  text.split("`").forEach((part, i) => span.append(i % 2 ? el("code", {}, part) : part));
  return span;
}

function access(op) {
  if (!op.security || op.security.length === 0) return "public";
  const rule = op["x-umis-access"] || "";
  if (rule.startsWith("token:")) return `API token with role ${rule.slice(6)}`;
  const schemes = op.security.flatMap((s) => Object.keys(s)).join(" + ");
  const roles = op["x-umis-roles"] ? ` (${op["x-umis-roles"].join(", ")})` : "";
  return `${schemes}${roles}`;
}

function parameters(doc, op) {
  const params = (op.parameters || []).map((p) => resolve(doc, p));
  if (params.length === 0) return null;
  const table = el("table", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "in"), el("th", {}, "schema")));
  for (const p of params) {
    const name = el("td", {}, el("code", {}, p.name), p.required ? el("span", { class: "req" }, "required") : null);
    const desc = el("td", {}, schemaNode(p.schema, 0), p.description ? " — " : "", p.description ? prose(p.description) : "");
    table.append(el("tr", {}, name, el("td", {}, p.in), desc));
  }
  return el("div", {}, el("h4", {}, "Parameters"), table);
}

function responses(doc, op) {
  const table = el("table", {}, el("tr", {}, el("th", {}, "status"), el("th", {}, "answer")));
  for (const [status, raw] of Object.entries(op.responses || {})) {
    const r = resolve(doc, raw);
    const cell = el("td", {}, prose(r.description || ""), contentBlock(doc, r.content));
    table.append(el("tr", {}, el("td", {}, el("code", {}, status)), cell));
  }
  return el("div", {}, el("h4", {}, "Responses"), table);
}

function operation(doc, path, method, op) {
  const id = `op-${op.operationId || `${method}-${path}`}`;
  const summary = el(
    "summary",
    {},
    el("span", { class: `method ${method}` }, method),
    el("span", { class: "path" }, path),
    el("span", { class: "summary" }, op.summary || ""),
    el("span", { class: "access" }, access(op)),
  );
  const body = el("details", { class: "op", id }, summary);
  if (op.description) body.append(el("p", {}, prose(op.description)));
  const params = parameters(doc, op);
  if (params) body.append(params);
  if (op.requestBody) {
    const rb = resolve(doc, op.requestBody);
    body.append(el("h4", {}, rb.required ? "Request body (required)" : "Request body"), contentBlock(doc, rb.content));
  }
  body.append(responses(doc, op));
  return body;
}

function render(doc) {
  document.getElementById("title").textContent = `${doc.info.title} ${doc.info.version}`;
  document.getElementById("summary").replaceChildren(prose(doc.info.description || ""));
  const main = document.getElementById("operations");
  const toc = el("ul");
  main.replaceChildren();
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of METHODS) {
      if (!item[method]) continue;
      const tag = (item[method].tags || ["other"])[0];
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push([path, method, item[method]]);
    }
  }
  for (const [tag, ops] of byTag) {
    main.append(el("h2", { id: `tag-${tag}` }, tag));
    for (const [path, method, op] of ops) {
      const node = operation(doc, path, method, op);
      main.append(node);
      toc.append(el("li", {}, el("a", { href: `#${node.id}` }, `${method.toUpperCase()} ${path}`)));
    }
  }
  document.getElementById("toc").replaceChildren(el("h2", {}, "Operations"), toc);
  const schemas = document.getElementById("schemas");
  schemas.replaceChildren(el("h2", {}, "Schemas"));
  for (const [name, schema] of Object.entries((doc.components || {}).schemas || {})) {
    schemas.append(el("h3", { id: `schema-${name}` }, name), schemaNode(schema, 0));
  }
}

// Opens the operation the address names (`#op-getCase`), as the table of contents links do.
function openTarget() {
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && target.tagName === "DETAILS") {
    target.open = true;
    target.scrollIntoView();
  }
}

async function main() {
  const status = document.getElementById("status");
  try {
    const response = await fetch("/api/openapi.json", { credentials: "same-origin" });
    if (!response.ok) throw new Error(`the description answered ${response.status}`);
    render(await response.json());
    openTarget();
    window.addEventListener("hashchange", openTarget);
  } catch (e) {
    status.className = "error";
    status.textContent = `The API description could not be read: ${e.message}`;
  }
}

main();
