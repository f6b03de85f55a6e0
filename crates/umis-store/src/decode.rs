//! Turning stored text back into domain values; a value that does not parse means the database
//! was edited outside umis, reported as corruption rather than guessed at.

use crate::StoreError;
use crate::rows::TravellerKey;
use umis_domain::records::{Crossing, Permit, Registration};
use umis_domain::{
    CountryCode, Date, Direction, EntryBasisKind, HostKind, Instant, PermitKind, PermitStatus, Sex,
};

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("{what}: {v:?}"))
}

pub(crate) fn date(v: &str) -> Result<Date, StoreError> {
    Date::parse(v).map_err(|_| corrupt("date", v))
}

pub(crate) fn opt_date(v: Option<&str>) -> Result<Option<Date>, StoreError> {
    v.map(date).transpose()
}

pub(crate) fn vocab<T>(what: &str, v: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(v).ok_or_else(|| corrupt(what, v))
}

pub(crate) fn country(v: &str) -> Result<CountryCode, StoreError> {
    CountryCode::parse(v).map_err(|_| corrupt("country", v))
}

pub(crate) fn stay_days(v: Option<i64>) -> Result<Option<u16>, StoreError> {
    v.map(|d| u16::try_from(d).map_err(|_| corrupt("stay_days", &d.to_string()))).transpose()
}

/// Column values of a stored crossing, in `SELECT` order of [`CROSSING_COLUMNS`].
pub(crate) struct CrossingCols<'a> {
    pub text: [Option<&'a str>; 14],
    pub occurred_at_ns: i64,
    pub offset_seconds: i64,
    pub stay_days: Option<i64>,
}

/// The columns read back for a traveller's crossings.
pub(crate) const CROSSING_COLUMNS: &str = "issuing_state, document_number, record_id, direction, border_point, \
     document_type, document_expiry, surname, given_names, date_of_birth, sex, nationality, entry_basis, \
     entry_basis_reference, occurred_at_ns, offset_seconds, stay_days";

pub(crate) fn crossing(c: &CrossingCols<'_>) -> Result<Crossing, StoreError> {
    let t = |i: usize| c.text[i].unwrap_or_default();
    let o = |i: usize| c.text[i].map(str::to_owned);
    Ok(Crossing {
        issuing_state: country(t(0))?,
        document_number: t(1).to_owned(),
        record_id: t(2).to_owned(),
        direction: vocab("direction", t(3), Direction::parse)?,
        border_point: t(4).to_owned(),
        document_type: t(5).to_owned(),
        document_expiry: opt_date(c.text[6])?,
        surname: t(7).to_owned(),
        given_names: o(8),
        date_of_birth: t(9).to_owned(),
        sex: vocab("sex", t(10), Sex::parse)?,
        nationality: country(t(11))?,
        entry_basis: c.text[12].map(|b| vocab("entry_basis", b, EntryBasisKind::parse)).transpose()?,
        entry_basis_reference: o(13),
        occurred_at: Instant::from_parts(c.occurred_at_ns, i32::try_from(c.offset_seconds).unwrap_or(0)),
        stay_days: stay_days(c.stay_days)?,
    })
}

/// The columns read back for a permit.
pub(crate) const PERMIT_COLUMNS: &str =
    "permit_number, kind, issuing_state, document_number, valid_from, valid_until, employer_tin, status";

pub(crate) fn permit(v: [Option<&str>; 8]) -> Result<Permit, StoreError> {
    let t = |i: usize| v[i].unwrap_or_default();
    Ok(Permit {
        permit_number: t(0).to_owned(),
        kind: vocab("permit kind", t(1), PermitKind::parse)?,
        issuing_state: country(t(2))?,
        document_number: t(3).to_owned(),
        valid_from: date(t(4))?,
        valid_until: date(t(5))?,
        employer_tin: v[6].map(str::to_owned),
        status: vocab("permit status", t(7), PermitStatus::parse)?,
    })
}

/// The columns read back for a registration.
pub(crate) const REGISTRATION_COLUMNS: &str = "registration_id, issuing_state, document_number, submitted_on, address, host_kind, stay_from, stay_until";

pub(crate) fn registration(v: [Option<&str>; 8]) -> Result<Registration, StoreError> {
    let t = |i: usize| v[i].unwrap_or_default();
    Ok(Registration {
        registration_id: t(0).to_owned(),
        issuing_state: country(t(1))?,
        document_number: t(2).to_owned(),
        submitted_on: date(t(3))?,
        address: t(4).to_owned(),
        host_kind: vocab("host kind", t(5), HostKind::parse)?,
        stay_from: date(t(6))?,
        stay_until: opt_date(v[7])?,
    })
}

/// A permit as the scan reads it: holder state, document, kind, from, until, status, number.
pub(crate) fn holder_permit(v: [Option<&str>; 7]) -> Result<crate::rows::HolderPermit, StoreError> {
    let t = |i: usize| v[i].unwrap_or_default();
    Ok(crate::rows::HolderPermit {
        holder: key(t(0), t(1)),
        permit_number: t(6).to_owned(),
        kind: vocab("permit kind", t(2), PermitKind::parse)?,
        valid_from: date(t(3))?,
        valid_until: date(t(4))?,
        status: vocab("permit status", t(5), PermitStatus::parse)?,
    })
}

/// The columns of a registration as the scan reads it, in [`holder_registration`]'s order.
pub(crate) const HOLDER_REGISTRATION_COLUMNS: &str =
    "issuing_state, document_number, submitted_on, registration_id, stay_from, stay_until";

/// A registration as the scan reads it: holder state, document, submission date, id, period.
pub(crate) fn holder_registration(
    v: [Option<&str>; 6],
) -> Result<crate::rows::HolderRegistration, StoreError> {
    let t = |i: usize| v[i].unwrap_or_default();
    Ok(crate::rows::HolderRegistration {
        holder: key(t(0), t(1)),
        submitted_on: date(t(2))?,
        registration_id: t(3).to_owned(),
        stay_from: date(t(4))?,
        stay_until: opt_date(v[5])?,
    })
}

pub(crate) fn key(state: &str, doc: &str) -> TravellerKey {
    TravellerKey { issuing_state: state.to_owned(), document_number: doc.to_owned() }
}
