//! Issued documents for the public and their holders: verification of a credential (with the
//! published revocations), the JWKS and revocation list to publish, and the PDF of a
//! document for whoever may see its case.

use crate::actor::Actor;
use crate::cases::CaseError;
use crate::clock::Clock;
use umis_credential::{self as credential, KeyRing, Rejection, RevocationEntry, RevocationList, Verified};
use umis_domain::Date;
use umis_rules::Lang;
use umis_rules::services::Catalogue;
use umis_store::{AuditEntry, Store, StoreError, cases, documents};

/// The answer of a public verification.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VerifyAnswer {
    /// Whether the document is genuine, in force and not revoked.
    pub valid: bool,
    /// `valid`, `expired`, `not_yet_valid`, `revoked`, `unknown_key`, `forged`, `malformed`.
    pub status: &'static str,
    /// Why, in words.
    pub reason: String,
    /// What the document says (only when its signature is genuine).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claims: Option<serde_json::Value>,
}

/// The current revocation list, signed with the active key.
pub fn revocation_list(store: &Store, keys: &KeyRing, clock: &Clock) -> Result<RevocationList, StoreError> {
    let rows = store.read(documents::revoked)?;
    let entries = rows
        .into_iter()
        .filter_map(|r| {
            let on = Date::parse(r.revoked_on.as_deref()?).ok()?;
            let reason: String = r.revoke_reason.unwrap_or_default().chars().take(200).collect();
            RevocationEntry::new(&r.number, on, reason.trim()).ok()
        })
        .collect();
    let issued =
        umis_domain::Instant::from_parts(clock.now_ns() - clock.now_ns().rem_euclid(1_000_000_000), 0);
    RevocationList::sign(entries, issued, keys)
        .map_err(|e| StoreError::Corrupt(format!("cannot sign revocations: {e}")))
}

/// Verifies a credential as an offline verifier would, with this server's revocations.
pub fn verify_credential(
    store: &Store,
    keys: &KeyRing,
    clock: &Clock,
    token: &str,
) -> Result<VerifyAnswer, StoreError> {
    let jwks = keys.public_jwks();
    let revoked = revocation_list(store, keys, clock)?;
    Ok(match credential::verify(token, &jwks, Some(&revoked), clock.today()) {
        Ok(Verified { claims, status }) => {
            let (valid, status) = match status {
                credential::Status::Valid => (true, "valid"),
                credential::Status::Expired => (false, "expired"),
                credential::Status::NotYetValid => (false, "not_yet_valid"),
            };
            VerifyAnswer {
                valid,
                status,
                reason: status.replace('_', " "),
                claims: Some(claims_json(&claims)),
            }
        }
        Err(rejection) => {
            let status = match &rejection {
                Rejection::Malformed(_) => "malformed",
                Rejection::UnknownKey(_) => "unknown_key",
                Rejection::BadSignature => "forged",
                Rejection::Revoked { .. } => "revoked",
            };
            VerifyAnswer { valid: false, status, reason: rejection.to_string(), claims: None }
        }
    })
}

/// The PDF of an issued document, for someone who may see its case (an audited read). A
/// decision on coded grounds names them in `lang` with their articles (the catalogue's words
/// for the codes its credential signs), and a refusal the note its decision added.
pub fn issued_pdf(
    store: &Store,
    cat: &Catalogue,
    keys: &KeyRing,
    clock: &Clock,
    actor: &Actor,
    number: &str,
    lang: Lang,
) -> Result<Vec<u8>, CaseError> {
    let (issued, case) = store.transact(|db| {
        let issued = documents::issued_by_number(db, number)?.ok_or(CaseError::NotFound)?;
        let case = cases::case_by_id(db, &issued.case_id)?.ok_or(CaseError::NotFound)?;
        if !crate::cases::may_see_case(actor, &case) {
            return Err(CaseError::NotFound);
        }
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "document.pdf",
            object: &format!("document:{number}"),
            outcome: "ok",
            detail: &serde_json::json!({ "case": case.id }).to_string(),
        })?;
        Ok((issued, case))
    })?;
    let verified = credential::verify(&issued.credential, &keys.public_jwks(), None, clock.today())
        .map_err(|e| CaseError::Internal(format!("the stored credential does not verify: {e}")))?;
    let ground = |code: &str| ground_line(cat, code, lang);
    let refusal = issued.doc_type == "decision" && issued.kind.ends_with("_refused");
    let note = case.grounds.as_deref().filter(|_| refusal);
    let reasons = credential::Reasons { ground: &ground, note };
    credential::render_decision_pdf(&verified.claims, &issued.credential, lang, &reasons)
        .map_err(|e| CaseError::Internal(format!("cannot draw the document: {e}")))
}

/// A refusal ground as a document prints it: the catalogue's words in `lang`, with the article
/// when the catalogue cites one; a code the catalogue no longer lists, as its code.
fn ground_line(cat: &Catalogue, code: &str, lang: Lang) -> String {
    match cat.refusal_ground(code) {
        Some(g) if g.article.trim().is_empty() => g.names.get(lang).to_owned(),
        Some(g) => format!("{} ({})", g.names.get(lang), g.article),
        None => code.to_owned(),
    }
}

/// What a verified credential says, for display.
fn claims_json(c: &credential::Claims) -> serde_json::Value {
    let f = c.fields();
    let mut out = serde_json::json!({
        "doc_type": f.doc_type.as_str(),
        "number": f.number,
        "kind": f.kind,
        "holder": f.holder,
        "travel_document": f.travel_document,
        "birth_date": f.birth.to_string(),
        "valid_from": f.valid_from.map(|d| d.to_string()),
        "valid_until": f.valid_until.map(|d| d.to_string()),
        "employer": f.employer,
        "issued": f.issued.to_string(),
        "kid": c.kid(),
    });
    if !f.grounds.is_empty() {
        out["grounds"] = serde_json::json!(f.grounds);
    }
    out
}
