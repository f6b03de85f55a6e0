//! A world to test the case API in: two offices, one account of every role (staff signed in
//! with their TOTP second factor), on SQLite or PostgreSQL.

#![allow(dead_code, reason = "each test file uses a different part of the support module")]

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use tower::ServiceExt;
use umis_core::accounts::totp;
use umis_core::accounts::totp_key::TotpKey;
use umis_core::accounts::users::{NewAccount, create_account, ensure_office};
use umis_core::actor::Actor;
use umis_core::clock::Clock;
use umis_credential::KeyRing;
use umis_rules::services::Catalogue;
use umis_store::Store;
use umis_store::accounts::OfficeRow;
use umis_store::testing::TestDb;
use umis_web::limit::RateLimit;
use umis_web::{AppState, app};

/// A password long enough to be used without a second factor.
pub const PASSWORD: &str = "correct horse battery staple 42";

/// A signed-in person.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: String,
    pub role: String,
    pub cookie: String,
    pub csrf: String,
}

pub struct World {
    pub db: TestDb,
    pub state: Arc<AppState>,
    pub people: BTreeMap<String, Person>,
    pub keys_dir: tempfile::TempDir,
}

/// Accounts of the world: (name, role, office).
pub const ACCOUNTS: &[(&str, &str, Option<&str>)] = &[
    ("applicant", "applicant", None),
    ("applicant2", "applicant", None),
    ("host", "host", None),
    ("employer", "employer", None),
    ("operator", "operator", Some("ASAN1")),
    ("officer", "officer", Some("BAK1")),
    ("officer2", "officer", Some("BAK1")),
    ("officer_b", "officer", Some("GNJ1")),
    ("officer_b2", "officer", Some("GNJ1")),
    ("supervisor", "supervisor", Some("BAK1")),
    ("refugee_officer", "refugee_officer", Some("BAK1")),
    ("refugee_officer2", "refugee_officer", Some("BAK1")),
    ("appeal_board", "appeal_board", Some("HQ")),
    ("appeal_board2", "appeal_board", Some("HQ")),
    ("border_officer", "border_officer", Some("BAK1")),
    ("auditor", "auditor", Some("BAK1")),
    ("admin", "admin", Some("BAK1")),
];

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Builds the world on `db` (outside any async runtime: the PostgreSQL driver blocks).
pub fn world(db: TestDb) -> (World, BTreeMap<String, String>) {
    world_at(db, Clock::System)
}

/// Builds the world on `db` with the server reading time from `clock`.
pub fn world_at(db: TestDb, clock: Clock) -> (World, BTreeMap<String, String>) {
    let store = Store::open(&db.url).unwrap();
    for (code, kind) in
        [("BAK1", "regional"), ("GNJ1", "regional"), ("ASAN1", "service_centre"), ("HQ", "headquarters")]
    {
        ensure_office(
            &store,
            &Actor::system(),
            &OfficeRow { code: code.into(), kind: kind.into(), name: code.into() },
        )
        .unwrap();
    }
    umis_store::cases::set_work_quota_in(&store, clock.today().year().into(), 2).unwrap();
    let keys_dir = tempfile::tempdir().unwrap();
    let totp_key = TotpKey::load_or_create(keys_dir.path()).unwrap();
    let mut secrets = BTreeMap::new();
    for (name, role, office) in ACCOUNTS {
        let created = create_account(
            &store,
            &clock,
            &totp_key,
            Some(&Actor::system()),
            &NewAccount {
                username: (*name).into(),
                password: PASSWORD.into(),
                display_name: format!("Test {name}"),
                role: (*role).into(),
                office: office.map(Into::into),
                email: Some(format!("{name}@example.test")),
                lang: Some("en".into()),
            },
        )
        .unwrap();
        secrets.insert((*name).to_owned(), created.totp_secret.unwrap_or_default());
        secrets.insert(format!("{name}#id"), created.id);
    }
    let keys = KeyRing::load_or_create(keys_dir.path()).unwrap();
    let mut state = AppState::new(
        store,
        umis_rules::Packs::builtin().unwrap(),
        RateLimit { per_second: 1000.0, burst: 1000.0 },
        keys,
        totp_key,
    );
    state.clock = clock;
    state.signin_limiter = umis_web::limit::Limiter::new(RateLimit { per_second: 1000.0, burst: 1000.0 });
    state.denial_limiter = umis_web::limit::Limiter::new(RateLimit { per_second: 1000.0, burst: 10_000.0 });
    (World { db, state: Arc::new(state), people: BTreeMap::new(), keys_dir }, secrets)
}

/// The response of one request.
pub struct Answer {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

/// One request as `who` (None: anonymous), with the session's CSRF token on changes.
pub async fn call(w: &World, who: Option<&Person>, method: &str, uri: &str, body: impl Into<Body>) -> Answer {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::HOST, "umis.test");
    if let Some(p) = who {
        req = req
            .header(header::COOKIE, format!("__Host-umis_session={}", p.cookie))
            .header("x-csrf-token", &p.csrf);
    }
    raw(w, req.body(body.into()).unwrap()).await
}

/// Sends a prepared request.
pub async fn raw(w: &World, req: Request<Body>) -> Answer {
    let resp = app(w.state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let mut headers = resp.headers().clone();
    // Every answer gets its own request id (`tests/layers.rs`); the tests that compare two
    // answers for equality (no account enumeration) compare everything else.
    headers.remove("x-request-id");
    let bytes = resp.into_body().collect().await.unwrap().to_bytes().to_vec();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("panicked") && !text.contains("SQLite:") && !text.contains("PostgreSQL:"),
        "{text}"
    );
    let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Answer { status, headers, bytes, json }
}

/// The session cookie a response sets.
pub fn set_cookie(a: &Answer) -> Option<String> {
    let v = a.headers.get(header::SET_COOKIE)?.to_str().ok()?;
    let (kv, _) = v.split_once(';')?;
    kv.strip_prefix("__Host-umis_session=").map(str::to_owned)
}

/// Signs `name` in (with the TOTP code for staff).
pub async fn sign_in(w: &World, name: &str, totp_secret: &str) -> Person {
    let body = serde_json::json!({ "username": name, "password": PASSWORD }).to_string();
    let a = call(w, None, "POST", "/api/v1/session", body).await;
    assert_eq!(a.status, StatusCode::OK, "sign in {name}: {}", a.json);
    let mut cookie = set_cookie(&a).unwrap();
    let mut csrf = a.json["csrf_token"].as_str().unwrap().to_owned();
    if a.json["second_factor_required"] == Value::Bool(true) {
        let secret = totp::TotpSecret::from_base32(totp_secret).unwrap();
        let now = u64::try_from(w.state.clock.now_ns() / 1_000_000_000).unwrap();
        let code = format!("{:06}", totp::code_at(&secret, now));
        let half =
            Person { id: String::new(), role: String::new(), cookie: cookie.clone(), csrf: csrf.clone() };
        let a = call(
            w,
            Some(&half),
            "POST",
            "/api/v1/session/totp",
            serde_json::json!({ "code": code }).to_string(),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "totp {name}: {}", a.json);
        cookie = set_cookie(&a).unwrap();
        csrf = a.json["csrf_token"].as_str().unwrap().to_owned();
    }
    let role = ACCOUNTS.iter().find(|a| a.0 == name).map_or("", |a| a.1).to_owned();
    Person { id: String::new(), role, cookie, csrf }
}

/// The world with everyone signed in.
/// Runs `test` on a signed-in world of each database (SQLite, then PostgreSQL).
pub fn on_both(test: fn(&World) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>>) {
    for db in TestDb::both().unwrap() {
        let rt = runtime();
        let (w, secrets) = world(db);
        let w = rt.block_on(async move {
            let w = signed_in(w, &secrets).await;
            test(&w).await;
            w
        });
        drop(w);
    }
}

pub async fn signed_in(mut w: World, secrets: &BTreeMap<String, String>) -> World {
    for (name, _, _) in ACCOUNTS {
        let mut p = sign_in(&w, name, &secrets[*name]).await;
        p.id = secrets[&format!("{name}#id")].clone();
        w.people.insert((*name).to_owned(), p);
    }
    w
}

/// A tiny valid PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".to_vec()
}

/// A form for `service` that passes validation: the core's sample form for a synthetic person
/// whose passport is RUS 751234567.
pub fn valid_form(
    service: &umis_rules::services::Service,
    today: umis_domain::Date,
) -> BTreeMap<String, String> {
    let cat = Catalogue::builtin().unwrap();
    let mut form = umis_core::cases::example_form(&cat, service.code(), today, "TESTOV");
    if form.contains_key("document_number") {
        form.insert("document_number".into(), "751234567".into());
    }
    form
}

pub fn person<'a>(w: &'a World, name: &str) -> &'a Person {
    &w.people[name]
}

/// Which account files a service: the first of its filer roles that the world has.
pub fn filer_for(service: &umis_rules::services::Service) -> &'static str {
    let roles: Vec<&str> = service.filed_by().iter().map(|f| f.as_str()).collect();
    ["applicant", "host", "employer", "operator"].into_iter().find(|r| roles.contains(r)).unwrap()
}

/// Files a case of `service` as `who` with every document, and submits it.
pub async fn file(w: &World, who: &str, service: &str, extra: &[(&str, &str)]) -> Value {
    file_at(w, who, service, "BAK1", extra).await
}

/// Files a case at `office`, with every document, and submits it.
pub async fn file_at(w: &World, who: &str, service: &str, office: &str, extra: &[(&str, &str)]) -> Value {
    let a = submit_answer(w, who, service, office, extra).await;
    assert_eq!(a.status, StatusCode::OK, "{service} submit: {}", a.json);
    a.json
}

/// Files a case at the first office with every document and submits it; the submission's
/// answer, whatever it is.
pub async fn file_answer(w: &World, who: &str, service: &str, extra: &[(&str, &str)]) -> Answer {
    submit_answer(w, who, service, "BAK1", extra).await
}

async fn submit_answer(w: &World, who: &str, service: &str, office: &str, extra: &[(&str, &str)]) -> Answer {
    let cat = Catalogue::builtin().unwrap();
    let svc = cat.get(service).unwrap();
    let mut form = valid_form(svc, w.state.clock.today());
    for (k, v) in extra {
        form.insert((*k).to_owned(), (*v).to_owned());
    }
    let p = person(w, who);
    let a = call(
        w,
        Some(p),
        "POST",
        "/api/v1/cases",
        json!({ "service": service, "office": office, "form": form }).to_string(),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{service}: {}", a.json);
    let id = a.json["id"].as_str().unwrap().to_owned();
    for d in svc.documents().iter().enumerate().filter(|(i, d)| d.required || *i == 0).map(|(_, d)| d) {
        let a = call(w, Some(p), "POST", &format!("/api/v1/cases/{id}/documents?doc_type={}", d.code), pdf())
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{service} {}: {}", d.code, a.json);
    }
    act(w, who, &id, json!({ "action": "submit" })).await
}

pub async fn act(w: &World, who: &str, id: &str, body: Value) -> Answer {
    call(w, Some(person(w, who)), "POST", &format!("/api/v1/cases/{id}/actions"), body.to_string()).await
}

pub async fn ok(w: &World, who: &str, id: &str, body: Value) -> Value {
    let a = act(w, who, id, body.clone()).await;
    assert_eq!(a.status, StatusCode::OK, "{who} {body}: {}", a.json);
    a.json
}

/// Takes a submitted case to a decision: accept, assign, review, propose, confirm.
pub async fn decide(w: &World, id: &str, sensitive: bool, decision: Value) -> Value {
    let (first, second) =
        if sensitive { ("refugee_officer", "refugee_officer2") } else { ("officer", "officer2") };
    let assigner = if sensitive { first } else { "supervisor" };
    decide_by(w, id, first, second, assigner, decision).await
}

/// Takes a submitted case to a decision with the given officers; a grant whose state duty is
/// paid after the decision is paid at once through the payment gateway, so the answer is the
/// grant in effect (see [`decide_unpaid`] for the decision alone).
pub async fn decide_by(
    w: &World,
    id: &str,
    first: &str,
    second: &str,
    assigner: &str,
    decision: Value,
) -> Value {
    let decided = decide_unpaid(w, id, first, second, assigner, decision).await;
    if decided["state"] != "awaiting_payment" {
        return decided;
    }
    pay(w, &decided).await;
    let a = call(w, Some(person(w, first)), "GET", &format!("/api/v1/cases/{id}"), "").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    a.json
}

/// Takes a submitted case to a decision: accept, assign, review, propose (for a service the
/// President decides: forward, then enter the decree), confirm.
pub async fn decide_unpaid(
    w: &World,
    id: &str,
    first: &str,
    second: &str,
    assigner: &str,
    decision: Value,
) -> Value {
    ok(w, first, id, json!({ "action": "accept" })).await;
    ok(w, assigner, id, json!({ "action": "assign", "officer": person(w, first).id })).await;
    ok(w, first, id, json!({ "action": "start_review" })).await;
    if decision["action"] == "record_decree" {
        ok(w, first, id, json!({ "action": "forward" })).await;
    }
    ok(w, first, id, decision).await;
    ok(w, second, id, json!({ "action": "confirm" })).await
}

/// The payment gateway, as the core sees it.
pub fn gateway() -> Actor {
    Actor {
        id: "token:gateway".into(),
        role: umis_domain::Role::PaymentGateway,
        office: None,
        all_offices: false,
    }
}

/// Pays the duty a decided case shows, as the payment gateway reports it.
pub async fn pay(w: &World, case: &Value) -> umis_core::cases::PaymentRecorded {
    let report = umis_core::cases::PaymentReport {
        payment_number: case["duty"]["payment_number"].as_str().unwrap().to_owned(),
        amount_minor: case["duty"]["amount_minor"].as_i64().unwrap(),
        reference: format!("GW-{}", &case["id"].as_str().unwrap()[..8].to_ascii_uppercase()),
        paid_at: "2026-01-01T10:00:00+04:00".into(),
    };
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        umis_core::cases::record_payment(
            &st.store,
            st.packs.catalogue(),
            &st.clock,
            &st.keys,
            &gateway(),
            &report,
        )
    })
    .await
    .unwrap()
    .unwrap()
}

/// The proposal that grants `service`: the office's own approval, or for a service the President
/// decides, the decree that grants it.
/// Takes a submitted appeal to the appeal board's decision (two members, four eyes).
pub async fn decide_appeal(w: &World, id: &str, decision: Value) -> Value {
    decide_by(w, id, "appeal_board", "appeal_board2", "appeal_board", decision).await
}

/// A refusal proposal citing `grounds` (coded) with an optional note.
pub fn refuse(grounds: &[&str], note: Option<&str>) -> Value {
    match note {
        Some(n) => json!({ "action": "propose", "decision": "refuse", "grounds": grounds, "note": n }),
        None => json!({ "action": "propose", "decision": "refuse", "grounds": grounds }),
    }
}

/// Cancels an issued document with four eyes: `officer` proposes on `grounds`, `officer2`
/// confirms; returns the confirmation's answer.
pub async fn cancel(w: &World, number: &str, grounds: &[&str]) -> Answer {
    let path = format!("/api/v1/issued/{number}/revoke");
    let body = json!({ "action": "propose", "grounds": grounds, "note": "matrix of the law" }).to_string();
    let a = call(w, Some(person(w, "officer")), "POST", &path, body).await;
    assert_eq!(a.status, StatusCode::OK, "proposed: {}", a.json);
    call(w, Some(person(w, "officer2")), "POST", &path, json!({ "action": "confirm" }).to_string()).await
}

pub fn approve_for(service: &str) -> Value {
    match service {
        "citizenship_affiliation" => {
            json!({ "action": "propose", "decision": "approve", "outcome": "undetermined" })
        }
        "citizenship_acquisition" | "citizenship_restoration" | "citizenship_renunciation" => {
            json!({ "action": "record_decree", "decision": "approve", "number": "1234", "date": "2026-11-02" })
        }
        _ => json!({ "action": "propose", "decision": "approve" }),
    }
}

/// A portal page as `who` (None: anonymous): GET with the session cookie, as a browser would.
pub async fn page(w: &World, who: Option<&Person>, path: &str) -> Answer {
    let mut req = Request::builder().method("GET").uri(path).header(header::HOST, "umis.test");
    if let Some(p) = who {
        req = req.header(header::COOKIE, format!("__Host-umis_session={}", p.cookie));
    }
    let a = raw(w, req.body(Body::empty()).unwrap()).await;
    assert!(a.status.as_u16() < 500, "GET {path}: {}", a.status);
    a
}

/// Posts a portal form as `who` with the session's CSRF token, from this site.
pub async fn post_form(w: &World, who: Option<&Person>, path: &str, fields: &[(&str, &str)]) -> Answer {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    if let Some(p) = who {
        all.push(("csrf_token", &p.csrf));
    }
    post_form_raw(w, who, path, &all, &[]).await
}

/// Posts a portal form exactly as given (no token added), with extra headers.
pub async fn post_form_raw(
    w: &World,
    who: Option<&Person>,
    path: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> Answer {
    let body = form_urlencoded_body(fields);
    let mut req = Request::builder()
        .method("POST")
        .uri(path)
        .header(header::HOST, "umis.test")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(p) = who {
        req = req.header(header::COOKIE, format!("__Host-umis_session={}", p.cookie));
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let a = raw(w, req.body(Body::from(body)).unwrap()).await;
    assert!(a.status.as_u16() < 500, "POST {path}: {} {}", a.status, a.text());
    a
}

/// `application/x-www-form-urlencoded` encoding of `fields`.
pub fn form_urlencoded_body(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        let mut out = String::new();
        for b in s.bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(b as char),
                b' ' => out.push('+'),
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
        out
    }
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

impl Answer {
    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
    /// Where a redirect points.
    pub fn location(&self) -> Option<String> {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).map(str::to_owned)
    }
}
