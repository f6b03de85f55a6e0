//! Staff sign in with a password and then a TOTP code: until the code is given the session
//! opens no route; five wrong codes end it (without locking the account out); and a code is
//! good once, so a replayed or older one is refused.

use super::{
    Access, PASSWORD, ROUTES, Secrets, StatusCode, Via, World, code, concrete, give_code, half_csrf, issued,
    me, on_each_db, send, sign_in_with, summary,
};
use serde_json::json;

#[test]
fn a_staff_session_without_its_code_is_good_for_nothing() {
    summary(&on_each_db(|w, secrets| async move {
        let routes = half_session_opens_nothing(&w).await;
        five_wrong_codes_end_the_half_session(&w, &secrets).await;
        a_code_is_good_once(&w, &secrets).await;
        let line = format!(
            "staff without TOTP: {routes} person routes -> 401; 5 wrong codes end the half session; \
             replayed and older codes refused: pass"
        );
        (w, line)
    }));
}

/// Every route of a signed-in person refuses a session still waiting for its code; returns how
/// many routes were tried.
async fn half_session_opens_nothing(w: &World) -> usize {
    let a = sign_in_with(w, "officer", PASSWORD, Via::default()).await;
    let (half, csrf) = (issued(&a), a.json["csrf_token"].as_str().unwrap().to_owned());
    let routes: Vec<_> = ROUTES.iter().filter(|r| matches!(r.access, Access::Person(_))).collect();
    for rule in &routes {
        let r = send(w, rule.method, &concrete(rule.path), Via::session(&half, &csrf), "{}").await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{} {}: {}", rule.method, rule.path, r.json);
    }
    assert_eq!(me(w, &half).await.1["second_factor_required"], true, "still waiting for its code");
    routes.len()
}

/// Five wrong codes end the half session; bodies refused before the code is read do not count.
/// After the wait the account signs in as usual.
async fn five_wrong_codes_end_the_half_session(w: &World, secrets: &Secrets) {
    let secret = &secrets["officer2"];
    let half = issued(&sign_in_with(w, "officer2", PASSWORD, Via::default()).await);
    let right = code(w, secret, 0);
    let wrong = (1..1000)
        .map(|i| format!("{:06}", (right.parse::<u32>().unwrap() + i) % 1_000_000))
        .find(|c| (-1..=1).all(|o| code(w, secret, o) != *c))
        .unwrap();
    let body = |c: &str| json!({ "code": c }).to_string();
    let unknown_field = r#"{"code":"123456","trusted":true}"#;
    let attempts: Vec<(&str, String, StatusCode)> = vec![
        ("oversized body", body(&"9".repeat(20_000)), StatusCode::PAYLOAD_TOO_LARGE),
        ("a number, not a string", r#"{"code":123456}"#.into(), StatusCode::UNPROCESSABLE_ENTITY),
        ("an unknown field", unknown_field.into(), StatusCode::UNPROCESSABLE_ENTITY),
        ("a wrong code", body(&wrong), StatusCode::UNAUTHORIZED),
        ("empty", body(""), StatusCode::UNAUTHORIZED),
        ("five digits", body("12345"), StatusCode::UNAUTHORIZED),
        ("full-width digits", body("１２３４５６"), StatusCode::UNAUTHORIZED),
        ("ten thousand digits", body(&"9".repeat(10_000)), StatusCode::UNAUTHORIZED),
    ];
    for (case, body, status) in &attempts {
        let csrf = half_csrf(w, &half).await;
        let r = send(w, "POST", "/api/v1/session/totp", Via::session(&half, &csrf), body.clone()).await;
        assert_eq!(r.status, *status, "{case}: {}", r.json);
    }
    assert_eq!(give_code(w, &half, &right).await.status, StatusCode::UNAUTHORIZED, "after five wrong");
    assert_eq!(me(w, &half).await.0, StatusCode::UNAUTHORIZED, "the half session has ended");
    w.state.clock.advance_secs(30);
    let again = issued(&sign_in_with(w, "officer2", PASSWORD, Via::default()).await);
    let r = give_code(w, &again, &code(w, secret, 0)).await;
    assert_eq!(r.status, StatusCode::OK, "not locked out after the wait: {}", r.json);
}

/// A code is good once: the one just used, and older ones, are refused (without ending the
/// half session); the next step's code works.
async fn a_code_is_good_once(w: &World, secrets: &Secrets) {
    let secret = &secrets["supervisor"];
    let used = code(w, secret, 0);
    let first = issued(&sign_in_with(w, "supervisor", PASSWORD, Via::default()).await);
    assert_eq!(give_code(w, &first, &used).await.status, StatusCode::OK);
    let second = issued(&sign_in_with(w, "supervisor", PASSWORD, Via::default()).await);
    for (case, c) in [("the code just used", used.clone()), ("the step before", code(w, secret, -1))] {
        assert_eq!(give_code(w, &second, &c).await.status, StatusCode::UNAUTHORIZED, "{case}");
    }
    assert_eq!(me(w, &second).await.1["second_factor_required"], true, "still half signed in");
    w.state.clock.advance_secs(30);
    let next = give_code(w, &second, &code(w, secret, 0)).await;
    assert_eq!(next.status, StatusCode::OK, "the next step's code: {}", next.json);
}
