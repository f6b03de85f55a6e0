//! The stored columns of each imported record, shared by both dialects: SQLite binds these
//! values into multi-row `INSERT`s, PostgreSQL writes them into a `COPY` stream.

use crate::rows::Records;
use umis_domain::Date;
use umis_domain::records::{Crossing, Permit, Registration};

/// One column value.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    Null,
    Int(i64),
    Text(&'a str),
    Date(Date),
}

/// Table, identifier column and insert columns of each record kind.
pub(crate) struct TableSpec {
    pub table: &'static str,
    pub id_column: &'static str,
    pub columns: &'static [&'static str],
}

pub(crate) const CROSSINGS: TableSpec = TableSpec {
    table: "crossings",
    id_column: "record_id",
    columns: &[
        "issuing_state",
        "document_number",
        "occurred_at_ns",
        "record_id",
        "direction",
        "offset_seconds",
        "border_point",
        "document_type",
        "document_expiry",
        "surname",
        "given_names",
        "date_of_birth",
        "sex",
        "nationality",
        "entry_basis",
        "entry_basis_reference",
        "stay_days",
        "content_hash",
        "batch_id",
    ],
};

pub(crate) const PERMITS: TableSpec = TableSpec {
    table: "permits",
    id_column: "permit_number",
    columns: &[
        "permit_number",
        "kind",
        "issuing_state",
        "document_number",
        "valid_from",
        "valid_until",
        "employer_tin",
        "status",
        "content_hash",
        "batch_id",
    ],
};

pub(crate) const REGISTRATIONS: TableSpec = TableSpec {
    table: "registrations",
    id_column: "registration_id",
    columns: &[
        "registration_id",
        "issuing_state",
        "document_number",
        "submitted_on",
        "address",
        "host_kind",
        "stay_from",
        "stay_until",
        "content_hash",
        "batch_id",
    ],
};

pub(crate) fn spec(records: &Records<'_>) -> &'static TableSpec {
    match records {
        Records::Crossings(_) => &CROSSINGS,
        Records::Permits(_) => &PERMITS,
        Records::Registrations(_) => &REGISTRATIONS,
    }
}

fn opt_text(v: &Option<String>) -> Val<'_> {
    v.as_deref().map_or(Val::Null, Val::Text)
}

/// Calls `f` with each column value of record `i`, in [`TableSpec::columns`] order.
pub(crate) fn for_each_value<'r, E>(
    records: &Records<'r>,
    i: usize,
    hash: i64,
    batch_id: i64,
    mut f: impl FnMut(Val<'r>) -> Result<(), E>,
) -> Result<(), E> {
    match *records {
        Records::Crossings(r) => crossing_values(&r[i], hash, batch_id).into_iter().try_for_each(&mut f),
        Records::Permits(r) => permit_values(&r[i], hash, batch_id).into_iter().try_for_each(&mut f),
        Records::Registrations(r) => {
            registration_values(&r[i], hash, batch_id).into_iter().try_for_each(&mut f)
        }
    }
}

fn crossing_values(c: &Crossing, hash: i64, batch_id: i64) -> [Val<'_>; 19] {
    [
        Val::Text(c.issuing_state.as_str()),
        Val::Text(&c.document_number),
        Val::Int(c.occurred_at.nanos()),
        Val::Text(&c.record_id),
        Val::Text(c.direction.as_str()),
        Val::Int(i64::from(c.occurred_at.offset_seconds())),
        Val::Text(&c.border_point),
        Val::Text(&c.document_type),
        c.document_expiry.map_or(Val::Null, Val::Date),
        Val::Text(&c.surname),
        opt_text(&c.given_names),
        Val::Text(&c.date_of_birth),
        Val::Text(c.sex.as_str()),
        Val::Text(c.nationality.as_str()),
        c.entry_basis.map_or(Val::Null, |b| Val::Text(b.as_str())),
        opt_text(&c.entry_basis_reference),
        c.stay_days.map_or(Val::Null, |d| Val::Int(i64::from(d))),
        Val::Int(hash),
        Val::Int(batch_id),
    ]
}

fn permit_values(p: &Permit, hash: i64, batch_id: i64) -> [Val<'_>; 10] {
    [
        Val::Text(&p.permit_number),
        Val::Text(p.kind.as_str()),
        Val::Text(p.issuing_state.as_str()),
        Val::Text(&p.document_number),
        Val::Date(p.valid_from),
        Val::Date(p.valid_until),
        opt_text(&p.employer_tin),
        Val::Text(p.status.as_str()),
        Val::Int(hash),
        Val::Int(batch_id),
    ]
}

fn registration_values(r: &Registration, hash: i64, batch_id: i64) -> [Val<'_>; 10] {
    [
        Val::Text(&r.registration_id),
        Val::Text(r.issuing_state.as_str()),
        Val::Text(&r.document_number),
        Val::Date(r.submitted_on),
        Val::Text(&r.address),
        Val::Text(r.host_kind.as_str()),
        Val::Date(r.stay_from),
        r.stay_until.map_or(Val::Null, Val::Date),
        Val::Int(hash),
        Val::Int(batch_id),
    ]
}
