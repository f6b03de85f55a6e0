//! The asylum-seeker's lawful stay. From the registration of a refugee-status claim until the
//! final decision (appeals included) the claimant holds a temporary certificate, and stay
//! control must count those days as lawful: the certificate enters the stay engine's permit
//! table as an `asylum_seeker` permit, open-ended while the claim is pending, and its last day
//! moves when a decision is taken, challenged or becomes final.

use super::CaseError;
use super::catalogue::Holder;
use umis_domain::{Date, PermitKind};
use umis_store::documents::{self, StayPermit};
use umis_store::sql::WriteDb;

/// The kind of the certificate issued when a claim is registered.
pub(crate) const CERTIFICATE_KIND: &str = "refugee_temporary_certificate";

/// Puts the certificate numbered `number` into stay control from `from`, open-ended. A
/// claimant without a travel document cannot be keyed in stay control, which knows travellers
/// by document: nothing is written for them (no crossing of theirs can be judged either).
pub(crate) fn open(
    db: &mut dyn WriteDb,
    holder: &Holder,
    number: &str,
    from: Date,
    content_hash: i64,
) -> Result<(), CaseError> {
    let (Some(state), Some(document)) = (holder.issuing_state.as_deref(), holder.document_number.as_deref())
    else {
        return Ok(());
    };
    documents::upsert_stay_permit(
        db,
        &StayPermit {
            number,
            kind: PermitKind::AsylumSeeker.as_str(),
            issuing_state: state,
            document_number: document,
            valid_from: &from.to_string(),
            valid_until: &Date::MAX.to_string(),
            employer_tin: None,
            status: "active",
            content_hash,
        },
    )?;
    Ok(())
}

/// Sets the last lawful day the certificate of case `case_id` gives: the day a decision becomes
/// final, or [`Date::MAX`] while the claim (or a challenge of its refusal) is pending.
pub(crate) fn set_last_day(db: &mut dyn WriteDb, case_id: &str, last_day: Date) -> Result<(), CaseError> {
    for doc in documents::issued_for_case(db, case_id)? {
        if doc.kind == CERTIFICATE_KIND {
            documents::set_stay_permit_until(db, &doc.number, &last_day.to_string())?;
        }
    }
    Ok(())
}
