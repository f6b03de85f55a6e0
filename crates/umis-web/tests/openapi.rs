//! The OpenAPI document against the server: it describes exactly the routes of `ROUTES` with
//! their access rules, every operation can answer and refuse, real answers conform to the
//! documented schemas, and the documentation page loads only from its own origin.

#![expect(clippy::unwrap_used, clippy::panic, reason = "tests fail loudly")]

#[path = "openapi/answers.rs"]
mod answers;
#[path = "openapi/schema.rs"]
mod schema;
use crate::support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use support::{Answer, Person, World, call, raw, runtime, signed_in, valid_form, world};
use umis_rules::services::Catalogue;
use umis_store::testing::TestDb;
use umis_web::api::docs::{DOCS_CSP, OPENAPI_JSON};
use umis_web::{Access, ROUTES, RouteRule};

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

fn doc() -> Value {
    serde_json::from_str(OPENAPI_JSON).unwrap()
}

fn operation<'a>(doc: &'a Value, rule: &RouteRule) -> &'a Value {
    &doc["paths"][rule.path][rule.method.to_ascii_lowercase()]
}

/// A response object with its `$ref` followed.
fn response<'a>(doc: &'a Value, op: &'a Value, status: &str) -> Option<&'a Value> {
    let r = op["responses"].get(status)?;
    match r.get("$ref").and_then(Value::as_str) {
        Some(reference) => schema::resolve(doc, reference),
        None => Some(r),
    }
}

#[test]
fn the_document_is_openapi_3_1_and_lists_exactly_the_routes() {
    let doc = doc();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["info"]["title"], "umis API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["info"]["license"]["identifier"], "Apache-2.0");
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .filter(|k| METHODS.contains(&k.as_str()))
                .map(move |m| (m.to_ascii_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> =
        ROUTES.iter().map(|r| (r.method.to_owned(), r.path.to_owned())).collect();
    let missing: Vec<_> = routed.difference(&documented).collect();
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(missing.is_empty(), "routes missing from the document: {missing:?}");
    assert!(extra.is_empty(), "documented operations the router lacks: {extra:?}");
}

/// Every `$ref` anywhere in `v`.
fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
    match v {
        Value::Object(m) => {
            if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                out.push(r);
            }
            m.values().for_each(|x| refs(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
        _ => {}
    }
}

#[test]
fn every_reference_resolves_and_every_operation_has_an_id() {
    let doc = doc();
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 50, "{} references", all.len());
    for r in all {
        assert!(schema::resolve(&doc, r).is_some(), "{r} does not resolve");
    }
    let mut ids = BTreeSet::new();
    for rule in ROUTES {
        let id = operation(&doc, rule)["operationId"].as_str().unwrap_or_default();
        assert!(
            !id.is_empty() && ids.insert(id),
            "{} {}: missing or repeated operationId",
            rule.method,
            rule.path
        );
    }
}

/// The security an access rule implies, and the `x-umis-access` that names it.
fn expected_security(rule: &RouteRule) -> (Value, String) {
    let changes = rule.method != "GET";
    match rule.access {
        Access::Public => (json!([]), "public".into()),
        Access::PublicRateLimited => (json!([]), "public-rate-limited".into()),
        Access::Token(role) => (json!([{ "bearerAuth": [] }]), format!("token:{role}")),
        Access::SignedIn if changes => (json!([{ "cookieAuth": [], "csrfHeader": [] }]), "signed-in".into()),
        Access::SignedIn => (json!([{ "cookieAuth": [] }]), "signed-in".into()),
        Access::Person(_) if changes => (json!([{ "cookieAuth": [], "csrfHeader": [] }]), "person".into()),
        Access::Person(_) => (json!([{ "cookieAuth": [] }]), "person".into()),
    }
}

#[test]
fn every_operation_answers_refuses_and_states_its_access_rule() {
    let doc = doc();
    for rule in ROUTES {
        let op = operation(&doc, rule);
        let at = format!("{} {}", rule.method, rule.path);
        let statuses: Vec<&String> = op["responses"].as_object().unwrap().keys().collect();
        assert!(statuses.iter().any(|s| s.starts_with('2')), "{at}: no 2xx answer");
        let public = matches!(rule.access, Access::Public | Access::PublicRateLimited);
        if !public {
            assert!(statuses.iter().any(|s| *s == "401" || *s == "403"), "{at}: no 401 or 403");
        }
        if matches!(rule.access, Access::Person(_) | Access::Token(_)) {
            assert!(statuses.iter().any(|s| *s == "429"), "{at}: refusals are throttled, 429 is missing");
        }
        let (security, access) = expected_security(rule);
        assert_eq!(op["security"], security, "{at}: security");
        assert_eq!(op["x-umis-access"], access.as_str(), "{at}: x-umis-access");
        let roles = match rule.access {
            Access::Person(roles) => json!(roles.iter().map(|r| r.as_str()).collect::<Vec<_>>()),
            _ => Value::Null,
        };
        assert_eq!(op["x-umis-roles"], roles, "{at}: x-umis-roles");
        for status in statuses.iter().filter(|s| s.starts_with('4') || s.starts_with('5')) {
            let r = response(&doc, op, status).unwrap();
            let problem = r["content"].get("application/problem+json").is_some();
            let exception = rule.path == "/api/v1/status" && *status == "404";
            assert!(problem || exception, "{at} {status}: errors are problem+json");
        }
    }
}

#[test]
fn the_service_codes_are_the_catalogues() {
    let doc = doc();
    let documented: BTreeSet<&str> = doc["components"]["schemas"]["ServiceCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let cat = Catalogue::builtin().unwrap();
    let real: BTreeSet<&str> = cat.services().iter().map(|s| s.code()).collect();
    assert_eq!(documented, real);
}

/// `(schema, value, conforms)`: the validator must catch each kind of mismatch it claims to.
#[test]
fn the_validator_tells_conforming_from_wrong_values() {
    let doc = doc();
    let cases: &[(Value, Value, bool)] = &[
        (json!({ "type": "string", "format": "date" }), json!("2026-02-01"), true),
        (json!({ "type": "string", "format": "date" }), json!("2026-2-01"), false),
        (json!({ "type": "string", "format": "date-time" }), json!("2026-02-01T10:00:00Z"), true),
        (json!({ "type": "string", "format": "date-time" }), json!("2026-02-01"), false),
        (json!({ "type": ["string", "null"] }), json!(null), true),
        (json!({ "type": "string" }), json!(null), false),
        (json!({ "type": "integer", "minimum": 1 }), json!(0), false),
        (json!({ "enum": ["a", "b"] }), json!("c"), false),
        (json!({ "const": "x" }), json!("x"), true),
        (json!({ "type": "object", "required": ["a"] }), json!({}), false),
        (json!({ "type": "object", "additionalProperties": false }), json!({ "a": 1 }), false),
        (json!({ "type": "object", "additionalProperties": { "type": "string" } }), json!({ "a": 1 }), false),
        (json!({ "type": "array", "items": { "type": "integer" } }), json!([1, "2"]), false),
        (json!({ "oneOf": [{ "type": "string" }, { "type": "null" }] }), json!(null), true),
        (json!({ "oneOf": [{ "type": "string" }, { "type": "null" }] }), json!(3), false),
        (json!({ "$ref": "#/components/schemas/Health" }), json!({ "status": "ok" }), true),
        (json!({ "$ref": "#/components/schemas/Health" }), json!({ "status": "ok", "x": 1 }), false),
        (json!({ "$ref": "#/components/schemas/Nope" }), json!({}), false),
        (json!({ "type": "string", "allOf": [] }), json!("a"), false),
    ];
    for (s, v, conforms) in cases {
        let problems = schema::validate(&doc, s, v);
        assert_eq!(problems.is_empty(), *conforms, "{s} with {v}: {problems:?}");
    }
}

#[test]
fn real_answers_conform_to_the_documented_schemas() {
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    let checked = runtime().block_on(async {
        let w = signed_in(w, &secrets).await;
        answers::walk(&w).await
    });
    assert!(checked >= 25, "{checked} answers checked");
}

/// The documented schema of an answer to `method template` (None: a body the document does not
/// describe as JSON, such as a PDF).
pub fn documented(doc: &Value, method: &str, template: &str, a: &Answer) -> Result<Option<Value>, String> {
    let op = &doc["paths"][template][method.to_ascii_lowercase()];
    let status = a.status.as_str();
    let r = response(doc, op, status)
        .ok_or_else(|| format!("{method} {template}: {status} is not documented"))?;
    let ctype = a.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let media = ctype.split(';').next().unwrap_or("").trim();
    match r.get("content") {
        None if a.bytes.is_empty() => Ok(None),
        None => Err(format!("{method} {template} {status}: a body where none is documented")),
        Some(content) => {
            let entry = content.get(media).ok_or_else(|| {
                format!("{method} {template} {status}: content type {ctype:?} not documented")
            })?;
            let json_like = media.ends_with("json");
            Ok(json_like.then(|| entry["schema"].clone()))
        }
    }
}

/// Checks an answer's status, content type and body against the document.
pub fn checked(method: &str, template: &str, a: Answer) -> Answer {
    let doc = doc();
    match documented(&doc, method, template, &a) {
        Err(e) => panic!("{e}: {}", String::from_utf8_lossy(&a.bytes)),
        Ok(Some(s)) => {
            let problems = schema::validate(&doc, &s, &a.json);
            assert!(problems.is_empty(), "{method} {template} {}: {problems:?}\n{}", a.status, a.json);
        }
        Ok(None) => {}
    }
    a
}

/// One request with a bearer token.
pub async fn with_token(w: &World, method: &str, uri: &str, token: &str, body: impl Into<Body>) -> Answer {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(body.into())
        .unwrap();
    raw(w, req).await
}

#[test]
fn the_documentation_page_loads_only_from_its_own_origin() {
    let (w, _) = world(TestDb::sqlite().unwrap());
    runtime().block_on(async {
        let page = call(&w, None, "GET", "/api/docs", "").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
        assert_eq!(page.headers[header::CONTENT_SECURITY_POLICY], DOCS_CSP);
        assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        let html = String::from_utf8(page.bytes).unwrap();
        let urls = attribute_values(&html, &["src=\"", "href=\""]);
        assert!(urls.len() >= 3, "{urls:?}");
        for url in &urls {
            assert!(url.starts_with('/') && !url.starts_with("//"), "{url} is not same-origin");
        }
        assert_eq!(html.matches("<script").count(), html.matches("<script src=\"/").count(), "inline script");
        assert!(
            !html.contains("<style") && !html.contains(" style=") && !has_handler_attribute(&html),
            "inline code"
        );
        for (url, ctype) in [
            ("/api/docs/docs.js", "text/javascript; charset=utf-8"),
            ("/api/docs/docs.css", "text/css; charset=utf-8"),
            ("/api/openapi.json", "application/json"),
        ] {
            assert!(urls.iter().any(|u| u == url), "the page does not use {url}");
            let a = call(&w, None, "GET", url, "").await;
            assert_eq!(
                (a.status, a.headers[header::CONTENT_TYPE].to_str().unwrap()),
                (StatusCode::OK, ctype)
            );
            let text = String::from_utf8(a.bytes).unwrap();
            assert!(!text.contains("http://") && !text.contains("https://"), "{url} names another origin");
        }
        let js = call(&w, None, "GET", "/api/docs/docs.js", "").await;
        let js = String::from_utf8(js.bytes).unwrap();
        assert!(js.contains("fetch(\"/api/openapi.json\""));
        assert!(!js.contains("innerHTML") && !js.contains("eval("), "document text is set as text only");
        let served = call(&w, None, "GET", "/api/openapi.json", "").await;
        assert_eq!(served.bytes, OPENAPI_JSON.as_bytes());
        for (url, status) in
            [("/api/docs/nope.js", StatusCode::NOT_FOUND), ("/api/v1/health", StatusCode::OK)]
        {
            let a = call(&w, None, "GET", url, "").await;
            assert_eq!(a.status, status);
            let global = "default-src 'none'; frame-ancestors 'none'";
            assert_eq!(a.headers[header::CONTENT_SECURITY_POLICY], global, "{url} keeps the API's policy");
        }
    });
}

/// The values of the attributes that start with any of `prefixes` (`src="`).
fn attribute_values(html: &str, prefixes: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in prefixes {
        for (i, _) in html.match_indices(prefix) {
            let rest = &html[i + prefix.len()..];
            out.push(rest.split('"').next().unwrap_or("").to_owned());
        }
    }
    out
}

/// Signed-in people of the world, by name.
pub fn person<'a>(w: &'a World, name: &str) -> &'a Person {
    &w.people[name]
}

/// A valid form of `service` for today.
pub fn form_for(w: &World, service: &str) -> std::collections::BTreeMap<String, String> {
    let cat = Catalogue::builtin().unwrap();
    valid_form(cat.get(service).unwrap(), w.state.clock.today())
}

/// Whether `html` has an event-handler attribute (` onclick=`, …).
fn has_handler_attribute(html: &str) -> bool {
    html.match_indices(" on").any(|(i, _)| {
        let rest = &html[i + 3..];
        let name_len = rest.bytes().take_while(u8::is_ascii_lowercase).count();
        name_len > 0 && rest.as_bytes().get(name_len) == Some(&b'=')
    })
}
