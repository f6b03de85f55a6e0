//! The people of the case benchmark: a fresh database with offices, an applicant per client,
//! officers and a supervisor (created in-process, as an administrator would), then everyone
//! signed in over HTTP — password, and the TOTP code for staff — each from their own loopback
//! address, so that the sign-in limit per client applies to each person as in production.

use super::client::{Conn, Request, Session};
use crate::error::CliError;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::Path;
use umis_core::accounts::totp;
use umis_core::accounts::totp_key::TotpKey;
use umis_core::accounts::users::{NewAccount, create_account, ensure_office};
use umis_core::actor::Actor;
use umis_core::clock::Clock;
use umis_rules::services::Catalogue;
use umis_store::Store;
use umis_store::accounts::OfficeRow;

/// The office every benchmark case is filed at.
pub(super) const OFFICE: &str = "BAK1";
/// The e-service every benchmark case applies for (one required document, four-eyes decision).
pub(super) const SERVICE: &str = "stay_extension";
/// The benchmark accounts' password (a scratch database; long enough to need no second factor
/// for applicants).
const PASSWORD: &str = "correct horse battery staple 42";
/// Most people: each needs its own loopback address.
pub(super) const MAX_CLIENTS: usize = 10_000;

/// A signed-in person.
pub(super) struct Person {
    /// Account id.
    pub id: String,
    /// Cookie and CSRF token.
    pub session: Session,
    /// The loopback address the person connects from.
    pub source: IpAddr,
}

/// Everyone, signed in.
pub(super) struct People {
    /// One per client.
    pub applicants: Vec<Person>,
    /// Officers of [`OFFICE`], who examine and confirm in pairs.
    pub officers: Vec<Person>,
    /// The supervisor of [`OFFICE`], who assigns.
    pub supervisor: Person,
}

/// The loopback address of person `i` (127.1.0.1, 127.1.0.2, …).
pub(super) fn source(i: usize) -> IpAddr {
    let (hi, lo) = (i / 250, i % 250 + 1);
    IpAddr::V4(Ipv4Addr::new(127, 1, u8::try_from(hi).unwrap_or(u8::MAX), u8::try_from(lo).unwrap_or(1)))
}

/// An account as created: (id, TOTP secret for staff).
struct Created {
    username: String,
    id: String,
    totp: Option<String>,
}

/// Creates the offices and accounts in the database at `url` (migrated first).
fn create_accounts(
    url: &str,
    keys: &Path,
    clients: usize,
    officers: usize,
) -> Result<Vec<Created>, CliError> {
    let store = Store::open(url)?;
    let totp_key = TotpKey::load_or_create(keys)?;
    let system = Actor::system();
    for (code, kind) in [(OFFICE, "regional"), ("HQ", "headquarters")] {
        let office = OfficeRow { code: code.into(), kind: kind.into(), name: code.into() };
        ensure_office(&store, &system, &office)?;
    }
    let mut wanted: Vec<(String, &str, Option<&str>)> =
        (0..clients).map(|i| (format!("bench-applicant-{i}"), "applicant", None)).collect();
    wanted.extend((0..officers).map(|i| (format!("bench-officer-{i}"), "officer", Some(OFFICE))));
    wanted.push(("bench-supervisor".to_owned(), "supervisor", Some(OFFICE)));
    let mut created = Vec::with_capacity(wanted.len());
    for (username, role, office) in wanted {
        let account = create_account(
            &store,
            &Clock::System,
            &totp_key,
            Some(&system),
            &NewAccount {
                username: username.clone(),
                password: PASSWORD.into(),
                display_name: format!("Bench {username}"),
                role: role.into(),
                office: office.map(Into::into),
                email: Some(format!("{username}@example.test")),
                lang: Some("en".into()),
            },
        )?;
        created.push(Created { username, id: account.id, totp: account.totp_secret });
    }
    Ok(created)
}

/// Creates everyone in the database at `url` (before the server starts, as an administrator
/// would), staff TOTP secrets sealed with the key the server will find in `keys`; they sign in
/// once the server runs.
pub(super) fn prepare(url: &str, keys: &Path, clients: usize, officers: usize) -> Result<Prepared, CliError> {
    if clients + officers >= MAX_CLIENTS {
        return Err(CliError::Input(format!("at most {MAX_CLIENTS} clients and officers together")));
    }
    Ok(Prepared { accounts: create_accounts(url, keys, clients, officers)?, clients })
}

/// Accounts created, not yet signed in.
pub(super) struct Prepared {
    accounts: Vec<Created>,
    clients: usize,
}

impl Prepared {
    /// Signs everyone in at `server`, concurrently.
    pub fn sign_in(self, server: SocketAddr) -> Result<People, CliError> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let mut people = runtime.block_on(async {
            let tasks: Vec<_> = self
                .accounts
                .into_iter()
                .enumerate()
                .map(|(i, a)| tokio::spawn(sign_in(server, source(i), a)))
                .collect();
            let mut people = Vec::new();
            for t in tasks {
                people.push(t.await.map_err(|e| CliError::Failure(e.into()))??);
            }
            Ok::<_, CliError>(people)
        })?;
        let supervisor = people.pop().ok_or_else(|| failure("no supervisor account"))?;
        let officers = people.split_off(self.clients);
        Ok(People { applicants: people, officers, supervisor })
    }
}

fn failure(what: &str) -> CliError {
    CliError::Failure(anyhow::anyhow!("bench set-up: {what}"))
}

/// Signs one person in: password, then the current TOTP code when the server asks for it.
async fn sign_in(server: SocketAddr, from: IpAddr, a: Created) -> Result<Person, CliError> {
    let mut conn = Conn::connect(server, Some(from)).await.map_err(|e| failure(&e.to_string()))?;
    let body = serde_json::json!({ "username": a.username, "password": PASSWORD }).to_string();
    let (mut session, second) = session_step(&mut conn, "/api/v1/session", body, None).await?;
    if second {
        let secret = totp::TotpSecret::from_base32(a.totp.as_deref().unwrap_or_default())
            .map_err(|_| failure("staff account without a usable TOTP secret"))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| CliError::Failure(e.into()))?
            .as_secs();
        let body = serde_json::json!({ "code": format!("{:06}", totp::code_at(&secret, now)) }).to_string();
        (session, _) = session_step(&mut conn, "/api/v1/session/totp", body, Some(&session)).await?;
    }
    Ok(Person { id: a.id, session, source: from })
}

/// One sign-in step: the new session and whether a second factor is still required.
async fn session_step(
    conn: &mut Conn,
    path: &str,
    body: String,
    session: Option<&Session>,
) -> Result<(Session, bool), CliError> {
    let req =
        Request { method: "POST", path, content_type: "application/json", body: body.as_bytes(), session };
    let reply = conn.send(&req).await.map_err(|e| failure(&e.to_string()))?;
    let json = reply.json();
    match (reply.status, reply.set_cookie, json["csrf_token"].as_str()) {
        (200, Some(cookie), Some(csrf)) => Ok((
            Session { cookie, csrf: csrf.to_owned() },
            json["second_factor_required"].as_bool().unwrap_or(false),
        )),
        (status, _, _) => Err(failure(&format!("{path} answered {status}: {json}"))),
    }
}

/// A case to file: the create body, the holder's date of birth, the documents to upload.
pub(super) struct Filing {
    /// `POST /api/v1/cases` body.
    pub create: Vec<u8>,
    /// The holder's date of birth (for the public status lookup).
    pub birth_date: String,
    /// Upload paths' query part, one per document.
    pub documents: Vec<String>,
}

/// A valid [`SERVICE`] application for client `client`: every field filled with a plausible
/// value, each client a different holder.
pub(super) fn filing(cat: &Catalogue, client: usize) -> Result<Filing, CliError> {
    let today = umis_core::clock::today_utc();
    let svc = cat.get(SERVICE).ok_or_else(|| failure("the service is not in the catalogue"))?;
    let offset = i32::try_from(client % 9_000).unwrap_or(0) * 3;
    let birth_date = umis_domain::Date::parse("1965-03-01")
        .map_err(|e| failure(&e.to_string()))?
        .add_days(offset)
        .to_string();
    let mut form = umis_core::cases::example_form(cat, SERVICE, today, "BENCH");
    form.insert("date_of_birth".into(), birth_date.clone());
    form.insert("document_number".into(), format!("BN{client:07}"));
    let create = serde_json::json!({ "service": SERVICE, "office": OFFICE, "form": form }).to_string();
    let documents = svc
        .documents()
        .iter()
        .enumerate()
        .filter(|(i, d)| d.required || *i == 0)
        .map(|(_, d)| format!("doc_type={}", d.code))
        .collect();
    Ok(Filing { create: create.into_bytes(), birth_date, documents })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    #[test]
    fn every_client_has_its_own_loopback_address() {
        let all: BTreeSet<IpAddr> = (0..MAX_CLIENTS + 20).map(source).collect();
        assert_eq!(all.len(), MAX_CLIENTS + 20);
        assert!(all.iter().all(IpAddr::is_loopback));
        assert_eq!(source(0), IpAddr::V4(Ipv4Addr::new(127, 1, 0, 1)));
        assert_eq!(source(250), IpAddr::V4(Ipv4Addr::new(127, 1, 1, 1)));
    }

    #[test]
    fn filings_pass_the_catalogue_and_differ_per_client() {
        let cat = Catalogue::builtin().unwrap();
        let svc = cat.get(SERVICE).unwrap();
        let mut births = BTreeSet::new();
        for client in [0, 1, 49, 8_999, 9_000, MAX_CLIENTS] {
            let f = filing(&cat, client).map_err(|e| e.to_string()).unwrap();
            let body: serde_json::Value = serde_json::from_slice(&f.create).unwrap();
            assert_eq!((body["service"].as_str(), body["office"].as_str()), (Some(SERVICE), Some(OFFICE)));
            let form: BTreeMap<String, String> = serde_json::from_value(body["form"].clone()).unwrap();
            let valid = umis_rules::services::validate_form(svc, &form);
            assert!(valid.is_ok(), "client {client}: {valid:?}");
            assert_eq!(f.documents, ["doc_type=passport_copy"]);
            births.insert(f.birth_date);
        }
        assert_eq!(births.len(), 5, "client 9000 wraps round to client 0's date");
    }
}
