//! The three interchange records (crossings, permits, registrations) as validated values.
//!
//! Each record is built from its raw fields, whatever the encoding (CSV or JSON Lines), by one
//! constructor, so both encodings accept and refuse exactly the same things.

use crate::country::CountryCode;
use crate::date::Date;
use crate::kinds::{Direction, EntryBasisKind, HostKind, PermitKind, PermitStatus, Sex};
use crate::text::{FieldError, document_number, required, text};
use crate::timestamp::Instant;

/// An integer field as it arrived: CSV gives text, JSON gives a number or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntField<'a> {
    /// Digits to be parsed (CSV).
    Text(&'a str),
    /// A JSON integer.
    Number(i64),
    /// A JSON value of the wrong type (string, float, bool, object…).
    WrongType,
}

/// The raw fields of a border-crossing record; `None` means absent.
#[derive(Debug, Default, Clone)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct CrossingFields<'a> {
    pub record_id: Option<&'a str>,
    pub direction: Option<&'a str>,
    pub occurred_at: Option<&'a str>,
    pub border_point: Option<&'a str>,
    pub document_type: Option<&'a str>,
    pub document_number: Option<&'a str>,
    pub document_issuing_state: Option<&'a str>,
    pub document_expiry: Option<&'a str>,
    pub person_surname: Option<&'a str>,
    pub person_given_names: Option<&'a str>,
    pub person_date_of_birth: Option<&'a str>,
    pub person_sex: Option<&'a str>,
    pub person_nationality: Option<&'a str>,
    pub entry_basis_kind: Option<&'a str>,
    pub entry_basis_reference: Option<&'a str>,
    pub entry_basis_stay_days: Option<IntField<'a>>,
}

/// A validated crossing of the state border.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct Crossing {
    pub record_id: String,
    pub direction: Direction,
    pub occurred_at: Instant,
    pub border_point: String,
    pub document_type: String,
    pub document_number: String,
    pub issuing_state: CountryCode,
    pub document_expiry: Option<Date>,
    pub surname: String,
    pub given_names: Option<String>,
    /// `YYYY-MM-DD`, or with `00` for an unknown month and day (ICAO).
    pub date_of_birth: String,
    pub sex: Sex,
    pub nationality: CountryCode,
    pub entry_basis: Option<EntryBasisKind>,
    pub entry_basis_reference: Option<String>,
    pub stay_days: Option<u16>,
}

/// Longest free text (names, addresses, references) accepted in any record.
pub const MAX_TEXT_CHARS: usize = 500;

fn optional(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.is_empty())
}

fn date(field: &'static str, v: &str) -> Result<Date, FieldError> {
    Date::parse(v).map_err(|e| FieldError::new(field, format!("{e}: {v:?}")))
}

fn country(field: &'static str, v: &str) -> Result<CountryCode, FieldError> {
    CountryCode::parse(v).map_err(|e| FieldError::new(field, format!("{e}: {v:?}")))
}

fn vocabulary<T>(
    field: &'static str,
    v: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Result<T, FieldError> {
    parse(v).ok_or_else(|| FieldError::new(field, format!("{v:?} is not one of {}", expected())))
}

/// Date of birth as ICAO allows it: a full date, `YYYY-MM-00` or `YYYY-00-00`.
fn date_of_birth(field: &'static str, v: &str) -> Result<String, FieldError> {
    let bad = || FieldError::new(field, format!("not a date, YYYY-MM-00 or YYYY-00-00: {v:?}"));
    if Date::parse(v).is_ok() {
        return Ok(v.to_owned());
    }
    let (y, m, d) = crate::date::parse_ymd_digits(v.as_bytes()).ok_or_else(bad)?;
    let partial_ok = (1..=9999).contains(&y) && d == 0 && (m == 0 || (1..=12).contains(&m));
    if partial_ok { Ok(v.to_owned()) } else { Err(bad()) }
}

fn stay_days(field: &'static str, v: IntField<'_>) -> Result<u16, FieldError> {
    let n = match v {
        IntField::Number(n) => n,
        IntField::Text(t) if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 6 => {
            t.parse::<i64>().unwrap_or(0)
        }
        IntField::Text(t) => return Err(FieldError::new(field, format!("not a whole number: {t:?}"))),
        IntField::WrongType => return Err(FieldError::new(field, "must be a whole number")),
    };
    u16::try_from(n)
        .ok()
        .filter(|n| (1..=3650).contains(n))
        .ok_or_else(|| FieldError::new(field, format!("must be 1-3650, found {n}")))
}

impl Crossing {
    /// Validates every field of a crossing record.
    pub fn from_fields(f: &CrossingFields<'_>) -> Result<Crossing, FieldError> {
        let record_id = text("record_id", required("record_id", f.record_id)?, 1, 64)?;
        let direction = vocabulary(
            "direction",
            required("direction", f.direction)?,
            Direction::parse,
            Direction::expected,
        )?;
        let occurred_raw = required("occurred_at", f.occurred_at)?;
        let occurred_at = Instant::parse(occurred_raw)
            .map_err(|e| FieldError::new("occurred_at", format!("{e}: {occurred_raw:?}")))?;
        let border_point = text("border_point", required("border_point", f.border_point)?, 1, 16)?;
        let document_type = text("document.type", required("document.type", f.document_type)?, 1, 2)?;
        let document_number =
            document_number("document.number", required("document.number", f.document_number)?)?;
        let issuing_state =
            country("document.issuing_state", required("document.issuing_state", f.document_issuing_state)?)?;
        let document_expiry = optional(f.document_expiry).map(|v| date("document.expiry", v)).transpose()?;
        let surname =
            text("person.surname", required("person.surname", f.person_surname)?, 1, MAX_TEXT_CHARS)?;
        let given_names = optional(f.person_given_names)
            .map(|v| text("person.given_names", v, 1, MAX_TEXT_CHARS))
            .transpose()?;
        let date_of_birth =
            date_of_birth("person.date_of_birth", required("person.date_of_birth", f.person_date_of_birth)?)?;
        let sex = vocabulary("person.sex", required("person.sex", f.person_sex)?, Sex::parse, Sex::expected)?;
        let nationality =
            country("person.nationality", required("person.nationality", f.person_nationality)?)?;
        let entry_basis = optional(f.entry_basis_kind)
            .map(|v| vocabulary("entry_basis.kind", v, EntryBasisKind::parse, EntryBasisKind::expected))
            .transpose()?;
        let entry_basis_reference = optional(f.entry_basis_reference)
            .map(|v| text("entry_basis.reference", v, 1, MAX_TEXT_CHARS))
            .transpose()?;
        let stay_days = f
            .entry_basis_stay_days
            .filter(|v| *v != IntField::Text(""))
            .map(|v| stay_days("entry_basis.stay_days", v))
            .transpose()?;
        if direction == Direction::Entry && entry_basis.is_none() {
            return Err(FieldError::new("entry_basis.kind", "is required for an entry"));
        }
        // A visa entry without `stay_days` takes the rule pack's default: refusing the row would
        // hide a person who is in the country (interchange contract, December 2026).
        Ok(Crossing {
            record_id,
            direction,
            occurred_at,
            border_point,
            document_type,
            document_number,
            issuing_state,
            document_expiry,
            surname,
            given_names,
            date_of_birth,
            sex,
            nationality,
            entry_basis,
            entry_basis_reference,
            stay_days,
        })
    }
}

/// The raw fields of a permit record.
#[derive(Debug, Default, Clone)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct PermitFields<'a> {
    pub permit_number: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub holder_issuing_state: Option<&'a str>,
    pub holder_document_number: Option<&'a str>,
    pub valid_from: Option<&'a str>,
    pub valid_until: Option<&'a str>,
    pub employer_tin: Option<&'a str>,
    pub status: Option<&'a str>,
}

/// A validated residence, work, refugee or stay-extension permit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct Permit {
    pub permit_number: String,
    pub kind: PermitKind,
    pub issuing_state: CountryCode,
    pub document_number: String,
    pub valid_from: Date,
    pub valid_until: Date,
    pub employer_tin: Option<String>,
    pub status: PermitStatus,
}

impl Permit {
    /// Validates every field of a permit record.
    pub fn from_fields(f: &PermitFields<'_>) -> Result<Permit, FieldError> {
        let permit_number = text("permit_number", required("permit_number", f.permit_number)?, 1, 32)?;
        let kind = vocabulary(
            "kind",
            required("kind", f.kind)?,
            PermitKind::parse_interchange,
            PermitKind::expected_interchange,
        )?;
        let issuing_state =
            country("holder.issuing_state", required("holder.issuing_state", f.holder_issuing_state)?)?;
        let document_number = document_number(
            "holder.document_number",
            required("holder.document_number", f.holder_document_number)?,
        )?;
        let valid_from = date("valid_from", required("valid_from", f.valid_from)?)?;
        let valid_until = date("valid_until", required("valid_until", f.valid_until)?)?;
        if valid_until < valid_from {
            return Err(FieldError::new("valid_until", "is before valid_from"));
        }
        let employer_tin = optional(f.employer_tin)
            .map(|v| {
                if v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit()) {
                    Ok(v.to_owned())
                } else {
                    Err(FieldError::new("employer_tin", format!("must be 10 digits: {v:?}")))
                }
            })
            .transpose()?;
        if kind == PermitKind::Work && employer_tin.is_none() {
            return Err(FieldError::new("employer_tin", "is required for a work permit"));
        }
        let status = optional(f.status)
            .map(|v| vocabulary("status", v, PermitStatus::parse, PermitStatus::expected))
            .transpose()?
            .unwrap_or(PermitStatus::Active);
        Ok(Permit {
            permit_number,
            kind,
            issuing_state,
            document_number,
            valid_from,
            valid_until,
            employer_tin,
            status,
        })
    }
}

/// The raw fields of a registration at place of stay.
#[derive(Debug, Default, Clone)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct RegistrationFields<'a> {
    pub registration_id: Option<&'a str>,
    pub holder_issuing_state: Option<&'a str>,
    pub holder_document_number: Option<&'a str>,
    pub submitted_on: Option<&'a str>,
    pub address: Option<&'a str>,
    pub host_kind: Option<&'a str>,
    pub stay_from: Option<&'a str>,
    pub stay_until: Option<&'a str>,
}

/// A validated registration at place of stay.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "each field is the interchange field of the same name")]
pub struct Registration {
    pub registration_id: String,
    pub issuing_state: CountryCode,
    pub document_number: String,
    pub submitted_on: Date,
    pub address: String,
    pub host_kind: HostKind,
    pub stay_from: Date,
    pub stay_until: Option<Date>,
}

impl Registration {
    /// Validates every field of a registration record.
    pub fn from_fields(f: &RegistrationFields<'_>) -> Result<Registration, FieldError> {
        let registration_id =
            text("registration_id", required("registration_id", f.registration_id)?, 1, 32)?;
        let issuing_state =
            country("holder.issuing_state", required("holder.issuing_state", f.holder_issuing_state)?)?;
        let document_number = document_number(
            "holder.document_number",
            required("holder.document_number", f.holder_document_number)?,
        )?;
        let submitted_on = date("submitted_on", required("submitted_on", f.submitted_on)?)?;
        let address = text("address", required("address", f.address)?, 1, MAX_TEXT_CHARS)?;
        let host_kind = vocabulary(
            "host_kind",
            required("host_kind", f.host_kind)?,
            HostKind::parse,
            HostKind::expected,
        )?;
        let stay_from = date("stay_from", required("stay_from", f.stay_from)?)?;
        let stay_until = optional(f.stay_until).map(|v| date("stay_until", v)).transpose()?;
        Ok(Registration {
            registration_id,
            issuing_state,
            document_number,
            submitted_on,
            address,
            host_kind,
            stay_from,
            stay_until,
        })
    }
}
