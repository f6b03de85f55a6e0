//! Sessions under attack, through the HTTP API on SQLite and PostgreSQL: an id chosen before
//! sign-in is never accepted and every sign-in step issues a new one; every cookie is
//! `__Host-` bound with its flags; sign-out, password change, disabling and the idle and
//! absolute timeouts end sessions; a staff session without its TOTP code is good for nothing.
//! The endings (`ending`), the second factor (`staff`), CSRF (`csrf`) and guessing
//! (`guessing`: throttling, spraying, enumeration) live in the modules under `sessions/`,
//! which share the helpers here.

#![expect(clippy::unwrap_used, reason = "tests fail loudly")]

#[path = "sessions/csrf.rs"]
mod csrf;
#[path = "sessions/ending.rs"]
mod ending;
#[path = "sessions/guessing.rs"]
mod guessing;
#[path = "sessions/staff.rs"]
mod staff;
use crate::support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::future::Future;
use std::net::SocketAddr;
use support::{Answer, PASSWORD, World, raw, runtime, world_at};
use umis_core::accounts::{password, totp};
use umis_core::clock::Clock;
use umis_store::testing::TestDb;
use umis_web::session_auth::SESSION_COOKIE;
use umis_web::{Access, ROUTES};

/// The TOTP secrets and account ids of a world (`name`, `name#id`).
type Secrets = BTreeMap<String, String>;

/// Runs `story` on a fresh world for each database, its clock manual and starting now; returns
/// each run's summary. The world is dropped outside the runtime: the PostgreSQL driver blocks.
fn on_each_db<F, Fut>(story: F) -> Vec<String>
where
    F: Fn(World, Secrets) -> Fut,
    Fut: Future<Output = (World, String)>,
{
    let mut lines = Vec::new();
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world_at(db, Clock::manual(Clock::System.now_ns()));
        let (w, line) = runtime().block_on(story(w, secrets));
        drop(w);
        lines.push(line);
    }
    lines
}

/// Prints the summary lines of a story after checking every database told the same one.
fn summary(lines: &[String]) {
    assert!(lines.windows(2).all(|p| p[0] == p[1]), "the databases differ: {lines:#?}");
    for line in lines[0].lines() {
        println!("{line} (on {} databases)", lines.len());
    }
}

/// How a request is sent: the session cookie and CSRF token, extra headers, the TCP peer.
#[derive(Default, Clone, Copy)]
struct Via<'a> {
    cookie: Option<&'a str>,
    csrf: Option<&'a str>,
    headers: &'a [(&'a str, &'a str)],
    peer: Option<[u8; 4]>,
}

impl<'a> Via<'a> {
    fn cookie(cookie: &'a str) -> Via<'a> {
        Via { cookie: Some(cookie), ..Via::default() }
    }

    fn session(cookie: &'a str, csrf: &'a str) -> Via<'a> {
        Via { cookie: Some(cookie), csrf: Some(csrf), ..Via::default() }
    }
}

async fn send(w: &World, method: &str, uri: &str, via: Via<'_>, body: impl Into<Body>) -> Answer {
    let mut b = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::HOST, "umis.test")
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(c) = via.cookie {
        b = b.header(header::COOKIE, format!("{SESSION_COOKIE}={c}"));
    }
    if let Some(t) = via.csrf {
        b = b.header("x-csrf-token", t);
    }
    for (k, v) in via.headers {
        b = b.header(*k, *v);
    }
    let mut req = b.body(body.into()).unwrap();
    if let Some(ip) = via.peer {
        req.extensions_mut().insert(ConnectInfo(SocketAddr::from((ip, 40_000))));
    }
    raw(w, req).await
}

async fn sign_in_with(w: &World, name: &str, password: &str, via: Via<'_>) -> Answer {
    let body = json!({ "username": name, "password": password }).to_string();
    send(w, "POST", "/api/v1/session", via, body).await
}

/// Who a cookie signs in as: the status of `GET /api/v1/session` and its body.
async fn me(w: &World, cookie: &str) -> (StatusCode, Value) {
    let a = send(w, "GET", "/api/v1/session", Via::cookie(cookie), "").await;
    (a.status, a.json)
}

/// What is wrong with a session `Set-Cookie` value (nothing: empty).
fn cookie_problems(set_cookie: &str) -> Vec<&'static str> {
    let mut parts = set_cookie.split(';').map(str::trim);
    let name = parts.next().and_then(|kv| kv.split_once('=')).map_or("", |(k, _)| k);
    let attrs: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
    let has = |a: &str| attrs.iter().any(|x| x == a);
    let mut problems = Vec::new();
    for (bad, problem) in [
        (!name.starts_with("__Host-"), "no __Host- prefix"),
        (!has("secure"), "not Secure"),
        (!has("httponly"), "not HttpOnly"),
        (!(has("samesite=strict") || has("samesite=lax")), "not SameSite=Strict or Lax"),
        (!has("path=/"), "not Path=/"),
        (attrs.iter().any(|a| a.starts_with("domain")), "has a Domain"),
    ] {
        if bad {
            problems.push(problem);
        }
    }
    problems
}

/// The session cookie an answer sets, after checking it is the only one and its attributes.
fn issued(a: &Answer) -> String {
    let all: Vec<&str> = a.headers.get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap()).collect();
    assert_eq!(all.len(), 1, "exactly one Set-Cookie: {all:?}");
    assert_eq!(cookie_problems(all[0]), Vec::<&str>::new(), "{}", all[0]);
    support::set_cookie(a).unwrap()
}

/// A new password-only session of `name`: (cookie, CSRF token).
async fn session_of(w: &World, name: &str) -> (String, String) {
    let a = sign_in_with(w, name, PASSWORD, Via::default()).await;
    assert_eq!(a.status, StatusCode::OK, "{name}: {}", a.json);
    (issued(&a), a.json["csrf_token"].as_str().unwrap().to_owned())
}

/// The TOTP code `offset_steps` steps from the world's time.
fn code(w: &World, secret: &str, offset_steps: i64) -> String {
    let s = totp::TotpSecret::from_base32(secret).unwrap();
    let at = w.state.clock.now_ns() / 1_000_000_000 + offset_steps * 30;
    format!("{:06}", totp::code_at(&s, u64::try_from(at).unwrap()))
}

async fn give_code(w: &World, half: &str, code: &str) -> Answer {
    let csrf = half_csrf(w, half).await;
    send(w, "POST", "/api/v1/session/totp", Via::session(half, &csrf), json!({ "code": code }).to_string())
        .await
}

/// The CSRF token of a (half-)signed-in session, as `GET /api/v1/session` tells it (empty
/// when the session is dead).
async fn half_csrf(w: &World, half: &str) -> String {
    me(w, half).await.1["csrf_token"].as_str().unwrap_or_default().to_owned()
}

/// Rows of a one-column text query, for looking at what the server stored.
async fn column(w: &World, sql: &'static str) -> Vec<String> {
    let st = w.state.clone();
    tokio::task::spawn_blocking(move || {
        umis_store::testing::rows(&st.store, sql, &[]).unwrap().iter().map(|r| r.text(0).unwrap()).collect()
    })
    .await
    .unwrap()
}

/// A concrete URI for a route template (the ids need not exist).
fn concrete(path: &str) -> String {
    ["{id}", "{doc_id}", "{number}", "{credential}", "{issuing_state}", "{document_number}"]
        .iter()
        .fold(path.to_owned(), |p, t| p.replace(t, "x1"))
}

#[test]
fn a_session_id_chosen_before_sign_in_is_never_accepted() {
    summary(&on_each_db(|w, secrets| async move {
        // An attacker's own live session, and what a copy of the database shows of it.
        let (theirs, their_csrf) = session_of(&w, "applicant2").await;
        let stored = column(&w, "SELECT id_hash FROM sessions").await;
        assert_eq!(stored.len(), 1);
        let attacker = secrets["applicant2#id"].clone();
        // (what is planted, the cookie, whom it signs in as before and after the victim signs in)
        let planted: Vec<(&str, String, Option<&str>)> = vec![
            ("random, shaped like ours", password::random_secret(32), None),
            ("the attacker's word", "attacker-chosen".into(), None),
            ("empty", String::new(), None),
            ("64 hex digits", "0".repeat(64), None),
            ("oversized", "A".repeat(10_000), None),
            ("separators", "a=b; c=d".into(), None),
            ("not ASCII", "сессия-😀".into(), None),
            ("a stored id hash", stored[0].clone(), None),
            ("a live session's CSRF token", their_csrf, None),
            ("the attacker's own live session", theirs, Some(attacker.as_str())),
        ];
        for (label, s0, owner) in &planted {
            let whom = |(status, body): (StatusCode, Value)| match owner {
                Some(id) => status == StatusCode::OK && body["id"] == *id,
                None => status == StatusCode::UNAUTHORIZED,
            };
            assert!(whom(me(&w, s0).await), "{label}: before sign-in");
            let a = sign_in_with(&w, "applicant", PASSWORD, Via::cookie(s0)).await;
            assert_eq!(a.status, StatusCode::OK, "{label}: {}", a.json);
            let s1 = issued(&a);
            assert_ne!(&s1, s0, "{label}: a new id at sign-in");
            assert!(whom(me(&w, s0).await), "{label}: after the victim signed in");
            assert_eq!(me(&w, &s1).await.1["id"], secrets["applicant#id"].as_str(), "{label}");
        }
        staff_ids_change_with_the_code(&w, &secrets, &planted[0].1).await;
        let line = format!(
            "fixation: {} planted ids never accepted, new id at sign-in and again after TOTP: pass",
            planted.len()
        );
        (w, line)
    }));
}

/// A staff sign-in over a planted cookie: the half-signed-in id is new, replaced again when the
/// code is given, and dead after.
async fn staff_ids_change_with_the_code(w: &World, secrets: &Secrets, planted: &str) {
    let a = sign_in_with(w, "officer", PASSWORD, Via::cookie(planted)).await;
    let half = issued(&a);
    assert!(half != planted && a.json["second_factor_required"] == true, "{}", a.json);
    assert_eq!(me(w, &half).await.1["second_factor_required"], true);
    let t = give_code(w, &half, &code(w, &secrets["officer"], 0)).await;
    assert_eq!(t.status, StatusCode::OK, "{}", t.json);
    let full = issued(&t);
    assert!(full != half && full != planted, "a new id after the second factor");
    assert_eq!(me(w, &half).await.0, StatusCode::UNAUTHORIZED, "the half-signed-in id is dead");
    assert_eq!(me(w, &full).await.1["second_factor_required"], false);
    assert_eq!(me(w, planted).await.0, StatusCode::UNAUTHORIZED, "the planted id stays dead");
}

#[test]
fn every_set_cookie_is_host_bound_secure_http_only_and_same_site() {
    let good = "__Host-umis_session=v; Path=/; Secure; HttpOnly; SameSite=Strict";
    for (cookie, problems) in [
        (good.to_owned(), vec![]),
        (good.replace("SameSite=Strict", "SameSite=Lax"), vec![]),
        (good.replace("__Host-", ""), vec!["no __Host- prefix"]),
        (good.replace("; Secure", ""), vec!["not Secure"]),
        (good.replace("; HttpOnly", ""), vec!["not HttpOnly"]),
        (good.replace("Strict", "None"), vec!["not SameSite=Strict or Lax"]),
        (good.replace("Path=/", "Path=/api"), vec!["not Path=/"]),
        (format!("{good}; Domain=umis.test"), vec!["has a Domain"]),
    ] {
        assert_eq!(cookie_problems(&cookie), problems, "{cookie}");
    }
    summary(&on_each_db(|w, secrets| async move {
        let mut seen = Vec::new();
        let a = sign_in_with(&w, "applicant", PASSWORD, Via::default()).await;
        let (cookie, csrf) = (issued(&a), a.json["csrf_token"].as_str().unwrap().to_owned());
        seen.push(("sign-in", a));
        let half = sign_in_with(&w, "officer", PASSWORD, Via::default()).await;
        let t = give_code(&w, &issued(&half), &code(&w, &secrets["officer"], 0)).await;
        seen.extend([("half sign-in", half), ("second factor", t)]);
        let body = json!({ "current_password": PASSWORD, "new_password": "another long passphrase 7" });
        let p = send(&w, "POST", "/api/v1/session/password", Via::session(&cookie, &csrf), body.to_string());
        let p = p.await;
        let (cookie, csrf) = (issued(&p), p.json["csrf_token"].as_str().unwrap().to_owned());
        seen.push(("password change", p));
        let out = send(&w, "DELETE", "/api/v1/session", Via::session(&cookie, &csrf), "").await;
        assert_eq!(out.status, StatusCode::NO_CONTENT);
        seen.push(("sign-out", out));
        for (label, a) in &seen {
            assert!(a.status.is_success(), "{label}: {}", a.json);
            issued(a);
        }
        let cleared = seen[4].1.headers[header::SET_COOKIE].to_str().unwrap();
        assert!(cleared.starts_with(&format!("{SESSION_COOKIE}=;")) && cleared.contains("Max-Age=0"));
        let line = format!(
            "cookies: {} kinds of Set-Cookie (sign-in, half sign-in, TOTP, password change, sign-out): \
             __Host-, Secure, HttpOnly, SameSite=Strict, Path=/, no Domain on 100%",
            seen.len()
        );
        (w, line)
    }));
}
