//! Demo mode's people and cases: offices, one account per role (all with one printed demo
//! password; staff with TOTP secrets derived from their names, so each run can print them),
//! the year's work-permit quota, and a few applications in different states to explore.
//!
//! Only `umis demo` creates these, and only in a database that is empty or that an earlier
//! `umis demo` filled ([`check_database`]): a production database has no default accounts.

use super::CliError;
use sha2::{Digest, Sha256};
use umis_core::accounts::totp::TotpSecret;
use umis_core::accounts::totp_key::TotpKey;
use umis_core::accounts::users::{NewAccount, create_account, ensure_office};
use umis_core::actor::Actor;
use umis_core::cases::{self, CaseAction, Decision, NewCase};
use umis_core::clock::Clock;
use umis_credential::KeyRing;
use umis_domain::Role;
use umis_rules::services::Catalogue;
use umis_store::Store;
use umis_store::accounts::{self, OfficeRow};

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "umis demo password 2026";

/// Demo offices: (code, kind, name).
const OFFICES: &[(&str, &str, &str)] = &[
    ("HQ", "headquarters", "Dövlət Miqrasiya Xidməti — mərkəzi aparat"),
    ("BAK1", "regional", "Bakı şəhəri üzrə regional idarə"),
    ("GNJ1", "regional", "Gəncə regional miqrasiya idarəsi"),
    ("ASAN1", "service_centre", "Bakı 1 nömrəli ASAN xidmət mərkəzi"),
];

/// Demo accounts: (user name, role, office, display name).
pub const ACCOUNTS: &[(&str, &str, Option<&str>, &str)] = &[
    ("demo-applicant", "applicant", None, "Ivan Petrov"),
    ("demo-host", "host", None, "Hotel Caspian"),
    ("demo-employer", "employer", None, "Xəzər Tikinti MMC"),
    ("demo-operator", "operator", Some("ASAN1"), "Leyla Operator"),
    ("demo-officer", "officer", Some("BAK1"), "Rəşad Məmmədov"),
    ("demo-officer2", "officer", Some("BAK1"), "Nigar Həsənova"),
    ("demo-supervisor", "supervisor", Some("BAK1"), "Elçin Quliyev"),
    ("demo-refugee-officer", "refugee_officer", Some("BAK1"), "Səbinə Əliyeva"),
    ("demo-refugee-officer2", "refugee_officer", Some("BAK1"), "Tural İsmayılov"),
    ("demo-appeal-board", "appeal_board", Some("HQ"), "Fuad Rzayev"),
    ("demo-appeal-board2", "appeal_board", Some("HQ"), "Günay Kərimova"),
    ("demo-border-officer", "border_officer", Some("BAK1"), "Kamran Border"),
    ("demo-auditor", "auditor", Some("HQ"), "Aynur Auditor"),
    ("demo-admin", "admin", Some("HQ"), "Admin"),
];

/// The TOTP secret of a demo staff account, derived from its name.
pub fn demo_totp(username: &str) -> TotpSecret {
    let digest = Sha256::digest(format!("umis demo totp {username}").as_bytes());
    let mut seed = [0u8; 20];
    seed.copy_from_slice(&digest[..20]);
    TotpSecret::from_bytes(seed)
}

fn fail(e: impl std::fmt::Display) -> CliError {
    CliError::Failure(anyhow::anyhow!("demo accounts: {e}"))
}

/// Refuses a database that holds anything but demo data: `umis demo` may only write into an
/// empty database or one whose `demo-admin` still has the published demo password (which no
/// real administrator can have, as the password is public). Run before anything is written.
pub fn check_database(store: &Store, url: &str) -> Result<(), CliError> {
    let counts = store.counts()?;
    let (users, tokens) = store.read(accounts::account_and_token_counts)?;
    let rows = counts.crossings + counts.permits + counts.registrations + counts.import_batches;
    if users == 0 && tokens == 0 && rows == 0 && counts.audit_log == 0 {
        return Ok(());
    }
    let admin = store.read(|db| accounts::user_by_name(db, "demo-admin"))?;
    if admin.is_some_and(|u| umis_core::accounts::password::verify_password(DEMO_PASSWORD, &u.password_hash))
    {
        return Ok(());
    }
    Err(CliError::Input(format!(
        "{}: not a demo database ({users} accounts, {tokens} API tokens, {rows} imported rows and \
         batches, {} audit records); `umis demo` creates accounts with a published password and \
         runs only on an empty database or one an earlier `umis demo` filled. Give it a new one, \
         e.g. --database sqlite://umis-demo.db",
        umis_store::redact(url),
        counts.audit_log
    )))
}

/// Creates what is missing; returns whether anything was created.
pub fn ensure(store: &Store, cat: &Catalogue, keys: &KeyRing, totp_key: &TotpKey) -> Result<bool, CliError> {
    let clock = Clock::System;
    let system = Actor::system();
    for (code, kind, name) in OFFICES {
        ensure_office(
            store,
            &system,
            &OfficeRow { code: (*code).into(), kind: (*kind).into(), name: (*name).into() },
        )
        .map_err(fail)?;
    }
    if store.read(|db| accounts::user_by_name(db, "demo-admin")).map_err(fail)?.is_some() {
        return Ok(false);
    }
    let year = i64::from(clock.today().year());
    umis_store::cases::set_work_quota_in(store, year, 1000).map_err(fail)?;
    let mut actors = std::collections::BTreeMap::new();
    for (username, role, office, display) in ACCOUNTS {
        let req = NewAccount {
            username: (*username).into(),
            password: DEMO_PASSWORD.into(),
            display_name: (*display).into(),
            role: (*role).into(),
            office: office.map(Into::into),
            email: Some(format!("{username}@umis.example")),
            lang: Some("az".into()),
        };
        let created = create_account(store, &clock, totp_key, Some(&system), &req).map_err(fail)?;
        if created.totp_secret.is_some() {
            let secret = totp_key.seal(&created.id, &demo_totp(username));
            store.transact(|db| accounts::set_totp_secret(db, &created.id, Some(&secret))).map_err(fail)?;
        }
        let role = Role::parse(role).ok_or_else(|| fail("unknown role"))?;
        actors.insert(
            *username,
            Actor { id: created.id, role, office: office.map(Into::into), all_offices: false },
        );
    }
    sample_cases(store, cat, keys, &clock, &actors)?;
    Ok(true)
}

/// A handful of applications: one decided (with its permit), some waiting at each desk.
fn sample_cases(
    store: &Store,
    cat: &Catalogue,
    keys: &KeyRing,
    clock: &Clock,
    a: &std::collections::BTreeMap<&str, Actor>,
) -> Result<(), CliError> {
    let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
    let file_with =
        |who: &str, service: &str, surname: &str, extra: &[(&str, &str)]| -> Result<String, CliError> {
            let actor = &a[who];
            let mut form = cases::example_form(cat, service, clock.today(), surname);
            form.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
            let view = cases::create_case(
                store,
                cat,
                clock,
                actor,
                NewCase { service: service.into(), fee_tier: None, office: Some("BAK1".into()), form },
            )
            .map_err(fail)?;
            for doc in cases::required_documents(cat, service) {
                cases::upload_document(store, cat, clock, actor, &view.id, &doc, pdf).map_err(fail)?;
            }
            cases::act(store, cat, clock, keys, actor, &view.id, CaseAction::Submit).map_err(fail)?;
            Ok(view.id)
        };
    let file = |who: &str, service: &str, surname: &str| file_with(who, service, surname, &[]);
    let step = |who: &str, id: &str, action: CaseAction| -> Result<(), CliError> {
        cases::act(store, cat, clock, keys, &a[who], id, action).map(|_| ()).map_err(fail)
    };
    let to_review = |id: &str, officer: &str, assigner: &str| -> Result<(), CliError> {
        step(officer, id, CaseAction::Accept)?;
        step(assigner, id, CaseAction::Assign { officer: a[officer].id.clone() })?;
        step(officer, id, CaseAction::StartReview)
    };
    // Decided: a temporary residence permit granted, its permit issued, in force from today and
    // in stay control. (An extension would start only when the current stay ends.)
    let granted = file("demo-applicant", "trp_issue", "PETROV")?;
    to_review(&granted, "demo-officer", "demo-supervisor")?;
    step(
        "demo-officer",
        &granted,
        CaseAction::Propose { decision: Decision::Approve, grounds: None, note: None, outcome: None },
    )?;
    step("demo-officer2", &granted, CaseAction::Confirm)?;
    pay_duty(store, cat, clock, keys, &granted)?;
    // Waiting for the second officer.
    let proposed = file("demo-applicant", "stay_extension", "PETROV")?;
    to_review(&proposed, "demo-officer", "demo-supervisor")?;
    step(
        "demo-officer",
        &proposed,
        CaseAction::Propose { decision: Decision::Approve, grounds: None, note: None, outcome: None },
    )?;
    // Registered at once by the host.
    file("demo-host", "registration", "SMITH")?;
    // New at the desk: a work permit, a residence permit and a filing at the service centre.
    file("demo-employer", "work_permit", "KHAN")?;
    file("demo-applicant", "trp_issue", "SMIRNOV")?;
    file("demo-operator", "citizenship_affiliation", "ƏLİYEV")?;
    // An asylum claim, accepted (temporary certificate issued), seen only by refugee officers.
    let claim = file("demo-applicant", "refugee_status", "PETROV")?;
    step("demo-refugee-officer", &claim, CaseAction::Accept)?;
    // Refused on a coded ground and appealed: the appeal waits for the appeal board.
    let refused = file("demo-applicant", "trp_issue", "PETROVA")?;
    to_review(&refused, "demo-officer", "demo-supervisor")?;
    let grounds = Some(vec!["conditions_not_met".to_owned()]);
    let note = Some("No proof of the ground of residence was submitted.".to_owned());
    step(
        "demo-officer",
        &refused,
        CaseAction::Propose { decision: Decision::Refuse, grounds, note, outcome: None },
    )?;
    step("demo-officer2", &refused, CaseAction::Confirm)?;
    let receipt = receipt_of(store, cat, clock, &a["demo-applicant"], &refused)?;
    file_with("demo-applicant", "appeal", "PETROVA", &[("appealed_receipt", &receipt)])?;
    Ok(())
}

/// The receipt number of a filed case.
fn receipt_of(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    who: &Actor,
    id: &str,
) -> Result<String, CliError> {
    cases::get_case(store, cat, clock, who, id, "demo")
        .map_err(fail)?
        .receipt
        .ok_or_else(|| fail("a filed demo case has no receipt number"))
}

/// Pays the duty a granted case awaits, as the payment gateway would report it, so that the
/// demo's permit is in force.
fn pay_duty(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    keys: &KeyRing,
    case_id: &str,
) -> Result<(), CliError> {
    let duty = store
        .read(|db| umis_store::procedure::duty_for_case(db, case_id))
        .map_err(fail)?
        .ok_or_else(|| fail("the granted demo case awaits no duty"))?;
    let gateway = Actor {
        id: "token:demo-gateway".into(),
        role: Role::PaymentGateway,
        office: None,
        all_offices: false,
    };
    let report = cases::PaymentReport {
        payment_number: duty.payment_number,
        amount_minor: duty.amount_minor,
        reference: "DEMO-1".into(),
        paid_at: clock.now_rfc3339(),
    };
    cases::record_payment(store, cat, clock, keys, &gateway, &report).map(|_| ()).map_err(fail)
}

/// The lines `umis demo` prints about the accounts.
pub fn describe() -> Vec<String> {
    let mut lines = vec![format!("demo accounts (password for all: \"{DEMO_PASSWORD}\"):")];
    for (username, role, office, _) in ACCOUNTS {
        let staff = Role::parse(role).is_some_and(Role::is_staff);
        let totp =
            if staff { format!("  TOTP secret {}", demo_totp(username).to_base32()) } else { String::new() };
        lines.push(format!("  {username:<24} {role:<16} {:<6}{totp}", office.unwrap_or("-")));
    }
    lines
        .push("  staff sign in with a TOTP code: `umis admin user totp-code --username demo-officer`".into());
    lines
}
