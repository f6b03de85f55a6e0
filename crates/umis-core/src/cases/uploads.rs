//! Documents attached to a case: checked and cleaned by `umis_upload`, stored with their
//! hash in the database in the transaction that records them, read back only by those who may
//! see the case (each read audited), and always served as an attachment.

use super::access::{is_filer, may_see};
use super::{CaseError, catalogue, new_id};
use crate::actor::Actor;
use crate::clock::Clock;
use umis_rules::services::Catalogue;
use umis_store::cases;
use umis_store::documents::{self, CaseDocumentRow};
use umis_store::{AuditEntry, Store};
use umis_upload::{self as upload, Limits};

/// Most bytes stored for one case (a per-case quota against filling the disk).
pub const CASE_QUOTA_BYTES: i64 = 60 * 1024 * 1024;

/// A stored document, ready to send.
#[derive(Debug, Clone)]
pub struct DocumentDownload {
    /// MIME type found from the content.
    pub mime: &'static str,
    /// Server-made file name.
    pub file_name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Attaches an uploaded file to a case the actor filed and may still change.
pub fn upload_document(
    store: &Store,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    case_id: &str,
    doc_type: &str,
    bytes: &[u8],
) -> Result<super::view::DocumentView, CaseError> {
    let accepted = upload::accept(bytes, &Limits::default())
        .map_err(|r| CaseError::invalid("file", r.code(), r.to_string()))?;
    store.transact(|db| attach_in(db, cat, clock, actor, case_id, doc_type, &accepted))
}

/// Attaches a file already checked by `umis_upload`, in a transaction of the caller's.
pub(crate) fn attach_in(
    db: &mut dyn umis_store::sql::WriteDb,
    cat: &Catalogue,
    clock: &Clock,
    actor: &Actor,
    case_id: &str,
    doc_type: &str,
    accepted: &upload::Accepted,
) -> Result<super::view::DocumentView, CaseError> {
    let now = clock.now_rfc3339();
    let row = cases::case_by_id(db, case_id)?.filter(|r| may_see(actor, r)).ok_or(CaseError::NotFound)?;
    if !is_filer(actor, &row) {
        return Err(CaseError::Forbidden("only whoever filed the application adds its documents".into()));
    }
    if !row.state.accepts_documents() {
        return Err(CaseError::NoDocumentsNow);
    }
    catalogue::service(cat, &row.service)?.check_document_type(doc_type)?;
    let size = i64::try_from(accepted.bytes.len()).unwrap_or(i64::MAX);
    if documents::documents_size(db, case_id)?.saturating_add(size) > CASE_QUOTA_BYTES {
        return Err(CaseError::invalid(
            "file",
            "quota_exceeded",
            "this application already holds 60 MiB of documents",
        ));
    }
    let doc = CaseDocumentRow {
        id: new_id(),
        case_id: row.id.clone(),
        doc_type: doc_type.to_owned(),
        kind: match accepted.kind {
            upload::FileKind::Pdf => "pdf",
            upload::FileKind::Jpeg => "jpeg",
            upload::FileKind::Png => "png",
        }
        .to_owned(),
        size,
        sha256: accepted.sha256.clone(),
        uploaded_by: actor.id.clone(),
        uploaded_at: now.clone(),
    };
    documents::insert_document(db, &doc, &accepted.bytes)?;
    db.audit(&AuditEntry {
        actor: &actor.audit_name(),
        action: "document.upload",
        object: &format!("case:{}", row.id),
        outcome: "ok",
        detail: &serde_json::json!({ "document": doc.id, "doc_type": doc_type, "sha256": doc.sha256, "size": size })
            .to_string(),
    })?;
    Ok(super::view::DocumentView {
        id: doc.id,
        doc_type: doc.doc_type,
        kind: doc.kind,
        size,
        sha256: doc.sha256,
        uploaded_at: doc.uploaded_at,
    })
}

/// Reads a stored document (an audited read of identity data).
pub fn download_document(
    store: &Store,
    actor: &Actor,
    case_id: &str,
    doc_id: &str,
) -> Result<DocumentDownload, CaseError> {
    store.transact(|db| {
        let row = cases::case_by_id(db, case_id)?.filter(|r| may_see(actor, r)).ok_or(CaseError::NotFound)?;
        let (doc, bytes) = documents::document(db, &row.id, doc_id)?.ok_or(CaseError::NotFound)?;
        db.audit(&AuditEntry {
            actor: &actor.audit_name(),
            action: "document.read",
            object: &format!("case:{}", row.id),
            outcome: "ok",
            detail: &serde_json::json!({ "document": doc.id }).to_string(),
        })?;
        let kind = match doc.kind.as_str() {
            "pdf" => upload::FileKind::Pdf,
            "png" => upload::FileKind::Png,
            _ => upload::FileKind::Jpeg,
        };
        let receipt = row.receipt.as_deref().unwrap_or("draft");
        Ok(DocumentDownload {
            mime: kind.mime(),
            file_name: format!("{receipt}-{}.{}", doc.id.get(..8).unwrap_or("doc"), kind.extension()),
            bytes,
        })
    })
}
