//! The service counter: a passport checked with its machine-readable zone, an application
//! opened for the person, the fee taken once, the receipt; refusals as error summaries.

#![expect(clippy::unwrap_used, reason = "test code: a failure should stop the test")]

use crate::support;

use axum::http::StatusCode;
use support::*;
use umis_core::accounts::users::{NewAccount, create_account};
use umis_core::actor::Actor;
use umis_core::cases::counter::{PassportData, check_passport};
use umis_domain::Date;
use umis_mrz::check_digit;
use umis_store::testing::TestDb;

/// A TD3 zone with correct check digits for the given data (dates `YYMMDD`).
fn zone(
    (issuer, surname, given): (&str, &str, &str),
    number: &str,
    nat: &str,
    birth: &str,
    sex: char,
    expiry: &str,
) -> (String, String) {
    let l1 = format!("P<{issuer}{surname}<<{given}");
    let l1 = format!("{l1:<<44}");
    let num = format!("{number:<<9}");
    let optional = "<<<<<<<<<<<<<<";
    let cd = |s: &str| char::from(check_digit(s).unwrap());
    let body = format!(
        "{num}{}{nat}{birth}{}{sex}{expiry}{}{optional}{}",
        cd(&num),
        cd(birth),
        cd(expiry),
        cd(optional)
    );
    let composite = format!("{}{}{}", &body[0..10], &body[13..20], &body[21..43]);
    (l1, format!("{body}{}", cd(&composite)))
}

/// The form of a valid passport of Leyla Mammadova, valid for five more years.
fn passport_fields(today: Date) -> Vec<(String, String)> {
    let (y, m, d) = today.add_days(5 * 365).ymd();
    let expiry = format!("{:02}{m:02}{d:02}", y % 100);
    let (l1, l2) = zone(("AZE", "MAMMADOVA", "LEYLA"), "C01234567", "AZE", "900327", 'F', &expiry);
    [
        ("document_code", "P".to_owned()),
        ("issuing_state", "AZE".into()),
        ("document_number", "C01234567".into()),
        ("surname", "Məmmədova".into()),
        ("given_names", "Leyla".into()),
        ("nationality", "AZE".into()),
        ("date_of_birth-day", "27".into()),
        ("date_of_birth-month", "3".into()),
        ("date_of_birth-year", "1990".into()),
        ("sex", "F".into()),
        ("expiry-day", d.to_string()),
        ("expiry-month", m.to_string()),
        ("expiry-year", y.to_string()),
        ("mrz_line1", l1),
        ("mrz_line2", l2),
        ("photo_compared", "yes".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = fields.iter().filter(|(k, _)| k != name).cloned().collect();
    f.push((name.to_owned(), value.to_owned()));
    f
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

fn assert_refused(a: &Answer, field: &str, what: &str) {
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{what}: {}", a.text());
    let text = a.text();
    assert!(text.contains("govuk-error-summary"), "{what}: no error summary");
    assert!(text.contains(&format!("href=\"#{field}\"")), "{what}: no error for {field}");
    assert!(!text.contains("<script>alert"), "{what}: hostile value written unescaped");
}

/// An operator of another office (BAK1), signed in.
async fn other_operator(w: &World) -> Person {
    let state = w.state.clone();
    let created = tokio::task::spawn_blocking(move || {
        create_account(
            &state.store,
            &state.clock,
            &state.totp_key,
            Some(&Actor::system()),
            &NewAccount {
                username: "operator_bak".into(),
                password: PASSWORD.into(),
                display_name: "Test operator BAK1".into(),
                role: "operator".into(),
                office: Some("BAK1".into()),
                email: None,
                lang: Some("en".into()),
            },
        )
        .unwrap()
    })
    .await
    .unwrap();
    sign_in(w, "operator_bak", &created.totp_secret.unwrap_or_default()).await
}

fn journey(db: TestDb) {
    let rt = runtime();
    let backend = db.dialect();
    let (w, secrets) = world(db);
    let w = rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let op = person(&w, "operator").clone();
        let today = w.state.clock.today();
        let fields = passport_fields(today);

        let desk = page(&w, Some(&op), "/counter?lang=en").await;
        assert_eq!(desk.status, StatusCode::OK);
        assert!(desk.text().contains("href=\"/counter/identity\""));
        assert_eq!(page(&w, Some(&op), "/counter/identity?lang=ru").await.status, StatusCode::OK);

        // The passport is checked, then the service chosen.
        let checked = post_form(&w, Some(&op), "/counter/identity", &refs(&fields)).await;
        assert_eq!(checked.status, StatusCode::OK, "{}", checked.text());
        assert!(checked.text().contains("action=\"/counter/file\""));
        let none_chosen = post_form(&w, Some(&op), "/counter/file", &refs(&fields)).await;
        assert_refused(&none_chosen, "service", "no service");
        let chosen = with(&fields, "service", "stay_extension:standard");
        let filed = post_form(&w, Some(&op), "/counter/file", &refs(&chosen)).await;
        assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.text());
        let id = filed.location().unwrap().strip_prefix("/applications/").unwrap().to_owned();

        // The draft has the passport's identity and the check in its history.
        let case = call(&w, Some(&op), "GET", &format!("/api/v1/cases/{id}"), "").await;
        assert_eq!(case.status, StatusCode::OK);
        assert_eq!(case.json["form"]["document_number"], "C01234567");
        assert_eq!(case.json["form"]["surname"], "Məmmədova");
        assert_eq!(case.json["office"], "ASAN1");
        assert_eq!(case.json["fee_minor"], 3000);
        let events: Vec<&str> =
            case.json["events"].as_array().unwrap().iter().map(|e| e["event"].as_str().unwrap()).collect();
        assert_eq!(events, ["create", "identity_check"]);

        // A tampered hidden field is caught on the second step.
        let tampered = with(&chosen, "document_number", "C01234568");
        assert_refused(
            &post_form(&w, Some(&op), "/counter/file", &refs(&tampered)).await,
            "document_number",
            "tampered",
        );

        let desk = page(&w, Some(&op), "/counter?lang=az").await;
        assert!(desk.text().contains(&format!("/counter/cases/{id}/fee")), "the desk lists the case");

        // The fee: the wrong amount is refused, the right one taken once.
        let fee_path = format!("/counter/cases/{id}/fee");
        let fee_page = page(&w, Some(&op), &format!("{fee_path}?lang=en")).await;
        assert_eq!(fee_page.status, StatusCode::OK);
        assert!(fee_page.text().contains("Adult rate · 1 × 30 days"), "the basis of the fee");
        let wrong = post_form(
            &w,
            Some(&op),
            &fee_path,
            &[("amount", "29.99"), ("method", "cash"), ("reference", "KS-1")],
        )
        .await;
        assert_refused(&wrong, "amount", "wrong amount");
        let take = [("amount", "30.00"), ("method", "card"), ("reference", "pos-000123")];
        let first = post_form(&w, Some(&op), &fee_path, &take).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.text());
        assert_eq!(first.location().unwrap(), format!("/counter/cases/{id}/receipt?taken=1"));
        let again = post_form(
            &w,
            Some(&op),
            &fee_path,
            &[("amount", "30"), ("method", "cash"), ("reference", "KS-9")],
        )
        .await;
        assert_eq!(again.location().unwrap(), format!("/counter/cases/{id}/receipt?repeated=1"));
        let case = call(&w, Some(&op), "GET", &format!("/api/v1/cases/{id}"), "").await;
        assert_eq!(case.json["fee_paid"], true);
        let fee_events =
            case.json["events"].as_array().unwrap().iter().filter(|e| e["event"] == "fee_taken").count();
        assert_eq!(fee_events, 1, "a repeat writes nothing");
        // The fee taken was the one for up to 30 days: asking for 60 days now would change the
        // duty (60 AZN), so it is refused; 30 days keeps the fee paid.
        let mut form = case.json["form"].clone();
        form["extension_days"] = serde_json::json!("60");
        let form_path = format!("/api/v1/cases/{id}/form");
        let longer =
            call(&w, Some(&op), "PUT", &form_path, serde_json::json!({ "form": form }).to_string()).await;
        assert_eq!(longer.status, StatusCode::CONFLICT, "{}", longer.json);
        form["extension_days"] = serde_json::json!("30");
        let same =
            call(&w, Some(&op), "PUT", &form_path, serde_json::json!({ "form": form }).to_string()).await;
        assert_eq!(same.status, StatusCode::OK, "{}", same.json);
        assert_eq!(
            (same.json["fee_minor"].clone(), same.json["fee_paid"].clone()),
            (3000.into(), true.into())
        );
        let receipt = page(&w, Some(&op), &format!("/counter/cases/{id}/receipt?taken=1&lang=en")).await;
        assert_eq!(receipt.status, StatusCode::OK);
        assert!(receipt.text().contains("POS-000123"));
        assert!(receipt.text().contains("₼30.00"));

        // The same slip cannot pay a second case.
        let filed2 = post_form(&w, Some(&op), "/counter/file", &refs(&chosen)).await;
        let id2 = filed2.location().unwrap().strip_prefix("/applications/").unwrap().to_owned();
        let reused = post_form(&w, Some(&op), &format!("/counter/cases/{id2}/fee"), &take).await;
        assert_refused(&reused, "reference", "reference reused");

        // Another office's operator finds nothing; other roles are kept out by the guard.
        let other = other_operator(&w).await;
        assert_eq!(page(&w, Some(&other), &fee_path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            page(&w, Some(&other), &format!("/counter/cases/{id}/receipt")).await.status,
            StatusCode::NOT_FOUND
        );
        let theirs = post_form(
            &w,
            Some(&other),
            &format!("/counter/cases/{id2}/fee"),
            &[("amount", "30"), ("method", "cash"), ("reference", "X1")],
        )
        .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert!(!page(&w, Some(&other), "/counter").await.text().contains(&id));
        for who in ["applicant", "officer"] {
            assert_eq!(page(&w, Some(person(&w, who)), &fee_path).await.status, StatusCode::FORBIDDEN);
        }
        assert_eq!(
            page(&w, Some(&op), "/counter/cases/../../etc/receipt").await.status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            page(&w, Some(&op), "/counter/cases/zz'%20OR%201=1/fee").await.status,
            StatusCode::NOT_FOUND
        );
        w
    });
    println!("counter journey passed on {backend:?}");
    drop(w);
}

#[test]
fn an_operator_checks_a_passport_files_takes_the_fee_once_and_prints_on_both_databases() {
    for db in TestDb::both().unwrap() {
        journey(db);
    }
}

#[test]
fn the_specimen_passport_reads_but_is_refused_as_expired_and_typos_are_caught() {
    let today = Date::parse("2026-05-01").unwrap();
    let specimen = PassportData {
        document_code: "P".into(),
        issuing_state: "UTO".into(),
        document_number: "L898902C3".into(),
        surname: "Eriksson".into(),
        given_names: "Anna Maria".into(),
        nationality: "UTO".into(),
        date_of_birth: "1974-08-12".into(),
        sex: "F".into(),
        expiry: "2012-04-15".into(),
        mrz_line1: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".into(),
        mrz_line2: "L898902C36UTO7408122F1204159ZE184226B<<<<<10".into(),
        photo_compared: true,
    };
    let problems = check_passport(&specimen, today).unwrap_err();
    let codes: Vec<(&str, &str)> = problems.iter().map(|p| (p.field.as_str(), p.code.as_str())).collect();
    // Utopia is the specimen's fictional state; the zone itself is right.
    assert!(codes.contains(&("expiry", "expired")), "{codes:?}");
    assert!(!codes.iter().any(|(f, _)| f.starts_with("mrz")), "{codes:?}");
    let typo =
        PassportData { mrz_line2: "L898902C36UTO7408122F1204159ZE184226B<<<<<11".into(), ..specimen.clone() };
    let problems = check_passport(&typo, today).unwrap_err();
    assert!(problems.iter().any(|p| p.field == "mrz_line2" && p.code == "mrz_composite_check"));
    let typed_wrong = PassportData { date_of_birth: "1974-08-21".into(), ..specimen };
    let problems = check_passport(&typed_wrong, today).unwrap_err();
    assert!(problems.iter().any(|p| p.field == "date_of_birth" && p.code == "mrz_mismatch"));
}

#[test]
fn hostile_overlong_and_wrong_script_values_get_an_error_summary_never_a_failure() {
    let rt = runtime();
    let (w, secrets) = world(TestDb::sqlite().unwrap());
    let w = rt.block_on(async move {
        let w = signed_in(w, &secrets).await;
        let op = person(&w, "operator").clone();
        let fields = passport_fields(w.state.clock.today());
        let long = "A".repeat(5_000);
        let hostile =
            ["<script>alert(1)</script>", "' OR '1'='1' --", "Иванов", "محمد", long.as_str(), "a\u{0}b"];
        let names = [
            ("document_code", "document_code"),
            ("issuing_state", "issuing_state"),
            ("document_number", "document_number"),
            ("surname", "surname"),
            ("given_names", "given_names"),
            ("nationality", "nationality"),
            ("date_of_birth-day", "date_of_birth"),
            ("date_of_birth-year", "date_of_birth"),
            ("sex", "sex"),
            ("expiry-month", "expiry"),
            ("mrz_line1", "mrz_line1"),
            ("mrz_line2", "mrz_line2"),
            ("photo_compared", "photo_compared"),
        ];
        let mut cells = 0;
        for (name, field) in names {
            for bad in hostile {
                let f = with(&fields, name, bad);
                for path in ["/counter/identity", "/counter/file"] {
                    let a = post_form(&w, Some(&op), path, &refs(&f)).await;
                    assert_refused(&a, field, &format!("{path} {name}={}", &bad[..bad.len().min(30)]));
                    cells += 1;
                }
            }
            let empty = with(&fields, name, "");
            assert_refused(&post_form(&w, Some(&op), "/counter/identity", &refs(&empty)).await, field, name);
        }
        // An expired passport and a typo in the zone.
        let (y, m, d) = w.state.clock.today().add_days(-1).ymd();
        let expired = with(
            &with(&with(&fields, "expiry-day", &d.to_string()), "expiry-month", &m.to_string()),
            "expiry-year",
            &y.to_string(),
        );
        assert_refused(
            &post_form(&w, Some(&op), "/counter/identity", &refs(&expired)).await,
            "expiry",
            "expired",
        );
        let line2 = fields.iter().find(|(k, _)| k == "mrz_line2").unwrap().1.clone();
        let typo = line2.replacen("C0123", "C0132", 1);
        let f = with(&fields, "mrz_line2", &typo);
        assert_refused(
            &post_form(&w, Some(&op), "/counter/identity", &refs(&f)).await,
            "mrz_line2",
            "swapped digits",
        );
        let f = with(&with(&fields, "service", "refugee_status:standard"), "x", "y");
        assert_refused(
            &post_form(&w, Some(&op), "/counter/file", &refs(&f)).await,
            "service",
            "asylum at a counter",
        );

        // The fee form.
        let chosen = with(&fields, "service", "stay_extension:standard");
        let filed = post_form(&w, Some(&op), "/counter/file", &refs(&chosen)).await;
        let id = filed.location().unwrap().strip_prefix("/applications/").unwrap().to_owned();
        let path = format!("/counter/cases/{id}/fee");
        let good = [("amount", "30.00"), ("method", "cash"), ("reference", "KS-1")];
        for (i, (name, _)) in good.iter().enumerate() {
            for bad in hostile.iter().chain([""].iter()) {
                let mut f = good.to_vec();
                f[i] = (name, bad);
                let a = post_form(&w, Some(&op), &path, &f).await;
                assert_refused(&a, name, &format!("fee {name}"));
                cells += 1;
            }
        }
        println!("hostile counter cells: {cells}");
        w
    });
    drop(w);
}

#[test]
fn the_counter_takes_no_residence_permit_duty_before_the_decision() {
    for db in TestDb::both().unwrap() {
        let rt = runtime();
        let (w, secrets) = world(db);
        let w = rt.block_on(async move {
            let w = signed_in(w, &secrets).await;
            let op = person(&w, "operator").clone();
            let fields = passport_fields(w.state.clock.today());
            let chosen = with(&fields, "service", "trp_issue:standard");
            let filed = post_form(&w, Some(&op), "/counter/file", &refs(&chosen)).await;
            assert_eq!(filed.status, StatusCode::SEE_OTHER, "{}", filed.text());
            let id = filed.location().unwrap().strip_prefix("/applications/").unwrap().to_owned();
            let take = [("amount", "120.00"), ("method", "cash"), ("reference", "KS-77")];
            let refused = post_form(&w, Some(&op), &format!("/counter/cases/{id}/fee"), &take).await;
            // Review 2026-12 X1: the duty is paid after the positive decision, against its number.
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.text());
            let said = |key: &str| umis_web::portal::i18n::t(umis_rules::Lang::Az, key);
            assert!(refused.text().contains(&said("operator-refused")), "{}", refused.text());
            let case = call(&w, Some(&op), "GET", &format!("/api/v1/cases/{id}"), "").await;
            assert_eq!(case.json["fee_paid"], false);
            w
        });
        drop(w);
    }
}
