//! The public pages, on SQLite and PostgreSQL: every page in Azerbaijani, English and Russian;
//! the calculators give the spec's answers; the status lookup answers an unknown number and a
//! wrong date of birth identically and catches typing errors; verification of a real, a forged
//! and a revoked document; statistics counts with small counts withheld, and their CSV; hostile
//! input answered with an error summary, never a server error or a script.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;
use umis_store::testing::TestDb;

const HOSTILE: &[&str] = &[
    "",
    "<script>alert('umis-injected')</script>",
    "\"><img src=x onerror=alert(1)>",
    "'; DROP TABLE cases; --",
    "Иванов 漢字",
];

fn enc(s: &str) -> String {
    form_urlencoded_body(&[("v", s)]).trim_start_matches("v=").to_owned()
}

fn clean(html: &str) {
    assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "unescaped input: {html}");
}

#[test]
fn every_public_page_renders_in_every_language() {
    for db in TestDb::both().unwrap() {
        let (w, _) = world(db);
        let done = runtime().block_on(async {
            for path in ["/stay-calculator", "/registration-deadline", "/status", "/verify", "/statistics"] {
                for lang in ["az", "en", "ru"] {
                    let a = page(&w, None, &format!("{path}?lang={lang}")).await;
                    assert_eq!(a.status, StatusCode::OK, "{path} {lang}");
                    let html = a.text();
                    assert!(html.contains(&format!("lang=\"{lang}\"")), "{path} {lang}");
                    assert!(html.contains("govuk-template__body"), "{path}: the portal frame");
                    assert!(!html.contains(" style="), "{path}: no inline style");
                }
            }
            w
        });
        drop(done);
    }
}

#[test]
fn the_calculators_give_the_specs_answers() {
    for db in TestDb::both().unwrap() {
        let (w, _) = world(db);
        let done = runtime().block_on(async {
            // Schengen, SEM example 2: 77 days used, may stay until 2014-12-13.
            let a = page(&w, None, "/stay-calculator?lang=en&pack=schengen&mode=control&date=2014-11-30&entry_0=2014-08-15&exit_0=2014-09-30&entry_1=2014-11-01&exit_1=2014-11-30").await;
            let html = a.text();
            assert_eq!(a.status, StatusCode::OK, "{html}");
            assert!(html.contains("id=\"days-used\">77<"), "{html}");
            assert!(html.contains("13 December 2014"), "{html}");
            // Example 1, planning: 90 days, latest exit 2015-03-31.
            let a = page(&w, None, "/stay-calculator?lang=en&pack=schengen&mode=planning&date=2015-01-01&entry_0=2014-08-15&exit_0=2014-09-30").await;
            let html = a.text();
            assert!(html.contains("id=\"days-used\">47<") && html.contains("31 March 2015"), "{html}");
            // Example 5: an overstay of 9 days, first unlawful day 2014-06-01.
            let a = page(&w, None, "/stay-calculator?lang=en&pack=schengen&mode=control&date=2014-06-09&entry_0=2013-09-01&exit_0=2013-09-30&entry_1=2014-02-21&exit_1=2014-04-20&entry_2=2014-05-01&exit_2=2014-06-09").await;
            let html = a.text();
            assert!(html.contains("id=\"overstays\"") && html.contains("1 June 2014"), "{html}");
            // The trace is in the page's language.
            let a = page(&w, None, "/stay-calculator?lang=ru&pack=az&mode=control&date=2026-04-05&entry_0=2026-03-02").await;
            assert_eq!(a.status, StatusCode::OK);
            assert!(a.text().contains("id=\"trace\""));
            // An exit before its entry is named at the row's field.
            let a = page(&w, None, "/stay-calculator?lang=en&pack=az&mode=control&date=2026-04-05&entry_3=2026-03-10&exit_3=2026-03-01").await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("href=\"#exit_3\""), "{}", a.text());
            // Registration: 15 days after arrival; 30 for Kazakhstan.
            let a = page(&w, None, "/registration-deadline?lang=en&arrival=2026-03-02").await;
            assert!(a.text().contains("17 March 2026"), "{}", a.text());
            let a = page(&w, None, "/registration-deadline?lang=en&arrival=2026-05-01&nationality=kaz").await;
            assert!(a.text().contains("31 May 2026"), "{}", a.text());
            w
        });
        drop(done);
    }
}

#[test]
fn calculators_refuse_bad_input_with_an_error_summary() {
    for db in TestDb::both().unwrap() {
        let (w, _) = world(db);
        let done = runtime().block_on(async {
            for v in HOSTILE {
                let e = enc(v);
                for path in [
                    format!("/stay-calculator?pack=az&mode=control&date={e}"),
                    format!("/stay-calculator?pack={e}&mode={e}&date=2026-01-01&entry_0={e}&nationality={e}"),
                    format!("/registration-deadline?arrival={e}"),
                    format!("/registration-deadline?arrival=2026-01-01&nationality={e}"),
                ] {
                    let a = page(&w, None, &path).await;
                    let html = a.text();
                    // Empty optional fields are no error; everything else is refused.
                    if !(v.is_empty() && (path.contains("nationality=&") || path.ends_with("nationality="))) {
                        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
                        assert!(html.contains("govuk-error-summary"), "{path}");
                    }
                    clean(&html);
                }
            }
            let long = "9".repeat(5000);
            let a = page(&w, None, &format!("/stay-calculator?pack=az&mode=control&date={long}")).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(
                !a.text().contains(&format!("value=\"{}", &long[..100])),
                "an overlong value is not kept"
            );
            // A text far longer than any credential: the page with an error summary, not a
            // problem document, and the text is not echoed back.
            let a = page(&w, None, &format!("/verify?lang=en&credential={}", "A".repeat(5000))).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("govuk-error-summary") && a.text().contains("credential-error"));
            assert!(!a.text().contains(&format!(">{}", "A".repeat(200))), "the text area starts empty");
            w
        });
        drop(done);
    }
}

fn main_content(html: &str) -> String {
    let start = html.find("<main").unwrap();
    let end = html.find("</main>").unwrap();
    html[start..end].to_owned()
}

#[test]
fn the_status_lookup_answers_alike_for_unknown_numbers_and_wrong_dates() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[]).await;
            let receipt = case["receipt"].as_str().unwrap().to_owned();
            let ask = |r: String, d: &'static str, m: &'static str, y: &'static str| {
                let w = &w;
                async move {
                    post_form(
                        w,
                        None,
                        "/status?lang=en",
                        &[("receipt", &r), ("birth_day", d), ("birth_month", m), ("birth_year", y)],
                    )
                    .await
                }
            };
            let found = ask(receipt.to_lowercase(), "4", "5", "1990").await;
            assert_eq!(found.status, StatusCode::OK);
            assert!(found.text().contains("data-status=\"received\""), "{}", found.text());
            let wrong_date = ask(receipt.clone(), "5", "5", "1990").await;
            // Another well-formed number (valid check digits) that names no case.
            let other = umis_domain::receipt::Receipt::new("BAK1", 2026, 9_999_999).unwrap().to_string();
            let unknown = ask(other, "4", "5", "1990").await;
            assert_eq!(wrong_date.status, unknown.status);
            assert_eq!(main_content(&wrong_date.text()), main_content(&unknown.text()));
            assert!(wrong_date.text().contains("status-not-found"));
            // A typing error in the number is caught by its check digits.
            let mut typo = receipt.clone().into_bytes();
            let last = typo.len() - 1;
            typo[last] = if typo[last] == b'0' { b'1' } else { b'0' };
            let a = ask(String::from_utf8(typo).unwrap(), "4", "5", "1990").await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(a.text().contains("mistyped"), "{}", a.text());
            // Hostile and empty values: an error summary, never a server error or a script.
            for v in HOSTILE {
                let a = post_form(
                    &w,
                    None,
                    "/status",
                    &[("receipt", v), ("birth_day", v), ("birth_month", v), ("birth_year", v)],
                )
                .await;
                assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
                assert!(a.text().contains("govuk-error-summary"));
                clean(&a.text());
            }
            let a = post_form(
                &w,
                None,
                "/status",
                &[
                    ("receipt", &"A".repeat(5000)),
                    ("birth_day", "31"),
                    ("birth_month", "2"),
                    ("birth_year", "1990"),
                ],
            )
            .await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            w
        });
        drop(done);
    }
}

#[test]
fn verification_tells_genuine_forged_and_revoked_documents_apart() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            let case = file(&w, "applicant", "trp_issue", &[]).await;
            let done = decide(&w, case["id"].as_str().unwrap(), false, approve_for("trp_issue")).await;
            let permit = &done["issued"][0];
            let credential = permit["credential"].as_str().unwrap().to_owned();
            let number = permit["number"].as_str().unwrap().to_owned();
            for lang in ["az", "en", "ru"] {
                let a = page(&w, None, &format!("/verify?lang={lang}&credential={credential}")).await;
                assert_eq!(a.status, StatusCode::OK);
                let html = a.text();
                assert!(html.contains("data-status=\"valid\"") && html.contains(&number), "{html}");
                assert!(html.contains("id=\"umis-scan-start\"") && html.contains("/assets/jsqr.js?v="));
                assert!(a.headers["content-security-policy"].to_str().unwrap().contains("script-src 'self'"));
            }
            // A forgery: one character of the signed payload changed (after the header's dot).
            let mut forged = credential.clone().into_bytes();
            let at = credential.find('.').unwrap() + 5;
            forged[at] = if forged[at] == b'A' { b'B' } else { b'A' };
            let forged = String::from_utf8(forged).unwrap();
            let a = page(&w, None, &format!("/verify?lang=en&credential={forged}")).await;
            let html = a.text();
            let status = html.split("data-status=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
            assert!(["forged", "malformed"].contains(&status.as_str()), "{status}");
            assert!(!html.contains("id=\"claims\""), "a forgery shows nothing of what it claims");
            let a =
                page(&w, None, &format!("/verify?lang=en&credential={}", enc("<script>alert(1)</script>")))
                    .await;
            assert!(a.text().contains("data-status=\"malformed\""));
            clean(&a.text());
            let r = support::cancel(&w, &number, &["false_information"]).await;
            assert_eq!(r.status, StatusCode::OK);
            let a = page(&w, None, &format!("/verify?lang=en&credential={credential}")).await;
            assert!(a.text().contains("data-status=\"revoked\""));
            // The API's rules for the route stay: a bad language is a 422.
            let a = page(&w, None, "/verify?lang=xx").await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
            w
        });
        drop(done);
    }
}

#[test]
fn statistics_count_applications_and_withhold_small_counts() {
    for db in TestDb::both().unwrap() {
        let (w, secrets) = world(db);
        let done = runtime().block_on(async {
            let w = signed_in(w, &secrets).await;
            for _ in 0..5 {
                file(&w, "applicant", "trp_issue", &[]).await;
            }
            file(&w, "applicant", "stay_extension", &[]).await;
            let a = page(&w, None, "/statistics?lang=en").await;
            let html = a.text();
            assert_eq!(a.status, StatusCode::OK);
            assert!(html.contains("fewer than 5") && html.contains("role=\"img\""), "{html}");
            assert!(html.contains("<figure") && html.contains("<caption"), "charts with tables");
            let csv = page(&w, None, "/statistics.csv").await;
            assert_eq!(csv.headers["content-type"], "text/csv; charset=utf-8");
            assert!(csv.headers["content-disposition"].to_str().unwrap().starts_with("attachment"));
            let text = csv.text();
            let month = w.state.clock.today().to_string()[..7].to_owned();
            assert!(text.starts_with("service,month,applications\r\n"), "{text}");
            assert!(text.contains(&format!("\"trp_issue\",\"{month}\",\"5\"")), "{text}");
            assert!(text.contains(&format!("\"stay_extension\",\"{month}\",\"<5\"")), "{text}");
            assert_eq!(text.lines().skip(1).count() % 12, 0, "one row per service and month");
            w
        });
        drop(done);
    }
}

#[test]
fn a_refused_password_is_explained_in_the_readers_language() {
    for db in TestDb::both().unwrap() {
        let (w, _) = world(db);
        let done = runtime().block_on(async {
            let cases = [
                ("ru", "Пароль слишком короткий: используйте не менее 15 символов"),
                ("az", "Parol çox qısadır: ən azı 15 simvol istifadə edin"),
                ("en", "the password is too short: use at least 15 characters"),
            ];
            for (lang, expected) in cases {
                let fields = [
                    ("username", "newcomer"),
                    ("display_name", "New Comer"),
                    ("email", ""),
                    ("role", "applicant"),
                    ("password", "short pass"),
                    ("password_again", "short pass"),
                ];
                let a = post_form_raw(&w, None, "/account/new", &fields, &[("accept-language", lang)]).await;
                assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
                assert!(a.text().contains(expected), "{lang}: {expected:?} not on the page:\n{}", a.text());
            }
            w
        });
        drop(done);
    }
}
