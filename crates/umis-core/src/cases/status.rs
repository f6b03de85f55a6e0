//! The public status lookup: a receipt number and the holder's date of birth give one of a
//! small, fixed set of status messages in Azerbaijani, English or Russian, and nothing else.
//! The messages are the Fluent messages `status-<code>` of `umis-words` (`status.ftl`).
//!
//! A wrong date of birth and an unknown number get the same answer, so the lookup cannot be
//! used to learn which numbers exist; the receipt's check digits catch typing errors first.

use super::CaseError;
use umis_domain::Date;
use umis_domain::case_state::StateName;
use umis_domain::receipt::Receipt;
use umis_rules::Lang;
use umis_store::Store;
use umis_store::cases;

/// The answer of a public status lookup.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PublicStatus {
    /// The receipt number, normalised.
    pub receipt: String,
    /// A stable status code: `received`, `action_needed`, `in_progress`, `approved`, `refused`,
    /// `under_appeal`, `closed`, `withdrawn`, `awaiting_payment`, `left_without_consideration`,
    /// `forwarded`.
    pub status: &'static str,
    /// The status in the asked language.
    pub message: String,
    /// The statutory deadline, while the case is open.
    pub due_on: Option<Date>,
}

/// The public status of a lifecycle state. A person needs to know that a duty is due, that
/// the application was left without consideration, or that it was forwarded to the deciding
/// authority; a suspension shows as in progress, a lapse or a termination as closed (the
/// reasons are in the person's account, not in a public lookup).
pub(crate) fn public_code(state: StateName) -> &'static str {
    match state {
        StateName::Submitted | StateName::Accepted => "received",
        StateName::ReturnedForCorrection | StateName::InformationRequested => "action_needed",
        StateName::Assigned | StateName::InReview | StateName::DecisionProposed | StateName::Suspended => {
            "in_progress"
        }
        StateName::AwaitingPayment => "awaiting_payment",
        StateName::LeftWithoutConsideration => "left_without_consideration",
        StateName::Forwarded => "forwarded",
        StateName::LapsedUnpaid | StateName::ProceedingsTerminated => "closed",
        StateName::Approved => "approved",
        StateName::Refused => "refused",
        StateName::Appealed => "under_appeal",
        StateName::Withdrawn => "withdrawn",
        StateName::Draft | StateName::Closed => "closed",
    }
}

/// Every code of the public status vocabulary: the statuses, the extended deadline a
/// notification tells of, and the answer of a lookup that found nothing.
pub const MESSAGE_CODES: [&str; 13] = [
    "received",
    "action_needed",
    "in_progress",
    "approved",
    "refused",
    "under_appeal",
    "withdrawn",
    "awaiting_payment",
    "left_without_consideration",
    "forwarded",
    "deadline_extended",
    "closed",
    "not_found",
];

/// The status message of `code` in `lang`; a code outside the vocabulary reads as not found.
pub fn message(code: &str, lang: Lang) -> String {
    let code = if MESSAGE_CODES.contains(&code) { code } else { "not_found" };
    umis_words::t(lang, &format!("status-{code}"))
}

/// Looks up the status of the case with `receipt` whose holder was born on `birth_date`.
/// `Ok(None)` when there is none (or the date does not match).
pub fn public_status(
    store: &Store,
    receipt: &str,
    birth_date: &str,
    lang: Lang,
) -> Result<Option<PublicStatus>, CaseError> {
    let receipt = Receipt::parse(receipt.trim())
        .map_err(|e| CaseError::invalid("receipt", "bad_receipt", e.to_string()))?
        .to_string();
    let birth = Date::parse(birth_date.trim())
        .map_err(|_| CaseError::invalid("birth_date", "not_a_date", "date of birth must be YYYY-MM-DD"))?
        .to_string();
    let row = store.read(|db| cases::case_by_receipt(db, &receipt))?;
    Ok(row.filter(|r| r.holder_birth_date.as_deref() == Some(birth.as_str())).map(|r| {
        let code = public_code(r.state);
        PublicStatus {
            receipt,
            status: code,
            message: message(code, lang),
            due_on: if r.state.is_open() { r.due_on } else { None },
        }
    }))
}

/// The message for a lookup that found nothing.
pub fn not_found_message(lang: Lang) -> String {
    message("not_found", lang)
}

/// The subject and text of a status notification (the public status vocabulary plus the
/// receipt number: nothing else about the case leaves umis by e-mail).
pub fn status_message(receipt: &str, state_or_event: &str, lang: Lang) -> (String, String) {
    // Events that are not states read as closed (`document_revoked`), except an extended
    // deadline, of which the law says the applicant is told.
    let code = match state_or_event {
        "deadline_extended" => "deadline_extended",
        other => StateName::parse(other).map_or("closed", public_code),
    };
    let subject = umis_words::t_args(lang, "status-subject", &[("receipt", receipt.into())]);
    (subject, format!("{receipt}\n\n{}\n", message(code, lang)))
}
