//! Uploaded case documents and the documents umis issues, in portable SQL.

use crate::StoreError;
use crate::sql::{Db, Row, Val, WriteDb};

/// An uploaded file of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocumentRow {
    /// Random id, hex.
    pub id: String,
    /// The case.
    pub case_id: String,
    /// Which required document it is (catalogue code).
    pub doc_type: String,
    /// `pdf`, `jpeg` or `png`, found from the content.
    pub kind: String,
    /// Size in bytes.
    pub size: i64,
    /// SHA-256 of the stored bytes, hex.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When (RFC 3339).
    pub uploaded_at: String,
}

const DOC_COLUMNS: &str = "id, case_id, doc_type, kind, size, sha256, uploaded_by, uploaded_at";

fn doc(r: &Row) -> Result<CaseDocumentRow, StoreError> {
    Ok(CaseDocumentRow {
        id: r.text(0)?,
        case_id: r.text(1)?,
        doc_type: r.text(2)?,
        kind: r.text(3)?,
        size: r.int(4)?,
        sha256: r.text(5)?,
        uploaded_by: r.text(6)?,
        uploaded_at: r.text(7)?,
    })
}

/// Stores an uploaded file with its bytes.
pub fn insert_document(db: &mut dyn WriteDb, d: &CaseDocumentRow, content: &[u8]) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_documents (id, case_id, doc_type, kind, size, sha256, content, uploaded_by, uploaded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[
            Val::Text(&d.id),
            Val::Text(&d.case_id),
            Val::Text(&d.doc_type),
            Val::Text(&d.kind),
            Val::Int(d.size),
            Val::Text(&d.sha256),
            Val::Blob(content),
            Val::Text(&d.uploaded_by),
            Val::Text(&d.uploaded_at),
        ],
    )?;
    Ok(())
}

/// A case's files (without their bytes), oldest first.
pub fn documents(db: &mut dyn Db, case_id: &str) -> Result<Vec<CaseDocumentRow>, StoreError> {
    let sql = format!("SELECT {DOC_COLUMNS} FROM case_documents WHERE case_id = $1 ORDER BY uploaded_at, id");
    db.rows(&sql, &[Val::Text(case_id)])?.iter().map(doc).collect()
}

/// Total bytes stored for a case (a per-case quota).
pub fn documents_size(db: &mut dyn Db, case_id: &str) -> Result<i64, StoreError> {
    let row = db.row(
        "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM case_documents WHERE case_id = $1",
        &[Val::Text(case_id)],
    )?;
    row.map_or(Ok(0), |r| r.int(0))
}

/// One file with its bytes.
pub fn document(
    db: &mut dyn Db,
    case_id: &str,
    id: &str,
) -> Result<Option<(CaseDocumentRow, Vec<u8>)>, StoreError> {
    let sql = format!("SELECT {DOC_COLUMNS}, content FROM case_documents WHERE case_id = $1 AND id = $2");
    db.row(&sql, &[Val::Text(case_id), Val::Text(id)])?.map(|r| Ok((doc(&r)?, r.blob(8)?))).transpose()
}

/// A permit, certificate or decision issued from a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedRow {
    /// Document number.
    pub number: String,
    /// The case it came from.
    pub case_id: String,
    /// `permit`, `decision`, `registration`, `certificate`.
    pub doc_type: String,
    /// Kind (permit kind, decision kind).
    pub kind: String,
    /// The signed credential.
    pub credential: String,
    /// Issued on.
    pub issued_on: String,
    /// Valid from.
    pub valid_from: Option<String>,
    /// Valid until.
    pub valid_until: Option<String>,
    /// Revoked on.
    pub revoked_on: Option<String>,
    /// Why revoked.
    pub revoke_reason: Option<String>,
}

const ISSUED_COLUMNS: &str = "number, case_id, doc_type, kind, credential, issued_on, valid_from, valid_until, revoked_on, revoke_reason";

fn issued(r: &Row) -> Result<IssuedRow, StoreError> {
    Ok(IssuedRow {
        number: r.text(0)?,
        case_id: r.text(1)?,
        doc_type: r.text(2)?,
        kind: r.text(3)?,
        credential: r.text(4)?,
        issued_on: r.text(5)?,
        valid_from: r.opt_text(6)?,
        valid_until: r.opt_text(7)?,
        revoked_on: r.opt_text(8)?,
        revoke_reason: r.opt_text(9)?,
    })
}

/// Records an issued document.
pub fn insert_issued(db: &mut dyn WriteDb, d: &IssuedRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO issued_documents (number, case_id, doc_type, kind, credential, issued_on, valid_from, \
         valid_until, revoked_on, revoke_reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL)",
        &[
            Val::Text(&d.number),
            Val::Text(&d.case_id),
            Val::Text(&d.doc_type),
            Val::Text(&d.kind),
            Val::Text(&d.credential),
            Val::Text(&d.issued_on),
            (&d.valid_from).into(),
            (&d.valid_until).into(),
        ],
    )?;
    Ok(())
}

/// The issued document with this number.
pub fn issued_by_number(db: &mut dyn Db, number: &str) -> Result<Option<IssuedRow>, StoreError> {
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE number = $1");
    db.row(&sql, &[Val::Text(number)])?.map(|r| issued(&r)).transpose()
}

/// Documents issued from a case.
pub fn issued_for_case(db: &mut dyn Db, case_id: &str) -> Result<Vec<IssuedRow>, StoreError> {
    let sql = format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE case_id = $1 ORDER BY number");
    db.rows(&sql, &[Val::Text(case_id)])?.iter().map(issued).collect()
}

/// Every revoked document, for the published revocation list.
pub fn revoked(db: &mut dyn Db) -> Result<Vec<IssuedRow>, StoreError> {
    let sql =
        format!("SELECT {ISSUED_COLUMNS} FROM issued_documents WHERE revoked_on IS NOT NULL ORDER BY number");
    db.rows(&sql, &[])?.iter().map(issued).collect()
}

/// Marks a document revoked; `false` if it does not exist or already was.
pub fn revoke_issued(db: &mut dyn WriteDb, number: &str, on: &str, reason: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE issued_documents SET revoked_on = $2, revoke_reason = $3 WHERE number = $1 AND revoked_on IS NULL",
        &[Val::Text(number), Val::Text(on), Val::Text(reason)],
    )?;
    Ok(n == 1)
}

/// Puts a permit into the stay engine's table (`batch_id` 0 marks permits issued by umis
/// itself rather than imported), or sets its status when it exists.
pub fn upsert_stay_permit(db: &mut dyn WriteDb, p: &StayPermit<'_>) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO permits (permit_number, kind, issuing_state, document_number, valid_from, valid_until, \
         employer_tin, status, content_hash, batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0) \
         ON CONFLICT (permit_number) DO UPDATE SET status = $8",
        &[
            Val::Text(p.number),
            Val::Text(p.kind),
            Val::Text(p.issuing_state),
            Val::Text(p.document_number),
            Val::Text(p.valid_from),
            Val::Text(p.valid_until),
            p.employer_tin.into(),
            Val::Text(p.status),
            Val::Int(p.content_hash),
        ],
    )?;
    Ok(())
}

/// Moves the last day of a permit umis issued (an asylum-seeker's certificate ends with the
/// final decision); `false` if there is no such permit.
pub fn set_stay_permit_until(
    db: &mut dyn WriteDb,
    number: &str,
    valid_until: &str,
) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE permits SET valid_until = $2 WHERE permit_number = $1 AND batch_id = 0",
        &[Val::Text(number), Val::Text(valid_until)],
    )?;
    Ok(n == 1)
}

/// Ends a registration umis made (de-registration on departure): its last day in stay control
/// and on the issued document becomes `on`, never later than it was. `false` if there is no
/// such registration.
pub fn end_registration(db: &mut dyn WriteDb, number: &str, on: &str) -> Result<bool, StoreError> {
    let n = db.exec(
        "UPDATE registrations SET stay_until = $2 \
         WHERE registration_id = $1 AND batch_id = 0 AND (stay_until IS NULL OR stay_until > $2)",
        &[Val::Text(number), Val::Text(on)],
    )?;
    db.exec(
        "UPDATE issued_documents SET valid_until = $2 \
         WHERE number = $1 AND doc_type = 'registration' AND (valid_until IS NULL OR valid_until > $2)",
        &[Val::Text(number), Val::Text(on)],
    )?;
    Ok(n == 1)
}

/// A permit as the stay engine reads it.
#[derive(Debug, Clone, Copy)]
pub struct StayPermit<'a> {
    /// Permit number.
    pub number: &'a str,
    /// Permit kind (wire spelling).
    pub kind: &'a str,
    /// Holder's document: issuing state.
    pub issuing_state: &'a str,
    /// Holder's document number.
    pub document_number: &'a str,
    /// First day.
    pub valid_from: &'a str,
    /// Last day.
    pub valid_until: &'a str,
    /// Employer, for work permits.
    pub employer_tin: Option<&'a str>,
    /// `active` or `revoked`.
    pub status: &'a str,
    /// Content hash, as imports compute it.
    pub content_hash: i64,
}

/// A registration at place of stay as the stay engine reads it.
#[derive(Debug, Clone, Copy)]
pub struct StayRegistration<'a> {
    /// Registration id.
    pub id: &'a str,
    /// Holder's document: issuing state.
    pub issuing_state: &'a str,
    /// Holder's document number.
    pub document_number: &'a str,
    /// Filing date.
    pub submitted_on: &'a str,
    /// Address.
    pub address: &'a str,
    /// `hotel`, `private`, `self`, `other`.
    pub host_kind: &'a str,
    /// First day of the stay.
    pub stay_from: &'a str,
    /// Last day, if known.
    pub stay_until: Option<&'a str>,
    /// Content hash.
    pub content_hash: i64,
}

/// Puts a registration into the stay engine's table.
pub fn insert_stay_registration(db: &mut dyn WriteDb, r: &StayRegistration<'_>) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO registrations (registration_id, issuing_state, document_number, submitted_on, address, \
         host_kind, stay_from, stay_until, content_hash, batch_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)",
        &[
            Val::Text(r.id),
            Val::Text(r.issuing_state),
            Val::Text(r.document_number),
            Val::Text(r.submitted_on),
            Val::Text(r.address),
            Val::Text(r.host_kind),
            Val::Text(r.stay_from),
            r.stay_until.into(),
            Val::Int(r.content_hash),
        ],
    )?;
    Ok(())
}
