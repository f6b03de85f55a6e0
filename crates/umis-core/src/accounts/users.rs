//! Creating and disabling accounts.
//!
//! There are no default accounts: `umis admin user create` makes the first administrator, who
//! creates staff; applicants, hosts and employers create their own. Staff always get a TOTP
//! second factor, enrolled at creation (the secret is shown once and stored only sealed, see
//! [`super::totp_key`]).

use super::AccountError;
use super::password::{self, PasswordPolicy};
use super::totp::TotpSecret;
use super::totp_key::TotpKey;
use crate::actor::Actor;
use crate::clock::Clock;
use umis_domain::Role;
use umis_store::accounts::{self, OfficeRow, UserRow};
use umis_store::{AuditEntry, Store};

/// A request to create an account.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAccount {
    /// Sign-in name: 3–64 characters of letters, digits, `.`, `_`, `-`, `@` (kept lower case).
    pub username: String,
    /// The password (checked against the policy; never stored).
    pub password: String,
    /// Name as shown.
    pub display_name: String,
    /// Role; anyone may create `applicant`, `host` or `employer` accounts, administrators any.
    pub role: String,
    /// Office (staff only).
    #[serde(default)]
    pub office: Option<String>,
    /// Where notifications go.
    #[serde(default)]
    pub email: Option<String>,
    /// Preferred language (`az`, `en`, `ru`).
    #[serde(default)]
    pub lang: Option<String>,
}

/// A created account: its id and, for staff, the TOTP secret to enrol (shown only now).
#[derive(Debug, Clone, serde::Serialize)]
pub struct CreatedAccount {
    /// Account id.
    pub id: String,
    /// Sign-in name.
    pub username: String,
    /// Role.
    pub role: String,
    /// Base32 TOTP secret, staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totp_secret: Option<String>,
    /// `otpauth://` URI for authenticator apps, staff only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub totp_uri: Option<String>,
}

/// A sign-in name in its stored form, or why it is refused.
pub fn normalise_username(name: &str) -> Result<String, AccountError> {
    let lower = name.trim().to_lowercase();
    let ok = (3..=64).contains(&lower.chars().count())
        && lower.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(lower)
    } else {
        Err(AccountError::invalid("username", "3-64 letters, digits, '.', '_', '-' or '@'"))
    }
}

fn check_text(field: &str, value: &str, max: usize) -> Result<(), AccountError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max || value.chars().any(char::is_control) {
        return Err(AccountError::invalid(field, &format!("1-{max} characters, no control characters")));
    }
    Ok(())
}

/// What [`create_account`] checked in a request: the account's role, stored name, language
/// and office.
struct Checked {
    role: Role,
    username: String,
    lang: String,
    office: Option<String>,
}

/// Checks a request to create an account, before anything is hashed or written.
fn check_request(by: Option<&Actor>, req: &NewAccount) -> Result<Checked, AccountError> {
    let role = Role::parse(&req.role)
        .filter(|r| !r.is_machine())
        .ok_or_else(|| AccountError::invalid("role", "unknown role"))?;
    let admin = by.is_some_and(|a| a.role == Role::Admin);
    if !role.self_service() && !admin {
        return Err(AccountError::Forbidden("only an administrator creates staff accounts".into()));
    }
    let username = normalise_username(&req.username)?;
    check_text("display_name", &req.display_name, 200)?;
    if let Some(e) = &req.email {
        check_text("email", e, 254)?;
        if !e.contains('@') {
            return Err(AccountError::invalid("email", "an e-mail address"));
        }
    }
    let lang = req.lang.clone().unwrap_or_else(|| "az".into());
    if !matches!(lang.as_str(), "az" | "en" | "ru") {
        return Err(AccountError::invalid("lang", "az, en or ru"));
    }
    let office = match (role.is_staff(), &req.office) {
        (true, Some(o)) => Some(o.clone()),
        (true, None) => return Err(AccountError::invalid("office", "staff belong to an office")),
        (false, Some(_)) => return Err(AccountError::invalid("office", "only staff belong to an office")),
        (false, None) => None,
    };
    let context = [username.as_str(), req.display_name.as_str(), "umis", "migration"];
    password::check_new_password(&PasswordPolicy::default(), &req.password, role.is_staff(), &context)
        .map_err(|problem| AccountError::Password { field: "password".into(), problem })?;
    Ok(Checked { role, username, lang, office })
}

/// Creates an account. `by` is `None` for self-service sign-up and the administrator creating
/// staff otherwise (the CLI bootstrap passes [`Actor::system`]). A staff account's TOTP
/// secret is stored sealed under `totp_key` and returned in clear, this once.
pub fn create_account(
    store: &Store,
    clock: &Clock,
    totp_key: &TotpKey,
    by: Option<&Actor>,
    req: &NewAccount,
) -> Result<CreatedAccount, AccountError> {
    let Checked { role, username, lang, office } = check_request(by, req)?;
    let hash = password::hash_password(&req.password).map_err(|e| AccountError::Internal(e.to_string()))?;
    let totp = role.is_staff().then(TotpSecret::generate);
    let id = crate::cases::new_id();
    let row = UserRow {
        totp_secret: totp.as_ref().map(|t| totp_key.seal(&id, t)),
        id,
        username: username.clone(),
        display_name: req.display_name.trim().to_owned(),
        role,
        office_code: office,
        all_offices: false,
        email: req.email.clone(),
        lang,
        password_hash: hash,
        totp_last_step: None,
        failed_logins: 0,
        locked_until_ns: None,
        disabled_at: None,
    };
    let actor_name = by.map_or_else(|| format!("self {}", row.id), Actor::audit_name);
    insert_account(store, &row, &actor_name, &clock.now_rfc3339())?;
    Ok(CreatedAccount {
        id: row.id,
        username: username.clone(),
        role: row.role.as_str().to_owned(),
        totp_uri: totp.as_ref().map(|t| t.otpauth_uri("umis", &username)),
        totp_secret: totp.as_ref().map(TotpSecret::to_base32),
    })
}

/// Stores a new account and audits it, refusing an unknown office or a taken name.
fn insert_account(store: &Store, row: &UserRow, actor_name: &str, now: &str) -> Result<(), AccountError> {
    store.transact(|db| {
        let office = match &row.office_code {
            Some(code) => Some(
                accounts::offices(db)?
                    .into_iter()
                    .find(|o| &o.code == code)
                    .ok_or_else(|| AccountError::invalid("office", "no such office"))?,
            ),
            None => None,
        };
        // The appeal board is the superior body: it sits at headquarters, above the offices.
        let appeals = row.role.decides_appeals();
        if appeals && office.is_none_or(|o| o.kind != "headquarters") {
            return Err(AccountError::invalid("office", "the appeal board sits at headquarters"));
        }
        if !accounts::insert_user(db, row, now)? {
            // Said the same way as any other refusal of the name, so sign-up reveals nothing
            // beyond what choosing a name must.
            return Err(AccountError::invalid("username", "this name cannot be used; choose another"));
        }
        db.audit(&AuditEntry {
            actor: actor_name,
            action: "account.create",
            object: &format!("user:{}", row.id),
            outcome: "ok",
            detail: &serde_json::json!({ "role": row.role, "office": row.office_code }).to_string(),
        })?;
        Ok(())
    })
}

/// Disables an account and ends its sessions at once.
pub fn disable_account(store: &Store, clock: &Clock, by: &Actor, user_id: &str) -> Result<(), AccountError> {
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden("only an administrator disables accounts".into()));
    }
    let now = clock.now_rfc3339();
    store.transact(|db| {
        if !accounts::disable_user(db, user_id, &now)? {
            return Err(AccountError::NotFound);
        }
        db.audit(&AuditEntry::ok(&by.audit_name(), "account.disable", &format!("user:{user_id}")))?;
        Ok(())
    })
}

/// Creates an office, if absent (administrators; the CLI; demo mode).
pub fn ensure_office(store: &Store, by: &Actor, office: &OfficeRow) -> Result<(), AccountError> {
    if by.role != Role::Admin {
        return Err(AccountError::Forbidden("only an administrator creates offices".into()));
    }
    if !(2..=6).contains(&office.code.len())
        || !office.code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(AccountError::invalid("code", "2-6 capital letters or digits"));
    }
    store.transact(|db| {
        accounts::ensure_office(db, office)?;
        db.audit(&AuditEntry::ok(&by.audit_name(), "office.ensure", &format!("office:{}", office.code)))?;
        Ok(())
    })
}
