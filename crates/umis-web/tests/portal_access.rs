//! The portal's access rules, walked: every page of every area's `ROUTES` table, opened by a
//! visitor without a session and by a signed-in person of every role, on SQLite and PostgreSQL.
//! Pages behind a role send visitors to the sign-in page and refuse other roles (audited);
//! every form refuses a post without the session's CSRF token or from another site; no page
//! answers a server error to any of them.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;
use umis_domain::Role;
use umis_store::testing::TestDb;
use umis_web::portal::{PageAccess, routes};

const PEOPLE: &[&str] = &[
    "applicant",
    "host",
    "employer",
    "operator",
    "officer",
    "supervisor",
    "refugee_officer",
    "appeal_board",
    "border_officer",
    "auditor",
    "admin",
];

fn concrete(path: &str) -> String {
    // Placeholders get a value that names nothing: the rule is checked before any lookup.
    let mut out = String::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').map_or(rest.len(), |e| start + e + 1);
        out.push_str(if rest[start..end].contains("name") { "umis.css" } else { "nothing-here" });
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn walk(db: TestDb) {
    let rt = runtime();
    let backend = db.dialect();
    let (w, secrets) = world(db);
    let w = rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let mut cells = 0;
        // Signing out ends the sessions the walk uses, so it comes last.
        let mut rules: Vec<_> = routes().collect();
        rules.sort_by_key(|r| r.path == "/sign-out");
        for rule in rules {
            let path = concrete(rule.path);
            for who in std::iter::once(None).chain(PEOPLE.iter().map(|p| Some(*p))) {
                let person = who.map(|p| person(&w, p));
                let role = who.map(|p| Role::parse(p).unwrap());
                let allowed = match rule.access {
                    PageAccess::Public => true,
                    PageAccess::SignedIn => who.is_some(),
                    PageAccess::Person(roles) => role.is_some_and(|r| roles.contains(&r)),
                };
                if rule.method == "POST" && allowed && who.is_some() {
                    let p = person.unwrap();
                    let missing = post_form_raw(&w, Some(p), &path, &[], &[]).await;
                    assert_eq!(missing.status, StatusCode::FORBIDDEN, "{rule:?} as {who:?} without token");
                    let wrong = post_form_raw(&w, Some(p), &path, &[("csrf_token", "0000")], &[]).await;
                    assert_eq!(wrong.status, StatusCode::FORBIDDEN, "{rule:?} as {who:?} wrong token");
                    let cross = post_form_raw(
                        &w,
                        Some(p),
                        &path,
                        &[("csrf_token", &p.csrf)],
                        &[("origin", "https://evil.example"), ("sec-fetch-site", "cross-site")],
                    )
                    .await;
                    assert_eq!(cross.status, StatusCode::FORBIDDEN, "{rule:?} as {who:?} cross-site");
                }
                let a = if rule.method == "GET" {
                    page(&w, person, &path).await
                } else {
                    post_form(&w, person, &path, &[]).await
                };
                cells += 1;
                let to_sign_in = a.status == StatusCode::SEE_OTHER
                    && a.location().is_some_and(|l| l.starts_with("/sign-in"));
                if allowed {
                    assert!(
                        a.status != StatusCode::FORBIDDEN && !to_sign_in,
                        "{rule:?} as {who:?}: refused ({})",
                        a.status
                    );
                } else if who.is_none() {
                    assert!(to_sign_in, "{rule:?} anonymous: {} {:?}", a.status, a.location());
                } else {
                    assert_eq!(a.status, StatusCode::FORBIDDEN, "{rule:?} as {who:?}");
                    assert!(a.text().contains("govuk-heading-l"), "a refusal is a page");
                }
            }
        }
        println!("portal access: {cells} cells on {backend:?}");
        w
    });
    drop(w);
}

#[test]
fn every_page_enforces_its_rule_on_both_databases() {
    for db in TestDb::both().unwrap() {
        walk(db);
    }
}

#[test]
fn pages_are_html_with_the_portal_policy_in_every_language() {
    let rt = runtime();
    let (w, _) = world(TestDb::sqlite().unwrap());
    let w = rt.block_on(async move {
        for lang in ["az", "en", "ru"] {
            let a = page(&w, None, &format!("/?lang={lang}")).await;
            assert_eq!(a.status, StatusCode::OK);
            let csp = a.headers["content-security-policy"].to_str().unwrap();
            assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), "{csp}");
            assert!(a.text().contains(&format!("<html lang=\"{lang}\"")));
            let cookie = a.headers["set-cookie"].to_str().unwrap();
            assert!(cookie.starts_with(&format!("umis_lang={lang};")), "{cookie}");
        }
        let sign_in = page(&w, None, "/sign-in?next=%2F%2Fevil.example").await;
        assert!(sign_in.text().contains("name=\"next\" value=\"/\""), "an outside next is dropped");
        w
    });
    drop(w);
}

#[test]
fn unknown_paths_answer_a_page_or_a_problem_document() {
    let rt = runtime();
    let (w, _) = world(TestDb::sqlite().unwrap());
    let w = rt.block_on(async move {
        let page_404 = page(&w, None, "/no/such/page?lang=ru").await;
        assert_eq!(page_404.status, StatusCode::NOT_FOUND);
        assert!(page_404.text().contains("<html lang=\"ru\""), "a page in the reader's language");
        let api_404 = call(&w, None, "GET", "/api/v1/no-such-thing", "").await;
        assert_eq!(api_404.status, StatusCode::NOT_FOUND);
        assert_eq!(api_404.json["status"], 404, "the API keeps its problem documents");
        w
    });
    drop(w);
}

#[test]
fn refusals_by_pages_are_audited() {
    let rt = runtime();
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    let w = rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let audited = |w: &World| w.state.store.counts().unwrap().audit_log;
        let applicant = person(&w, "applicant");
        // An object the applicant may not see (the core answers "not found").
        let before = audited(&w);
        let a = page(&w, Some(applicant), "/applications/someone-elses-case").await;
        assert_eq!(a.status, StatusCode::NOT_FOUND);
        assert_eq!(audited(&w), before + 1, "an object-level refusal is audited");
        // A form without the session's token.
        let before = audited(&w);
        let a = post_form_raw(&w, Some(applicant), "/applications/x/answer", &[("answer", "x")], &[]).await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert_eq!(audited(&w), before + 1, "a missing CSRF token is audited");
        // A visitor without a session at a signed-in page.
        let before = audited(&w);
        let a = page(&w, None, "/applications").await;
        assert_eq!(a.status, StatusCode::SEE_OTHER);
        assert_eq!(audited(&w), before + 1, "an unauthenticated visit is audited");
        w
    });
    drop(w);
}
