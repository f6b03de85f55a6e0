//! Signing in, the second factor, sessions and signing out.
//!
//! A session id is 256 random bits sent only in a `__Host-` cookie; the database keeps its
//! SHA-256, so a copy of the database signs no one in. A new id is issued at every sign-in
//! (no fixation); sessions end on sign-out, password change, account disabling, after 30
//! minutes idle and 12 hours in all. Staff sessions are good for nothing until the TOTP
//! second factor is given.
//!
//! Sign-in failures are throttled per user name — known or not, identically, so neither the
//! answer, its status nor its timing says whether an account exists — and each refusal is
//! audited. An account with 100 consecutive failures is locked until an administrator resets
//! it (NIST SP 800-63B-4's ceiling); well before that, attempts are slowed exponentially.

use super::throttle::SignInThrottle;
use super::totp_key::{Opened, TotpKey};
use super::{AccountError, password, totp};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_store::accounts::{self, SessionRow, UserRow};
use umis_store::{AuditEntry, Store};

/// Idle timeout.
pub const IDLE_SECS: i64 = 30 * 60;
/// Absolute lifetime.
pub const ABSOLUTE_SECS: i64 = 12 * 60 * 60;
/// Consecutive failures after which an account is locked until reset.
pub const HARD_LOCK_AFTER: i64 = 100;
/// Wrong TOTP codes after which a half-signed-in session is ended.
pub const MAX_TOTP_FAILURES: u32 = 5;
const NS: i64 = 1_000_000_000;

/// A new session: the secret goes into the cookie and is not kept anywhere.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Cookie value.
    pub secret: String,
    /// The session's CSRF token (sent back in `X-CSRF-Token` on every change).
    pub csrf_token: String,
    /// Whether a TOTP code is still needed.
    pub second_factor_required: bool,
}

/// A live session and who it belongs to.
#[derive(Debug, Clone)]
pub struct SessionInfo {
    /// The account as an actor.
    pub actor: Actor,
    /// Display name.
    pub display_name: String,
    /// Preferred language.
    pub lang: String,
    /// CSRF token.
    pub csrf_token: String,
    /// Whether the second factor is done (or not needed).
    pub complete: bool,
}

fn hash(secret: &str) -> String {
    crate::hex::sha256_hex(secret.as_bytes())
}

impl NewSession {
    /// A fresh session for `user_id` with a new secret and CSRF token, and the row that keeps
    /// it (by the secret's hash, never the secret itself).
    fn fresh(user_id: &str, second_factor_done: bool, created_ns: i64, now: i64) -> (NewSession, SessionRow) {
        let secret = password::random_secret(32);
        let csrf_token = password::random_secret(32);
        let row = SessionRow {
            id_hash: hash(&secret),
            user_id: user_id.to_owned(),
            csrf_token: csrf_token.clone(),
            second_factor_done,
            created_ns,
            last_seen_ns: now,
        };
        (NewSession { secret, csrf_token, second_factor_required: !second_factor_done }, row)
    }
}

fn actor_of(u: &UserRow) -> Option<Actor> {
    Some(Actor { id: u.id.clone(), role: u.role, office: u.office_code.clone(), all_offices: u.all_offices })
}

fn audit_sign_in(store: &Store, who: &str, outcome: &str, reason: &str) -> Result<(), AccountError> {
    store.audit(&AuditEntry {
        actor: who,
        action: "session.sign_in",
        object: "-",
        outcome,
        detail: &serde_json::json!({ "reason": reason }).to_string(),
    })?;
    Ok(())
}

/// Appends the audit record of a step a user took on their own session.
fn audit_own(
    db: &mut dyn umis_store::sql::WriteDb,
    user_id: &str,
    action: &str,
    outcome: &str,
    detail: &str,
) -> Result<(), umis_store::StoreError> {
    db.audit(&AuditEntry { actor: &format!("user:{user_id}"), action, object: "-", outcome, detail })
}

/// The stored session with this id hash and the account it belongs to, if both exist.
fn session_and_user(store: &Store, id_hash: &str) -> Result<Option<(SessionRow, UserRow)>, AccountError> {
    Ok(store.read(|db| {
        let Some(s) = accounts::session(db, id_hash)? else { return Ok::<_, umis_store::StoreError>(None) };
        Ok(accounts::user_by_id(db, &s.user_id)?.map(|u| (s, u)))
    })?)
}

/// Signs in with a user name and password. Every refusal looks the same to the caller.
pub fn sign_in(
    store: &Store,
    clock: &Clock,
    throttle: &SignInThrottle,
    username: &str,
    password_given: &str,
) -> Result<NewSession, AccountError> {
    let name = super::users::normalise_username(username).unwrap_or_default();
    let now = clock.now_ns();
    throttle.check(&name, now)?;
    let user = store.read(|db| accounts::user_by_name(db, &name))?;
    let Some(user) = user else {
        password::verify_against_dummy(password_given);
        throttle.failed(&name, now);
        audit_sign_in(store, "anonymous", "denied", "unknown_or_wrong")?;
        return Err(AccountError::SignInRefused);
    };
    let locked = user.locked_until_ns.is_some_and(|t| t > now);
    let ok = password::verify_password(password_given, &user.password_hash);
    if !ok || locked || user.disabled_at.is_some() {
        throttle.failed(&name, now);
        let failures = if ok { user.failed_logins } else { user.failed_logins + 1 };
        let lock = (failures >= HARD_LOCK_AFTER).then_some(i64::MAX).or(user.locked_until_ns);
        store.transact(|db| {
            accounts::record_sign_in(db, &user.id, failures, lock)?;
            audit_own(
                db,
                &user.id,
                "session.sign_in",
                "denied",
                &serde_json::json!({ "failures": failures }).to_string(),
            )
        })?;
        return Err(AccountError::SignInRefused);
    }
    throttle.succeeded(&name);
    let needs_totp = user.totp_secret.is_some();
    let (session, row) = NewSession::fresh(&user.id, !needs_totp, now, now);
    store.transact(|db| {
        accounts::record_sign_in(db, &user.id, 0, None)?;
        accounts::insert_session(db, &row)?;
        audit_own(
            db,
            &user.id,
            "session.sign_in",
            "ok",
            &serde_json::json!({ "second_factor_required": needs_totp }).to_string(),
        )
    })?;
    Ok(session)
}

/// Gives the TOTP code of a half-signed-in session; on success the session is replaced by a
/// new one (a new id once fully authenticated), and a secret an older version stored in clear
/// is sealed under `totp_key`. A stored secret that does not open (wrong key file, or a
/// secret moved from another account) refuses the code with [`AccountError::Internal`].
pub fn second_factor(
    store: &Store,
    clock: &Clock,
    throttle: &SignInThrottle,
    totp_key: &TotpKey,
    secret: &str,
    code: &str,
) -> Result<NewSession, AccountError> {
    let now = clock.now_ns();
    let id_hash = hash(secret);
    let found = session_and_user(store, &id_hash)?;
    let Some((session, user)) = found.filter(|(s, _)| live(s, now)) else {
        audit_sign_in(store, "anonymous", "denied", "no_session")?;
        return Err(AccountError::NotSignedIn);
    };
    let (stored, opened) = enrolled_secret(store, totp_key, &user)?;
    let key = format!("totp:{}", user.id);
    throttle.check(&key, now)?;
    let last_step = user.totp_last_step.and_then(|v| u64::try_from(v).ok());
    let matched = totp::check(&opened.secret, code, u64::try_from(now / NS).unwrap_or(0), last_step).ok();
    let Some(step) = matched else {
        let failures = throttle.failed(&key, now);
        store.transact(|db| {
            if failures >= MAX_TOTP_FAILURES {
                accounts::end_session(db, &session.id_hash)?;
            }
            audit_own(db, &user.id, "session.second_factor", "denied", "{}")
        })?;
        return Err(AccountError::SignInRefused);
    };
    throttle.succeeded(&key);
    let (fresh, row) = NewSession::fresh(&user.id, true, session.created_ns, now);
    store.transact(|db| {
        if !accounts::use_totp_step(db, &user.id, i64::try_from(step).unwrap_or(i64::MAX))? {
            return Err(AccountError::SignInRefused);
        }
        if opened.stored_in_clear {
            accounts::reseal_totp_secret(db, &user.id, &stored, &totp_key.seal(&user.id, &opened.secret))?;
        }
        accounts::end_session(db, &session.id_hash)?;
        accounts::insert_session(db, &row)?;
        audit_own(db, &user.id, "session.second_factor", "ok", "{}")?;
        Ok(())
    })?;
    Ok(fresh)
}

/// The account's stored TOTP secret and the secret it opens to; refused (and audited) when the
/// account has none, or when it does not open.
fn enrolled_secret(
    store: &Store,
    totp_key: &TotpKey,
    user: &UserRow,
) -> Result<(String, Opened), AccountError> {
    let who = format!("user:{}", user.id);
    let Some(stored) = user.totp_secret.clone() else {
        audit_sign_in(store, &who, "denied", "no_second_factor_enrolled")?;
        return Err(AccountError::NotSignedIn);
    };
    match totp_key.open(&user.id, &stored) {
        Ok(opened) => Ok((stored, opened)),
        Err(problem) => {
            // Not the person's mistake: the key file or the row is wrong, and only an operator
            // can put it right, so it is audited and reported as such.
            audit_sign_in(store, &who, "denied", "totp_secret_unusable")?;
            Err(AccountError::Internal(problem.to_string()))
        }
    }
}

fn live(s: &SessionRow, now: i64) -> bool {
    now - s.last_seen_ns <= IDLE_SECS * NS && now - s.created_ns <= ABSOLUTE_SECS * NS
}

/// Deletes every session past its idle timeout or absolute lifetime, returning how many. A
/// session is refused once it is not [`live`] anyway; sweeping removes the ones nobody comes
/// back for, so their hash, CSRF token and user id do not stay in the database for ever.
pub fn sweep_expired(store: &Store, clock: &Clock) -> Result<u64, AccountError> {
    let now = clock.now_ns();
    // `live` keeps a session at exactly the limit, so only older ones go.
    let (idle_before, created_before) = (now - IDLE_SECS * NS, now - ABSOLUTE_SECS * NS);
    Ok(store.transact(|db| accounts::sweep_sessions(db, idle_before, created_before))?)
}

/// The session a cookie names, if it is live and its account enabled. Activity is written at
/// most once a minute, so reads do not each become a database write.
pub fn session(store: &Store, clock: &Clock, secret: &str) -> Result<Option<SessionInfo>, AccountError> {
    if secret.is_empty() || secret.len() > 128 {
        return Ok(None);
    }
    let now = clock.now_ns();
    let id_hash = hash(secret);
    let found = session_and_user(store, &id_hash)?;
    let Some((s, u)) = found else { return Ok(None) };
    if !live(&s, now) || u.disabled_at.is_some() {
        store.transact(|db| accounts::end_session(db, &id_hash))?;
        return Ok(None);
    }
    if now - s.last_seen_ns > 60 * NS {
        store.transact(|db| accounts::touch_session(db, &id_hash, now, s.second_factor_done))?;
    }
    let Some(actor) = actor_of(&u) else { return Ok(None) };
    Ok(Some(SessionInfo {
        actor,
        display_name: u.display_name,
        lang: u.lang,
        csrf_token: s.csrf_token,
        complete: s.second_factor_done,
    }))
}

/// Ends the session a cookie names.
pub fn sign_out(store: &Store, secret: &str) -> Result<(), AccountError> {
    let id_hash = hash(secret);
    store.transact(|db| {
        let Some(s) = accounts::session(db, &id_hash)? else { return Ok(()) };
        accounts::end_session(db, &id_hash)?;
        audit_own(db, &s.user_id, "session.sign_out", "ok", "{}")
    })?;
    Ok(())
}

/// Changes the password (the current one is asked again): every session of the account ends,
/// and a fresh one is returned for the caller.
pub fn change_password(
    store: &Store,
    clock: &Clock,
    actor: &Actor,
    current: &str,
    new: &str,
) -> Result<NewSession, AccountError> {
    let user = store.read(|db| accounts::user_by_id(db, &actor.id))?.ok_or(AccountError::NotSignedIn)?;
    if !password::verify_password(current, &user.password_hash) {
        return Err(AccountError::invalid("current_password", "the current password is not right"));
    }
    let context = [user.username.as_str(), user.display_name.as_str(), "umis", "migration"];
    password::check_new_password(
        &password::PasswordPolicy::default(),
        new,
        user.totp_secret.is_some(),
        &context,
    )
    .map_err(|problem| AccountError::Password { field: "new_password".into(), problem })?;
    let hash_new = password::hash_password(new).map_err(|e| AccountError::Internal(e.to_string()))?;
    let now = clock.now_ns();
    let (session, row) = NewSession::fresh(&user.id, true, now, now);
    store.transact(|db| {
        accounts::set_password(db, &user.id, &hash_new, &clock.now_rfc3339())?;
        accounts::insert_session(db, &row)?;
        db.audit(&AuditEntry::ok(
            &actor.audit_name(),
            "account.password_change",
            &format!("user:{}", user.id),
        ))
    })?;
    Ok(session)
}
