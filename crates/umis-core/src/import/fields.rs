//! The fields of each record kind, shared by both encodings: CSV flattens `a.b` to `a_b`, JSON
//! nests it. A row becomes an array of raw values in this order, then a domain record.

use umis_domain::records::{
    Crossing, CrossingFields, IntField, Permit, PermitFields, Registration, RegistrationFields,
};
use umis_domain::text::FieldError;

/// Which interchange record an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// Border crossings.
    Crossings,
    /// Legacy residence and work permits.
    Permits,
    /// Registrations at place of stay.
    Registrations,
}

impl RecordKind {
    /// The name used on the command line and in the batch log.
    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Crossings => "crossings",
            RecordKind::Permits => "permits",
            RecordKind::Registrations => "registrations",
        }
    }
}

/// A field of a record kind: its dotted name and whether the CSV header must have it.
pub(crate) struct FieldSpec {
    pub name: &'static str,
    pub required_column: bool,
}

const fn f(name: &'static str, required_column: bool) -> FieldSpec {
    FieldSpec { name, required_column }
}

const CROSSING_FIELDS: &[FieldSpec] = &[
    f("record_id", true),
    f("direction", true),
    f("occurred_at", true),
    f("border_point", true),
    f("document.type", true),
    f("document.number", true),
    f("document.issuing_state", true),
    f("document.expiry", false),
    f("person.surname", true),
    f("person.given_names", false),
    f("person.date_of_birth", true),
    f("person.sex", true),
    f("person.nationality", true),
    f("entry_basis.kind", false),
    f("entry_basis.reference", false),
    f("entry_basis.stay_days", false),
];

const PERMIT_FIELDS: &[FieldSpec] = &[
    f("permit_number", true),
    f("kind", true),
    f("holder.issuing_state", true),
    f("holder.document_number", true),
    f("valid_from", true),
    f("valid_until", true),
    f("employer_tin", false),
    f("status", false),
];

const REGISTRATION_FIELDS: &[FieldSpec] = &[
    f("registration_id", true),
    f("holder.issuing_state", true),
    f("holder.document_number", true),
    f("submitted_on", true),
    f("address", true),
    f("host_kind", true),
    f("stay_from", true),
    f("stay_until", false),
];

/// The most fields any kind has.
pub(crate) const MAX_FIELDS: usize = 16;

pub(crate) fn fields_of(kind: RecordKind) -> &'static [FieldSpec] {
    match kind {
        RecordKind::Crossings => CROSSING_FIELDS,
        RecordKind::Permits => PERMIT_FIELDS,
        RecordKind::Registrations => REGISTRATION_FIELDS,
    }
}

/// A field's value as it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Raw<'a> {
    /// A CSV cell or a JSON string.
    Str(&'a str),
    /// A JSON integer.
    Int(i64),
    /// A JSON value of another type; the name of that type.
    Other(&'static str),
}

/// A row's raw values in field order; `None` is absent.
pub(crate) type RawRow<'a> = [Option<Raw<'a>>; MAX_FIELDS];

/// A validated record of any kind.
#[derive(Debug, Clone)]
pub(crate) enum Record {
    Crossing(Crossing),
    Permit(Permit),
    Registration(Registration),
}

impl Record {
    pub(crate) fn id(&self) -> &str {
        match self {
            Record::Crossing(c) => &c.record_id,
            Record::Permit(p) => &p.permit_number,
            Record::Registration(r) => &r.registration_id,
        }
    }
}

fn text<'a>(kind: RecordKind, row: &RawRow<'a>, i: usize) -> Result<Option<&'a str>, FieldError> {
    match row[i] {
        None => Ok(None),
        Some(Raw::Str(s)) => Ok(Some(s)),
        Some(Raw::Int(_)) | Some(Raw::Other(_)) => {
            Err(FieldError::new(fields_of(kind)[i].name, "must be a string"))
        }
    }
}

fn int<'a>(row: &RawRow<'a>, i: usize, from_json: bool) -> Option<IntField<'a>> {
    row[i].map(|raw| match raw {
        Raw::Str(s) if !from_json => IntField::Text(s),
        Raw::Int(n) => IntField::Number(n),
        Raw::Str(_) | Raw::Other(_) => IntField::WrongType,
    })
}

/// The record identifier of a raw row, if it is readable text of sane length.
pub(crate) fn raw_id<'a>(row: &RawRow<'a>) -> Option<&'a str> {
    match row[0] {
        Some(Raw::Str(s)) if !s.is_empty() && s.chars().count() <= 64 => Some(s),
        _ => None,
    }
}

/// Validates a raw row into a record of `kind`.
pub(crate) fn to_record(kind: RecordKind, row: &RawRow<'_>, from_json: bool) -> Result<Record, FieldError> {
    let t = |i| text(kind, row, i);
    Ok(match kind {
        RecordKind::Crossings => Record::Crossing(Crossing::from_fields(&CrossingFields {
            record_id: t(0)?,
            direction: t(1)?,
            occurred_at: t(2)?,
            border_point: t(3)?,
            document_type: t(4)?,
            document_number: t(5)?,
            document_issuing_state: t(6)?,
            document_expiry: t(7)?,
            person_surname: t(8)?,
            person_given_names: t(9)?,
            person_date_of_birth: t(10)?,
            person_sex: t(11)?,
            person_nationality: t(12)?,
            entry_basis_kind: t(13)?,
            entry_basis_reference: t(14)?,
            entry_basis_stay_days: int(row, 15, from_json),
        })?),
        RecordKind::Permits => Record::Permit(Permit::from_fields(&PermitFields {
            permit_number: t(0)?,
            kind: t(1)?,
            holder_issuing_state: t(2)?,
            holder_document_number: t(3)?,
            valid_from: t(4)?,
            valid_until: t(5)?,
            employer_tin: t(6)?,
            status: t(7)?,
        })?),
        RecordKind::Registrations => Record::Registration(Registration::from_fields(&RegistrationFields {
            registration_id: t(0)?,
            holder_issuing_state: t(1)?,
            holder_document_number: t(2)?,
            submitted_on: t(3)?,
            address: t(4)?,
            host_kind: t(5)?,
            stay_from: t(6)?,
            stay_until: t(7)?,
        })?),
    })
}
