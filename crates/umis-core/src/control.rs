//! Stay control at the office: the findings queue with filters, officers' resolutions of
//! findings, the traveller search (by document, or by name across scripts and spellings) and a
//! traveller's file. Every read here is a read of personal data and is audited in the
//! transaction that reads; a resolution is written with its history row and audit record in
//! one transaction. Findings are never deleted.

use crate::actor::Actor;
use crate::clock::Clock;
use crate::traveller::{TravellerRead, read_traveller};
use std::collections::HashMap;
use umis_domain::{Date, FindingKind, FindingStatus, Resolution};
use umis_names::{MAX_QUERY_CHARS, NameQuery, keys, words};
use umis_rules::{Lang, RulePack, StayOut};
pub use umis_store::control::{FindingFilter, FindingListRow, ResolutionRow};
use umis_store::control::{
    TravellerNameRow, close_finding, insert_resolution, list_findings, open_findings_count, traveller_names,
    traveller_names_by_document,
};
use umis_store::{AuditEntry, Store, StoreError, TravellerKey};

/// Most items in one page of the queue (the portal shows fewer; the API allows this many).
pub const MAX_PAGE: u32 = 500;
/// Most search results shown.
pub const MAX_RESULTS: usize = 50;
/// Longest resolution note (characters).
pub const MAX_NOTE_CHARS: usize = 1_000;

/// The kind of finding a filter names (`any` or nothing: every kind), as the API's query and
/// the portal's form spell it.
pub fn kind_filter(kind: Option<&str>) -> Result<Option<FindingKind>, ControlError> {
    match kind {
        None | Some("any") => Ok(None),
        Some(k) => FindingKind::parse(k).map(Some).ok_or_else(|| ControlError::Invalid {
            field: "kind",
            message: "is not a kind of finding".into(),
        }),
    }
}

/// The status a filter names (`any` or nothing: both).
pub fn status_filter(status: Option<&str>) -> Result<Option<FindingStatus>, ControlError> {
    match status {
        None | Some("any") => Ok(None),
        Some(s) => FindingStatus::parse(s).map(Some).ok_or_else(|| ControlError::Invalid {
            field: "status",
            message: "must be open or resolved".into(),
        }),
    }
}

/// The resolution an officer chose (one of [`Resolution::BY_OFFICER`]).
pub fn officer_resolution(resolution: &str) -> Result<Resolution, ControlError> {
    Resolution::parse(resolution).filter(|r| Resolution::BY_OFFICER.contains(r)).ok_or_else(|| {
        ControlError::Invalid { field: "resolution", message: "choose how the finding was resolved".into() }
    })
}

/// Why a stay-control request was refused.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// No such finding or traveller.
    #[error("not found")]
    NotFound,
    /// The actor's role may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// A field is not acceptable.
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// The problem.
        message: String,
    },
    /// A text field is longer than allowed.
    #[error("{field}: must be at most {max} characters")]
    TooLong {
        /// The field.
        field: &'static str,
        /// The most characters allowed.
        max: usize,
    },
    /// The finding is no longer open.
    #[error("the finding is already resolved")]
    AlreadyResolved,
    /// Storage failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn staff(actor: &Actor) -> Result<(), ControlError> {
    if actor.role.decides_cases() {
        Ok(())
    } else {
        Err(ControlError::Forbidden("only office staff work the findings queue".into()))
    }
}

fn searcher(actor: &Actor) -> Result<(), ControlError> {
    if actor.role.looks_up_travellers() {
        Ok(())
    } else {
        Err(ControlError::Forbidden("only office staff and border officers look travellers up".into()))
    }
}

/// A page of the findings queue and the cursor of the next one.
#[derive(Debug)]
pub struct FindingsPage {
    /// The items, in key order.
    pub items: Vec<FindingListRow>,
    /// The key to continue after; `None` on the last page.
    pub next_after: Option<String>,
}

/// Lists review items filtered by kind and status for office staff, audited as a read.
pub fn findings_queue(
    store: &Store,
    actor: &Actor,
    filter: &FindingFilter<'_>,
) -> Result<FindingsPage, ControlError> {
    staff(actor)?;
    findings_page(store, &actor.audit_name(), filter)
}

/// A page of the findings queue, audited as read by `who` (as the audit trail names the
/// reader; the caller has checked that they may work the queue): the one read behind the
/// portal's queue and the JSON API's `GET /findings`.
pub fn findings_page(
    store: &Store,
    who: &str,
    filter: &FindingFilter<'_>,
) -> Result<FindingsPage, ControlError> {
    if filter.after.is_some_and(|a| a.chars().count() > 300) {
        return Err(ControlError::Invalid { field: "after", message: "is not a key of this queue".into() });
    }
    let limit = filter.limit.clamp(1, MAX_PAGE);
    #[derive(serde::Serialize)]
    struct Detail<'a> {
        kind: &'a str,
        status: &'a str,
        limit: u32,
    }
    let detail = Detail {
        kind: filter.kind.map_or("any", FindingKind::as_str),
        status: filter.status.map_or("any", FindingStatus::as_str),
        limit,
    };
    let detail = serde_json::to_string(&detail).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    let items = store.transact(|db| {
        db.audit(&AuditEntry {
            actor: who,
            action: "findings.list",
            object: "findings",
            outcome: "ok",
            detail: &detail,
        })?;
        list_findings(db, &FindingFilter { limit, ..*filter })
    })?;
    let next_after = (items.len() as u32 == limit).then(|| items.last().map(|r| r.key.clone())).flatten();
    Ok(FindingsPage { items, next_after })
}

/// Resolves an open finding as `resolution` with the officer's `note`: the item is marked
/// resolved, the resolution kept in its history and audited, all in one transaction.
pub fn resolve_finding(
    store: &Store,
    clock: &Clock,
    actor: &Actor,
    key: &str,
    resolution: &str,
    note: &str,
) -> Result<FindingListRow, ControlError> {
    staff(actor)?;
    let resolution = officer_resolution(resolution)?;
    let note = note.trim();
    if note.is_empty() {
        return Err(ControlError::Invalid { field: "note", message: "is required".into() });
    }
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(ControlError::TooLong { field: "note", max: MAX_NOTE_CHARS });
    }
    if note.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(ControlError::Invalid { field: "note", message: "contains control characters".into() });
    }
    if key.chars().count() > 300 {
        return Err(ControlError::NotFound);
    }
    let at = clock.now_rfc3339();
    let who = actor.audit_name();
    store.transact(|db| {
        let Some(item) = umis_store::control::finding(db, key)? else { return Err(ControlError::NotFound) };
        if !close_finding(db, key, resolution, &at)? {
            return Err(ControlError::AlreadyResolved);
        }
        insert_resolution(
            db,
            &ResolutionRow {
                finding_key: key.to_owned(),
                issuing_state: item.issuing_state.clone(),
                document_number: item.document_number.clone(),
                resolution,
                note: note.to_owned(),
                resolved_by: actor.id.clone(),
                resolved_at: at.clone(),
            },
        )?;
        let detail = serde_json::json!({ "resolution": resolution.as_str() }).to_string();
        db.audit(&AuditEntry {
            actor: &who,
            action: "finding.resolve",
            object: key,
            outcome: "ok",
            detail: &detail,
        })?;
        Ok(FindingListRow { status: FindingStatus::Resolved, resolution: Some(resolution), ..item })
    })
}

/// Whose review item `key` is: to show that traveller's file again next to a refused
/// resolution (reading the file itself is audited).
pub fn finding_traveller(store: &Store, key: &str) -> Result<TravellerKey, ControlError> {
    if key.chars().count() > 300 {
        return Err(ControlError::NotFound);
    }
    let item = store.read(|db| umis_store::control::finding(db, key))?.ok_or(ControlError::NotFound)?;
    Ok(TravellerKey { issuing_state: item.issuing_state, document_number: item.document_number })
}

/// What an officer searches by.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// A document number (exact, case and spaces ignored).
    pub document_number: Option<String>,
    /// Its issuing state, to narrow a document search.
    pub issuing_state: Option<String>,
    /// A name in any script, any word order.
    pub name: Option<String>,
}

/// One traveller found.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The traveller's document.
    pub key: TravellerKey,
    /// The name as last crossed under.
    pub surname: String,
    /// Given names as last crossed under.
    pub given_names: Option<String>,
    /// `YYYY-MM-DD`, possibly with `00` parts.
    pub date_of_birth: String,
    /// Nationality code.
    pub nationality: String,
    /// Day of the last entry (UTC).
    pub last_entry: Option<Date>,
    /// Whether the last crossing was an entry.
    pub inside: bool,
    /// Open review items.
    pub open_findings: i64,
    /// How well the name matched (1 for a document search without a name).
    pub score: f64,
}

/// The search's answer.
#[derive(Debug, Clone)]
pub struct SearchAnswer {
    /// Best matches first, at most [`MAX_RESULTS`].
    pub hits: Vec<Hit>,
    /// How many matched in all.
    pub total: usize,
}

fn day_of(ns: i64) -> Date {
    Date::from_days(i32::try_from(ns.div_euclid(86_400_000_000_000)).unwrap_or(0))
}

/// The document number as stored (upper-case, no spaces), or why not.
pub fn normalise_document(s: &str) -> Result<String, ControlError> {
    let cleaned: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    umis_domain::text::document_number("document_number", &cleaned).map_err(|_| ControlError::Invalid {
        field: "document_number",
        message: "is not a document number".into(),
    })
}

/// Searches travellers by document or name, audited with what was searched.
pub fn search_travellers(store: &Store, actor: &Actor, q: &Search) -> Result<SearchAnswer, ControlError> {
    searcher(actor)?;
    let document = q.document_number.as_deref().map(normalise_document).transpose()?;
    let state = q
        .issuing_state
        .as_deref()
        .map(|s| {
            umis_domain::CountryCode::parse(&s.trim().to_uppercase()).map(|c| c.to_string()).map_err(|_| {
                ControlError::Invalid { field: "issuing_state", message: "is not a country code".into() }
            })
        })
        .transpose()?;
    if state.is_some() && document.is_none() {
        return Err(ControlError::Invalid {
            field: "document_number",
            message: "is needed with an issuing state".into(),
        });
    }
    let name =
        match q.name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            None => None,
            Some(n) if n.chars().count() > MAX_QUERY_CHARS => {
                return Err(ControlError::Invalid {
                    field: "name",
                    message: format!("must be at most {MAX_QUERY_CHARS} characters"),
                });
            }
            Some(n) if n.chars().any(char::is_control) => {
                return Err(ControlError::Invalid {
                    field: "name",
                    message: "contains control characters".into(),
                });
            }
            Some(n) => Some(NameQuery::new(n).ok_or(ControlError::Invalid {
                field: "name",
                message: "has no letters to search by".into(),
            })?),
        };
    if document.is_none() && name.is_none() {
        return Err(ControlError::Invalid {
            field: "name",
            message: "enter a name or a document number".into(),
        });
    }
    let detail = serde_json::json!({
        "document_number": document,
        "issuing_state": state,
        "name": q.name.as_deref().map(str::trim),
    })
    .to_string();
    let who = actor.audit_name();
    // The search is recorded first, in its own short write; the scan over every traveller's
    // names then runs in a read transaction, so it never holds up the writers' queue.
    store.transact(|db| {
        db.audit(&AuditEntry {
            actor: &who,
            action: "traveller.search",
            object: "travellers",
            outcome: "ok",
            detail: &detail,
        })
    })?;
    store.read(|db| {
        let rows = match &document {
            Some(doc) => traveller_names_by_document(db, doc, state.as_deref())?,
            None => traveller_names(db)?,
        };
        let mut hits = rank(rows, name.as_ref());
        let total = hits.len();
        hits.truncate(MAX_RESULTS);
        for h in &mut hits {
            h.open_findings = open_findings_count(db, &h.key.issuing_state, &h.key.document_number)?;
        }
        Ok(SearchAnswer { hits, total })
    })
}

/// Matches and orders the rows: one hit per traveller (their best-matching name; the latest
/// entry over all names), best score first, then surname and document.
fn rank(rows: Vec<TravellerNameRow>, name: Option<&NameQuery>) -> Vec<Hit> {
    let mut cache: HashMap<String, Vec<String>> = HashMap::new();
    let mut by_traveller: HashMap<(String, String), Hit> = HashMap::new();
    for r in rows {
        let score = match name {
            None => Some(1.0),
            Some(q) => {
                let mut ws: Vec<&str> = words(&r.surname).collect();
                if let Some(g) = &r.given_names {
                    ws.extend(words(g));
                }
                for w in &ws {
                    if !cache.contains_key(*w) {
                        cache.insert((*w).to_owned(), keys(w));
                    }
                }
                let person: Vec<&[String]> =
                    ws.iter().filter_map(|w| cache.get(*w).map(Vec::as_slice)).collect();
                q.score(&person)
            }
        };
        let inside = r.last_entry_ns.is_some() && r.last_entry_ns >= r.last_exit_ns;
        let id = (r.issuing_state.clone(), r.document_number.clone());
        let entry = by_traveller.entry(id).or_insert_with(|| Hit {
            key: TravellerKey {
                issuing_state: r.issuing_state.clone(),
                document_number: r.document_number.clone(),
            },
            surname: r.surname.clone(),
            given_names: r.given_names.clone(),
            date_of_birth: r.date_of_birth.clone(),
            nationality: r.nationality.clone(),
            last_entry: None,
            inside,
            open_findings: 0,
            score: -1.0,
        });
        let prev_last = entry.last_entry.map(|d| d.days());
        if let Some(e) = r.last_entry_ns.map(day_of)
            && prev_last.is_none_or(|p| e.days() >= p)
        {
            entry.last_entry = Some(e);
            entry.inside = inside;
        }
        if let Some(s) = score
            && s > entry.score
        {
            entry.score = s;
            entry.surname = r.surname;
            entry.given_names = r.given_names;
            entry.date_of_birth = r.date_of_birth;
            entry.nationality = r.nationality;
        }
    }
    let mut hits: Vec<Hit> = by_traveller.into_values().filter(|h| h.score >= 0.0).collect();
    hits.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then_with(|| a.surname.cmp(&b.surname)).then_with(|| a.key.cmp(&b.key))
    });
    hits
}

/// A crossing as the traveller's file lists it.
#[derive(Debug, Clone)]
pub struct CrossingLine {
    /// Local date of the crossing.
    pub date: Date,
    /// `entry` or `exit`.
    pub direction: String,
    /// Border point code.
    pub border_point: String,
    /// Entry basis, on entries.
    pub entry_basis: Option<String>,
}

/// A permit as the file lists it.
#[derive(Debug, Clone)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct PermitLine {
    pub permit_number: String,
    pub kind: String,
    pub valid_from: Date,
    pub valid_until: Date,
    pub status: String,
}

/// A registration at a place of stay as the file lists it.
#[derive(Debug, Clone)]
#[expect(missing_docs, reason = "fields are the stored columns of the same name")]
pub struct RegistrationLine {
    pub registration_id: String,
    pub submitted_on: Date,
    pub address: String,
    pub stay_from: Date,
    pub stay_until: Option<Date>,
}

/// Everything an officer sees of one traveller.
#[derive(Debug)]
pub struct TravellerFile {
    /// The document.
    pub key: TravellerKey,
    /// As last crossed under; `None` when no crossing is stored.
    pub surname: Option<String>,
    /// Given names as last crossed under.
    pub given_names: Option<String>,
    /// Date of birth as printed.
    pub date_of_birth: Option<String>,
    /// Nationality code.
    pub nationality: Option<String>,
    /// Other names crossed under (spellings differ between documents and posts).
    pub other_names: Vec<String>,
    /// The evaluation date.
    pub as_of: Date,
    /// The rule pack used.
    pub pack: String,
    /// Stays from the stay engine.
    pub stays: Vec<StayOut>,
    /// The engine's trace, in the reader's language.
    pub trace: Vec<String>,
    /// Crossings, oldest first.
    pub crossings: Vec<CrossingLine>,
    /// Permits.
    pub permits: Vec<PermitLine>,
    /// Registrations.
    pub registrations: Vec<RegistrationLine>,
    /// Review items with their keys.
    pub findings: Vec<FindingListRow>,
    /// Officers' resolutions of them, oldest first.
    pub resolutions: Vec<ResolutionRow>,
}

/// A traveller's file as of `as_of`, audited as a read. `NotFound` when nothing at all is
/// stored for the document.
pub fn traveller_file(
    store: &Store,
    actor: &Actor,
    pack: &RulePack,
    key: &TravellerKey,
    as_of: Date,
    lang: Lang,
) -> Result<TravellerFile, ControlError> {
    searcher(actor)?;
    let read = read_traveller(store, &actor.audit_name(), pack, key, as_of)?;
    if read.is_empty() {
        return Err(ControlError::NotFound);
    }
    Ok(file_of(read, lang))
}

/// The portal's rendering of a traveller read.
fn file_of(read: TravellerRead, lang: Lang) -> TravellerFile {
    let rec = read.records;
    let last = rec.crossings.last();
    let full = |c: &umis_domain::records::Crossing| match &c.given_names {
        Some(g) => format!("{} {g}", c.surname),
        None => c.surname.clone(),
    };
    let current = last.map(full);
    let mut other_names: Vec<String> = Vec::new();
    for c in &rec.crossings {
        let n = full(c);
        if Some(&n) != current.as_ref() && !other_names.contains(&n) {
            other_names.push(n);
        }
    }
    TravellerFile {
        key: read.key,
        surname: last.map(|c| c.surname.clone()),
        given_names: last.and_then(|c| c.given_names.clone()),
        date_of_birth: last.map(|c| c.date_of_birth.clone()),
        nationality: last.map(|c| c.nationality.to_string()),
        other_names,
        as_of: read.as_of,
        pack: read.pack,
        trace: read.eval.trace.iter().map(|t| t.render(lang)).collect(),
        stays: read.eval.stays,
        crossings: rec
            .crossings
            .iter()
            .map(|c| CrossingLine {
                date: c.occurred_at.date_at_offset(c.occurred_at.offset_seconds()),
                direction: c.direction.as_str().to_owned(),
                border_point: c.border_point.clone(),
                entry_basis: c.entry_basis.map(|b| b.as_str().to_owned()),
            })
            .collect(),
        permits: rec
            .permits
            .iter()
            .map(|p| PermitLine {
                permit_number: p.permit_number.clone(),
                kind: p.kind.as_str().to_owned(),
                valid_from: p.valid_from,
                valid_until: p.valid_until,
                status: p.status.as_str().to_owned(),
            })
            .collect(),
        registrations: rec
            .registrations
            .iter()
            .map(|r| RegistrationLine {
                registration_id: r.registration_id.clone(),
                submitted_on: r.submitted_on,
                address: r.address.clone(),
                stay_from: r.stay_from,
                stay_until: r.stay_until,
            })
            .collect(),
        findings: rec.findings,
        resolutions: read.resolutions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        state: &str,
        doc: &str,
        surname: &str,
        given: Option<&str>,
        entry: Option<i64>,
    ) -> TravellerNameRow {
        TravellerNameRow {
            issuing_state: state.into(),
            document_number: doc.into(),
            surname: surname.into(),
            given_names: given.map(Into::into),
            date_of_birth: "1980-01-01".into(),
            nationality: state.into(),
            last_entry_ns: entry,
            last_exit_ns: None,
        }
    }

    #[test]
    fn one_hit_per_traveller_best_first() {
        let rows = vec![
            row("RUS", "1", "ИВАНОВ", Some("ИВАН"), Some(86_400_000_000_000)),
            row("RUS", "1", "IVANOV", Some("IVAN"), Some(2 * 86_400_000_000_000)),
            row("RUS", "2", "IVANOVA", Some("ELENA"), None),
            row("RUS", "3", "PETROV", None, None),
        ];
        let q = NameQuery::new("Иванов");
        assert!(q.is_some());
        let hits = rank(rows, q.as_ref());
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].key.document_number, "1");
        assert_eq!(hits[0].last_entry, Some(Date::from_days(2)));
        assert!(hits[0].inside);
        assert_eq!(hits[1].key.document_number, "2");
    }
}
