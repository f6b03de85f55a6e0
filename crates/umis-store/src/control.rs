//! Stay control for officers, in portable SQL: the review queue filtered by kind and status,
//! officers' resolutions of review items, and the names travellers crossed the border under
//! (the only table that holds names), for the traveller search.

use crate::StoreError;
use crate::sql::{Db, Row, Val, WriteDb};
use umis_domain::{Date, FindingKind, FindingStatus, Resolution};

/// Which review items to list.
#[derive(Debug, Clone, Copy, Default)]
pub struct FindingFilter<'a> {
    /// One kind, or any.
    pub kind: Option<FindingKind>,
    /// Open or resolved items, or both.
    pub status: Option<FindingStatus>,
    /// Keyset pagination: items with a key after this one.
    pub after: Option<&'a str>,
    /// At most this many.
    pub limit: u32,
}

/// A review item with the name its traveller last crossed under.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct FindingListRow {
    pub key: String,
    pub pack: String,
    pub kind: FindingKind,
    pub issuing_state: String,
    pub document_number: String,
    pub finding_date: Date,
    pub detail: String,
    pub status: FindingStatus,
    pub resolution: Option<Resolution>,
    pub surname: Option<String>,
    pub given_names: Option<String>,
}

const LIST_COLUMNS: &str = "f.finding_key, f.pack, f.kind, f.issuing_state, f.document_number, f.finding_date, \
     f.detail, f.status, f.resolution, \
     (SELECT c.surname FROM crossings c WHERE c.issuing_state = f.issuing_state \
      AND c.document_number = f.document_number ORDER BY c.occurred_at_ns DESC LIMIT 1), \
     (SELECT c.given_names FROM crossings c WHERE c.issuing_state = f.issuing_state \
      AND c.document_number = f.document_number ORDER BY c.occurred_at_ns DESC LIMIT 1)";

fn list_row(r: &Row) -> Result<FindingListRow, StoreError> {
    Ok(FindingListRow {
        key: r.text(0)?,
        pack: r.text(1)?,
        kind: r.word(2, FindingKind::parse)?,
        issuing_state: r.text(3)?,
        document_number: r.text(4)?,
        finding_date: r.date(5)?,
        detail: r.text(6)?,
        status: r.word(7, FindingStatus::parse)?,
        resolution: r.opt_word(8, Resolution::parse)?,
        surname: r.opt_text(9)?,
        given_names: r.opt_text(10)?,
    })
}

/// A page of review items in key order.
pub fn list_findings(db: &mut dyn Db, f: &FindingFilter<'_>) -> Result<Vec<FindingListRow>, StoreError> {
    let sql = format!(
        "SELECT {LIST_COLUMNS} FROM findings f \
         WHERE (CAST($1 AS TEXT) IS NULL OR f.kind = $1) AND (CAST($2 AS TEXT) IS NULL OR f.status = $2) \
         AND (CAST($3 AS TEXT) IS NULL OR f.finding_key > $3) ORDER BY f.finding_key LIMIT $4"
    );
    let kind = f.kind.map(FindingKind::as_str);
    let status = f.status.map(FindingStatus::as_str);
    let rows = db.rows(&sql, &[kind.into(), status.into(), f.after.into(), i64::from(f.limit).into()])?;
    rows.iter().map(list_row).collect()
}

/// One review item by its key.
pub fn finding(db: &mut dyn Db, key: &str) -> Result<Option<FindingListRow>, StoreError> {
    let sql = format!("SELECT {LIST_COLUMNS} FROM findings f WHERE f.finding_key = $1");
    db.row(&sql, &[key.into()])?.as_ref().map(list_row).transpose()
}

/// A traveller's review items with their keys, by date.
pub fn findings_of(
    db: &mut dyn Db,
    issuing_state: &str,
    document_number: &str,
) -> Result<Vec<FindingListRow>, StoreError> {
    let sql = format!(
        "SELECT {LIST_COLUMNS} FROM findings f WHERE f.issuing_state = $1 AND f.document_number = $2 \
         ORDER BY f.finding_date, f.kind, f.finding_key"
    );
    let rows = db.rows(&sql, &[issuing_state.into(), document_number.into()])?;
    rows.iter().map(list_row).collect()
}

/// An officer's resolution of a review item.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct ResolutionRow {
    pub finding_key: String,
    pub issuing_state: String,
    pub document_number: String,
    pub resolution: Resolution,
    pub note: String,
    pub resolved_by: String,
    pub resolved_at: String,
}

/// Marks an open review item resolved with `resolution`; false when it is not open (or not
/// there). The row stays: findings are never deleted.
pub fn close_finding(
    db: &mut dyn WriteDb,
    key: &str,
    resolution: Resolution,
    at: &str,
) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE findings SET status = 'resolved', resolution = $2, resolved_at = $3 \
         WHERE finding_key = $1 AND status = 'open'",
        &[key.into(), resolution.as_str().into(), at.into()],
    )?;
    Ok(n == 1)
}

/// Records an officer's resolution.
pub fn insert_resolution(db: &mut dyn WriteDb, r: &ResolutionRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO finding_resolutions (finding_key, issuing_state, document_number, resolution, note, \
         resolved_by, resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            Val::Text(&r.finding_key),
            Val::Text(&r.issuing_state),
            Val::Text(&r.document_number),
            Val::Text(r.resolution.as_str()),
            Val::Text(&r.note),
            Val::Text(&r.resolved_by),
            Val::Text(&r.resolved_at),
        ],
    )?;
    Ok(())
}

/// Every officer's resolution of a traveller's review items, oldest first.
pub fn resolutions_of(
    db: &mut dyn Db,
    issuing_state: &str,
    document_number: &str,
) -> Result<Vec<ResolutionRow>, StoreError> {
    let rows = db.rows(
        "SELECT r.finding_key, r.issuing_state, r.document_number, r.resolution, r.note, \
         COALESCE(u.display_name, r.resolved_by), r.resolved_at \
         FROM finding_resolutions r LEFT JOIN users u ON u.id = r.resolved_by \
         WHERE r.issuing_state = $1 AND r.document_number = $2 ORDER BY r.id",
        &[issuing_state.into(), document_number.into()],
    )?;
    rows.iter()
        .map(|r| {
            Ok(ResolutionRow {
                finding_key: r.text(0)?,
                issuing_state: r.text(1)?,
                document_number: r.text(2)?,
                resolution: r.word(3, Resolution::parse)?,
                note: r.text(4)?,
                resolved_by: r.text(5)?,
                resolved_at: r.text(6)?,
            })
        })
        .collect()
}

/// One name a traveller crossed under, with the last entry and exit under it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct TravellerNameRow {
    pub issuing_state: String,
    pub document_number: String,
    pub surname: String,
    pub given_names: Option<String>,
    pub date_of_birth: String,
    pub nationality: String,
    pub last_entry_ns: Option<i64>,
    pub last_exit_ns: Option<i64>,
}

const NAME_SELECT: &str = "SELECT issuing_state, document_number, surname, given_names, date_of_birth, nationality, \
     MAX(CASE WHEN direction = 'entry' THEN occurred_at_ns END), \
     MAX(CASE WHEN direction = 'exit' THEN occurred_at_ns END) FROM crossings";
const NAME_GROUP: &str =
    "GROUP BY issuing_state, document_number, surname, given_names, date_of_birth, nationality";

fn name_row(r: &Row) -> Result<TravellerNameRow, StoreError> {
    Ok(TravellerNameRow {
        issuing_state: r.text(0)?,
        document_number: r.text(1)?,
        surname: r.text(2)?,
        given_names: r.opt_text(3)?,
        date_of_birth: r.text(4)?,
        nationality: r.text(5)?,
        last_entry_ns: r.opt_int(6)?,
        last_exit_ns: r.opt_int(7)?,
    })
}

/// Every distinct (traveller, name) the crossings hold: one sequential pass over the table.
pub fn traveller_names(db: &mut dyn Db) -> Result<Vec<TravellerNameRow>, StoreError> {
    db.rows(&format!("{NAME_SELECT} {NAME_GROUP}"), &[])?.iter().map(name_row).collect()
}

/// The names crossed under with one document number (and issuing state, when given), through
/// the traveller index.
pub fn traveller_names_by_document(
    db: &mut dyn Db,
    document_number: &str,
    issuing_state: Option<&str>,
) -> Result<Vec<TravellerNameRow>, StoreError> {
    let sql = format!(
        "{NAME_SELECT} WHERE document_number = $1 AND (CAST($2 AS TEXT) IS NULL OR issuing_state = $2) {NAME_GROUP}"
    );
    db.rows(&sql, &[document_number.into(), issuing_state.into()])?.iter().map(name_row).collect()
}

/// How many open review items a traveller has.
pub fn open_findings_count(
    db: &mut dyn Db,
    issuing_state: &str,
    document_number: &str,
) -> Result<i64, StoreError> {
    let row = db.row(
        "SELECT COUNT(*) FROM findings WHERE issuing_state = $1 AND document_number = $2 AND status = 'open'",
        &[issuing_state.into(), document_number.into()],
    )?;
    row.map_or(Ok(0), |r| r.int(0))
}
