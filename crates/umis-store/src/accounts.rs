//! Offices, accounts and sessions, in portable SQL over [`Db`].

use crate::StoreError;
use crate::sql::{Db, Row, Val, WriteDb};
use umis_domain::Role;

/// An office of the authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficeRow {
    /// Short code, also the first part of receipt numbers (`BAK1`).
    pub code: String,
    /// `headquarters`, `regional` or `service_centre`.
    pub kind: String,
    /// Name as shown.
    pub name: String,
}

/// An account as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    /// Random 128-bit id, hex.
    pub id: String,
    /// Sign-in name, lower case.
    pub username: String,
    /// Name as shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Office of staff.
    pub office_code: Option<String>,
    /// Granted sight of every office's cases.
    pub all_offices: bool,
    /// Where notifications go.
    pub email: Option<String>,
    /// Preferred language (`az`, `en`, `ru`).
    pub lang: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// The TOTP secret, when a second factor is enrolled: sealed (`v1:…`) by umis-core, or
    /// base32 in clear as an older version wrote it.
    pub totp_secret: Option<String>,
    /// The last TOTP time step used (codes are single-use).
    pub totp_last_step: Option<i64>,
    /// Consecutive failed sign-ins.
    pub failed_logins: i64,
    /// Sign-in refused until this instant (UTC ns).
    pub locked_until_ns: Option<i64>,
    /// When the account was disabled.
    pub disabled_at: Option<String>,
}

const USER_COLUMNS: &str = "id, username, display_name, role, office_code, all_offices, email, lang, \
     password_hash, totp_secret, totp_last_step, failed_logins, locked_until_ns, disabled_at";

fn user(r: &Row) -> Result<UserRow, StoreError> {
    Ok(UserRow {
        id: r.text(0)?,
        username: r.text(1)?,
        display_name: r.text(2)?,
        role: r.word(3, Role::parse)?,
        office_code: r.opt_text(4)?,
        all_offices: r.int(5)? != 0,
        email: r.opt_text(6)?,
        lang: r.text(7)?,
        password_hash: r.text(8)?,
        totp_secret: r.opt_text(9)?,
        totp_last_step: r.opt_int(10)?,
        failed_logins: r.int(11)?,
        locked_until_ns: r.opt_int(12)?,
        disabled_at: r.opt_text(13)?,
    })
}

/// Creates an office, or leaves an existing one with this code as it is.
pub fn ensure_office(db: &mut dyn WriteDb, o: &OfficeRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO offices (code, kind, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING",
        &[Val::Text(&o.code), Val::Text(&o.kind), Val::Text(&o.name)],
    )?;
    Ok(())
}

/// Every office, by code.
pub fn offices(db: &mut dyn Db) -> Result<Vec<OfficeRow>, StoreError> {
    db.rows("SELECT code, kind, name FROM offices ORDER BY code", &[])?
        .iter()
        .map(|r| Ok(OfficeRow { code: r.text(0)?, kind: r.text(1)?, name: r.text(2)? }))
        .collect()
}

/// Stores a new account; `false` when the user name is taken.
pub fn insert_user(db: &mut dyn WriteDb, u: &UserRow, now: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "INSERT INTO users (id, username, display_name, role, office_code, all_offices, email, lang, \
         password_hash, totp_secret, totp_last_step, failed_logins, locked_until_ns, disabled_at, \
         created_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 0, NULL, NULL, $12, $12) \
         ON CONFLICT (username) DO NOTHING",
        &[
            Val::Text(&u.id),
            Val::Text(&u.username),
            Val::Text(&u.display_name),
            Val::Text(u.role.as_str()),
            (&u.office_code).into(),
            Val::Int(i64::from(u.all_offices)),
            (&u.email).into(),
            Val::Text(&u.lang),
            Val::Text(&u.password_hash),
            (&u.totp_secret).into(),
            u.totp_last_step.into(),
            Val::Text(now),
        ],
    )?;
    Ok(n == 1)
}

/// The account with this user name.
pub fn user_by_name(db: &mut dyn Db, username: &str) -> Result<Option<UserRow>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
    db.row(&sql, &[Val::Text(username)])?.map(|r| user(&r)).transpose()
}

/// The account with this id.
pub fn user_by_id(db: &mut dyn Db, id: &str) -> Result<Option<UserRow>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    db.row(&sql, &[Val::Text(id)])?.map(|r| user(&r)).transpose()
}

/// Accounts of one role (and office, when given), by user name.
pub fn users_by_role(db: &mut dyn Db, role: Role, office: Option<&str>) -> Result<Vec<UserRow>, StoreError> {
    let sql = format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role = $1 AND (CAST($2 AS TEXT) IS NULL OR office_code = $2) ORDER BY username"
    );
    db.rows(&sql, &[Val::Text(role.as_str()), office.into()])?.iter().map(user).collect()
}

/// How many user accounts and API tokens exist (`umis demo` writes only into a database
/// without either, or one it filled itself).
pub fn account_and_token_counts(db: &mut dyn Db) -> Result<(i64, i64), StoreError> {
    let count = |db: &mut dyn Db, sql: &str| db.row(sql, &[])?.map_or(Ok(0), |r| r.int(0));
    let users = count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM users")?;
    let tokens = count(db, "SELECT CAST(COUNT(*) AS BIGINT) FROM api_tokens")?;
    Ok((users, tokens))
}

/// Records the outcome of a sign-in attempt: failures count up and may lock the account until
/// `locked_until_ns`; a success resets the count.
pub fn record_sign_in(
    db: &mut dyn WriteDb,
    user_id: &str,
    failed_logins: i64,
    locked_until_ns: Option<i64>,
) -> Result<(), StoreError> {
    db.exec(
        "UPDATE users SET failed_logins = $2, locked_until_ns = $3 WHERE id = $1",
        &[Val::Text(user_id), Val::Int(failed_logins), locked_until_ns.into()],
    )?;
    Ok(())
}

/// Marks a TOTP step as used, only if it is later than the last one (single use, even under
/// concurrent sign-ins); `false` when the step was already used.
pub fn use_totp_step(db: &mut dyn WriteDb, user_id: &str, step: i64) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)",
        &[Val::Text(user_id), Val::Int(step)],
    )?;
    Ok(n == 1)
}

/// Replaces the password hash and ends every session of the account.
pub fn set_password(db: &mut dyn WriteDb, user_id: &str, hash: &str, now: &str) -> Result<(), StoreError> {
    db.exec(
        "UPDATE users SET password_hash = $2, password_changed_at = $3, failed_logins = 0, locked_until_ns = NULL \
         WHERE id = $1",
        &[Val::Text(user_id), Val::Text(hash), Val::Text(now)],
    )?;
    end_sessions(db, user_id)
}

/// Disables an account and ends its sessions; `false` if there was no such enabled account.
pub fn disable_user(db: &mut dyn WriteDb, user_id: &str, now: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE users SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL",
        &[Val::Text(user_id), Val::Text(now)],
    )?;
    end_sessions(db, user_id)?;
    Ok(n == 1)
}

/// A session as stored (its id only as a hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// SHA-256 of the cookie value, hex.
    pub id_hash: String,
    /// The account.
    pub user_id: String,
    /// The session's CSRF token.
    pub csrf_token: String,
    /// Whether the second factor was given (staff need it before anything else).
    pub second_factor_done: bool,
    /// Created (UTC ns), for the absolute timeout.
    pub created_ns: i64,
    /// Last request (UTC ns), for the idle timeout.
    pub last_seen_ns: i64,
}

/// Stores a new session.
pub fn insert_session(db: &mut dyn WriteDb, s: &SessionRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, second_factor_done, created_ns, last_seen_ns) \
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            Val::Text(&s.id_hash),
            Val::Text(&s.user_id),
            Val::Text(&s.csrf_token),
            Val::Int(i64::from(s.second_factor_done)),
            Val::Int(s.created_ns),
            Val::Int(s.last_seen_ns),
        ],
    )?;
    Ok(())
}

/// The session with this id hash.
pub fn session(db: &mut dyn Db, id_hash: &str) -> Result<Option<SessionRow>, StoreError> {
    db.row(
        "SELECT id_hash, user_id, csrf_token, second_factor_done, created_ns, last_seen_ns FROM sessions \
         WHERE id_hash = $1",
        &[Val::Text(id_hash)],
    )?
    .map(|r| {
        Ok(SessionRow {
            id_hash: r.text(0)?,
            user_id: r.text(1)?,
            csrf_token: r.text(2)?,
            second_factor_done: r.int(3)? != 0,
            created_ns: r.int(4)?,
            last_seen_ns: r.int(5)?,
        })
    })
    .transpose()
}

/// Notes activity on a session (and, once given, the second factor).
pub fn touch_session(
    db: &mut dyn WriteDb,
    id_hash: &str,
    now_ns: i64,
    second_factor_done: bool,
) -> Result<(), StoreError> {
    db.exec(
        "UPDATE sessions SET last_seen_ns = $2, second_factor_done = $3 WHERE id_hash = $1",
        &[Val::Text(id_hash), Val::Int(now_ns), Val::Int(i64::from(second_factor_done))],
    )?;
    Ok(())
}

/// Ends one session.
pub fn end_session(db: &mut dyn WriteDb, id_hash: &str) -> Result<(), StoreError> {
    db.exec("DELETE FROM sessions WHERE id_hash = $1", &[Val::Text(id_hash)])?;
    Ok(())
}

/// Ends every session of an account.
pub fn end_sessions(db: &mut dyn WriteDb, user_id: &str) -> Result<(), StoreError> {
    db.exec("DELETE FROM sessions WHERE user_id = $1", &[Val::Text(user_id)])?;
    Ok(())
}

/// Removes sessions idle since before `idle_before_ns` or created before `created_before_ns`.
pub fn sweep_sessions(
    db: &mut dyn WriteDb,
    idle_before_ns: i64,
    created_before_ns: i64,
) -> Result<u64, StoreError> {
    db.exec(
        "DELETE FROM sessions WHERE last_seen_ns < $1 OR created_ns < $2",
        &[Val::Int(idle_before_ns), Val::Int(created_before_ns)],
    )
}

/// Replaces an account's TOTP secret (enrolment of a new authenticator; demo accounts); the
/// caller passes it sealed.
pub fn set_totp_secret(db: &mut dyn WriteDb, user_id: &str, secret: Option<&str>) -> Result<(), StoreError> {
    db.exec(
        "UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1",
        &[Val::Text(user_id), secret.into()],
    )?;
    Ok(())
}

/// The accounts whose TOTP secret is still stored in clear (written by a version before secrets
/// were sealed): user id and stored text.
pub fn clear_totp_secrets(db: &mut dyn Db) -> Result<Vec<(String, String)>, StoreError> {
    db.rows(
        "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'v1:%'",
        &[],
    )?
    .iter()
    .map(|r| Ok((r.text(0)?, r.text(1)?)))
    .collect()
}

/// Replaces an account's stored TOTP secret by another form of the same secret (a clear one by
/// its sealed form), only if it still holds `old`; the last used step is kept.
pub fn reseal_totp_secret(
    db: &mut dyn WriteDb,
    user_id: &str,
    old: &str,
    new: &str,
) -> Result<(), StoreError> {
    db.exec(
        "UPDATE users SET totp_secret = $3 WHERE id = $1 AND totp_secret = $2",
        &[Val::Text(user_id), Val::Text(old), Val::Text(new)],
    )?;
    Ok(())
}
