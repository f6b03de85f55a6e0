//! How sessions end: sign-out, password change (other sessions die, weak or unproven changes
//! change nothing), disabling by an administrator, and the idle and absolute timeouts.

use super::{
    PASSWORD, Secrets, Via, World, column, issued, me, on_each_db, send, session_of, sign_in_with, summary,
    support,
};
use axum::http::StatusCode;
use serde_json::json;
use umis_core::accounts::session::{ABSOLUTE_SECS, IDLE_SECS};

const SIGN_OUT: &str = "/api/v1/session";
const PASSWORD_CHANGE: &str = "/api/v1/session/password";
const INVALID: StatusCode = StatusCode::UNPROCESSABLE_ENTITY;

#[test]
fn sessions_end_on_sign_out_password_change_and_disabling() {
    summary(&on_each_db(|w, secrets| async move {
        let lines = [sign_out(&w).await, password_change(&w).await, disabling(&w, &secrets).await];
        (w, lines.join("\n"))
    }));
}

/// Signing out ends the session on the server, and only that session.
async fn sign_out(w: &World) -> String {
    let (cookie, csrf) = session_of(w, "applicant").await;
    let (other, _) = session_of(w, "applicant").await;
    let out = send(w, "DELETE", SIGN_OUT, Via::session(&cookie, &csrf), "").await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(me(w, &cookie).await.0, StatusCode::UNAUTHORIZED, "the old cookie after sign-out");
    let again = send(w, "DELETE", SIGN_OUT, Via::session(&cookie, &csrf), "").await;
    assert_eq!(again.status, StatusCode::UNAUTHORIZED, "signing out twice");
    assert_eq!(me(w, &other).await.0, StatusCode::OK, "sign-out ends only its own session");
    "logout: the old cookie gets 401 afterwards: pass".to_owned()
}

/// A password change ends every other session and returns a working one; a refused change
/// (current password wrong, new one weak, body oversized) changes nothing.
async fn password_change(w: &World) -> String {
    let (a, csrf) = session_of(w, "applicant").await;
    let (b, _) = session_of(w, "applicant").await;
    let fine = "a fresh passphrase for spring";
    // (case, current password, new password, status, field named)
    let refused: Vec<(&str, &str, String, StatusCode, &str)> = vec![
        ("wrong current password", "not the password", fine.into(), INVALID, "current_password"),
        ("too short", PASSWORD, "short pw".into(), INVALID, "new_password"),
        ("blocklisted", PASSWORD, "1qaz2wsx3edc4rfv".into(), INVALID, "new_password"),
        ("blocklisted, capitals", PASSWORD, "1QAZ2WSX3EDC4RFV".into(), INVALID, "new_password"),
        ("the user name and digits", PASSWORD, "applicant2024202520".into(), INVALID, "new_password"),
        ("one repeated character", PASSWORD, "z".repeat(20), INVALID, "new_password"),
        ("too long", PASSWORD, "long ".repeat(60), INVALID, "new_password"),
        ("oversized body", PASSWORD, "x".repeat(20_000), StatusCode::PAYLOAD_TOO_LARGE, ""),
    ];
    let before = (column(w, USERS).await, column(w, SESSIONS).await);
    for (case, current, new, status, field) in &refused {
        let body = json!({ "current_password": current, "new_password": new }).to_string();
        let r = send(w, "POST", PASSWORD_CHANGE, Via::session(&a, &csrf), body).await;
        assert_eq!(r.status, *status, "{case}: {}", r.json);
        if !field.is_empty() {
            assert_eq!(r.json["errors"][0]["field"], *field, "{case}: {}", r.json);
        }
        assert!(r.headers.get("set-cookie").is_none(), "{case}: no new session");
    }
    let after = (column(w, USERS).await, column(w, SESSIONS).await);
    assert_eq!(before, after, "a refused change changes nothing");
    let body = json!({ "current_password": PASSWORD, "new_password": fine }).to_string();
    let r = send(w, "POST", PASSWORD_CHANGE, Via::session(&a, &csrf), body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.json);
    let n = issued(&r);
    assert_eq!(me(w, &a).await.0, StatusCode::UNAUTHORIZED, "the session that asked");
    assert_eq!(me(w, &b).await.0, StatusCode::UNAUTHORIZED, "another session");
    assert_eq!(me(w, &n).await.0, StatusCode::OK, "the returned session");
    let old = sign_in_with(w, "applicant", PASSWORD, Via::default()).await;
    assert_eq!(old.status, StatusCode::UNAUTHORIZED);
    assert_eq!(sign_in_with(w, "applicant", fine, Via::default()).await.status, StatusCode::OK);
    format!(
        "password change: other sessions die, the new one works; {} refused changes (wrong current, \
         weak, oversized) changed nothing: pass",
        refused.len()
    )
}

const USERS: &str =
    "SELECT id || '|' || password_hash || '|' || COALESCE(disabled_at, '-') FROM users ORDER BY id";
const SESSIONS: &str = "SELECT id_hash || '|' || user_id FROM sessions ORDER BY id_hash";

/// Disabling an account ends its live sessions at once, and its sign-in is refused exactly
/// like a wrong password.
async fn disabling(w: &World, secrets: &Secrets) -> String {
    let admin = support::sign_in(w, "admin", &secrets["admin"]).await;
    let host = secrets["host#id"].clone();
    let (h1, _) = session_of(w, "host").await;
    let (h2, _) = session_of(w, "host").await;
    let (other, _) = session_of(w, "employer").await;
    let reference = sign_in_with(w, "employer", "not the password", Via::default()).await;
    let uri = format!("/api/v1/admin/users/{host}/disable");
    let d = support::call(w, Some(&admin), "POST", &uri, "").await;
    assert_eq!(d.status, StatusCode::NO_CONTENT, "{}", d.json);
    for s in [&h1, &h2] {
        assert_eq!(me(w, s).await.0, StatusCode::UNAUTHORIZED, "a live session of the disabled account");
    }
    assert_eq!(me(w, &other).await.0, StatusCode::OK, "other accounts are untouched");
    assert!(column(w, SESSIONS).await.iter().all(|s| !s.ends_with(&format!("|{host}"))));
    for password in [PASSWORD, "not the password"] {
        let a = sign_in_with(w, "host", password, Via::default()).await;
        let same =
            (a.status, &a.headers, &a.bytes) == (reference.status, &reference.headers, &reference.bytes);
        assert!(same, "disabled, {password:?}: {} {} vs {}", a.status, a.json, reference.json);
    }
    "disable: live sessions die at once; sign-in refused exactly like a wrong password: pass".to_owned()
}

#[test]
fn sessions_end_after_thirty_idle_minutes_and_twelve_hours_in_all() {
    let every = |minutes: i64, n: i64| (0..n).map(move |_| (minutes * 60, StatusCode::OK));
    let until_absolute = ABSOLUTE_SECS / 1200;
    // (case, [(seconds to wait before a request, its status)])
    let cases: Vec<(&str, Vec<(i64, StatusCode)>)> = vec![
        ("idle 29 min", vec![(29 * 60, StatusCode::OK)]),
        ("idle exactly 30 min", vec![(IDLE_SECS, StatusCode::OK)]),
        ("idle 30 min 1 s", vec![(IDLE_SECS + 1, StatusCode::UNAUTHORIZED)]),
        (
            "idle 31 min, then at once",
            vec![(31 * 60, StatusCode::UNAUTHORIZED), (0, StatusCode::UNAUTHORIZED)],
        ),
        (
            "a request every 20 min: alive to 12 h, then dead",
            every(20, until_absolute).chain([(1200, StatusCode::UNAUTHORIZED)]).collect(),
        ),
        (
            "a request every 29 min past 12 h",
            every(29, ABSOLUTE_SECS / (29 * 60)).chain([(29 * 60, StatusCode::UNAUTHORIZED)]).collect(),
        ),
    ];
    let n = cases.len();
    summary(&on_each_db(|w, _| {
        let cases = cases.clone();
        async move {
            for (case, steps) in &cases {
                let (cookie, _) = session_of(&w, "applicant").await;
                for (i, (wait, status)) in steps.iter().enumerate() {
                    w.state.clock.advance_secs(*wait);
                    assert_eq!(me(&w, &cookie).await.0, *status, "{case}, request {}", i + 1);
                }
            }
            let (fresh, _) = session_of(&w, "applicant").await;
            assert_eq!(me(&w, &fresh).await.0, StatusCode::OK, "signing in anew works");
            let line = format!(
                "timeouts: {n} timelines; idle > 30 min -> 401, activity every 20 min alive until 12 h -> 401: pass"
            );
            (w, line)
        }
    }));
}

/// The server's background sweep deletes sessions past either limit and no other.
#[test]
fn abandoned_sessions_are_swept_from_the_database() {
    summary(&on_each_db(|w, _| async move {
        let (idle, _) = session_of(&w, "applicant").await;
        w.state.clock.advance_secs(IDLE_SECS);
        let (recent, _) = session_of(&w, "applicant").await;
        let before = column(&w, SESSIONS).await;
        let st = w.state.clone();
        let sweep = move || umis_core::accounts::session::sweep_expired(&st.store, &st.clock).unwrap();
        let at_the_limit = tokio::task::spawn_blocking(sweep.clone()).await.unwrap();
        assert_eq!(at_the_limit, 0, "a session idle exactly 30 min is still live");
        w.state.clock.advance_secs(1);
        let swept = tokio::task::spawn_blocking(sweep).await.unwrap();
        let after = column(&w, SESSIONS).await;
        assert_eq!(swept, 1, "{before:?} -> {after:?}");
        assert_eq!(before.len() - after.len(), 1);
        assert_eq!(me(&w, &idle).await.0, StatusCode::UNAUTHORIZED, "the swept session");
        assert_eq!(me(&w, &recent).await.0, StatusCode::OK, "the live session stays");
        (w, "sweep: only sessions past the idle or absolute limit are deleted: pass".to_owned())
    }));
}
