//! Cases, their events, receipt counters and the work-permit quota, in portable SQL.
//!
//! A case row carries its lifecycle state flattened into columns (`state`, `state_actor`,
//! `proposal`, `grounds`); the state's name is mapped to [`StateName`] here, once, and the
//! core turns the columns back into `umis_domain::case_state::CaseState`.
//! Every update names the version it read, so two officers acting on one case at once cannot
//! both win: the second gets [`StoreError::Conflict`] and nothing is written.

use crate::StoreError;
use crate::sql::{Db, Row, Val, WriteDb};
use umis_domain::Date;
use umis_domain::case_state::StateName;

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// Random 128-bit id, hex.
    pub id: String,
    /// Public receipt number, once submitted.
    pub receipt: Option<String>,
    /// Service code from the catalogue.
    pub service: String,
    /// Office that handles it.
    pub office_code: String,
    /// The account that filed it.
    pub owner_id: String,
    /// Lifecycle state name.
    pub state: StateName,
    /// Officer attached to the state (assigned, reviewing, proposing).
    pub state_actor: Option<String>,
    /// Proposed decision: `approve` or `refuse`.
    pub proposal: Option<String>,
    /// The note added to the coded grounds of a proposed or final refusal (a refusal decided
    /// before grounds were coded: its whole free-text grounds).
    pub grounds: Option<String>,
    /// The coded grounds of a proposed or final refusal.
    pub ground_codes: Vec<String>,
    /// Service-specific outcome (e.g. `recognised`).
    pub outcome: Option<String>,
    /// Fee tier chosen.
    pub fee_tier: String,
    /// Fee due, in qəpik.
    pub fee_minor: i64,
    /// Whether the fee was taken (at a counter or confirmed by the gateway).
    pub fee_paid: bool,
    /// The form, as a JSON object of field name to value.
    pub form: String,
    /// The holder's travel document: issuing state.
    pub holder_state: Option<String>,
    /// The holder's travel document number.
    pub holder_document: Option<String>,
    /// The holder's date of birth (for the public status lookup).
    pub holder_birth_date: Option<String>,
    /// Employer tax id, for work permits.
    pub employer_tin: Option<String>,
    /// The case whose act an appeal challenges.
    pub appeal_of: Option<String>,
    /// The act an appeal challenges (`refusal`, `cancellation`, `inaction`).
    pub appealed_act: Option<String>,
    /// Asylum content: visible only to refugee-status officers.
    pub sensitive: bool,
    /// Created (RFC 3339).
    pub created_at: String,
    /// Filing date.
    pub submitted_on: Option<Date>,
    /// Statutory deadline.
    pub due_on: Option<Date>,
    /// Decision date.
    pub decided_on: Option<Date>,
    /// Optimistic-lock version.
    pub version: i64,
}

const COLUMNS: &str = "id, receipt, service, office_code, owner_id, state, state_actor, proposal, grounds, \
     outcome, fee_tier, fee_minor, fee_paid, form, holder_state, holder_document, holder_birth_date, employer_tin, \
     appeal_of, sensitive, created_at, submitted_on, due_on, decided_on, version, ground_codes, appealed_act";

/// The number of [`COLUMNS`] (readers that select more columns after them start here).
pub(crate) const COLUMN_COUNT: usize = 27;

pub(crate) fn case(r: &Row) -> Result<CaseRow, StoreError> {
    Ok(CaseRow {
        id: r.text(0)?,
        receipt: r.opt_text(1)?,
        service: r.text(2)?,
        office_code: r.text(3)?,
        owner_id: r.text(4)?,
        state: state_name(r, 5)?,
        state_actor: r.opt_text(6)?,
        proposal: r.opt_text(7)?,
        grounds: r.opt_text(8)?,
        outcome: r.opt_text(9)?,
        fee_tier: r.text(10)?,
        fee_minor: r.int(11)?,
        fee_paid: r.int(12)? != 0,
        form: r.text(13)?,
        holder_state: r.opt_text(14)?,
        holder_document: r.opt_text(15)?,
        holder_birth_date: r.opt_text(16)?,
        employer_tin: r.opt_text(17)?,
        appeal_of: r.opt_text(18)?,
        sensitive: r.int(19)? != 0,
        created_at: r.text(20)?,
        submitted_on: r.opt_date(21)?,
        due_on: r.opt_date(22)?,
        decided_on: r.opt_date(23)?,
        version: r.int(24)?,
        ground_codes: split_codes(r.opt_text(25)?.as_deref()),
        appealed_act: r.opt_text(26)?,
    })
}

fn values<'a>(c: &'a CaseRow, codes: &'a Option<String>) -> [Val<'a>; COLUMN_COUNT] {
    [
        Val::Text(&c.id),
        (&c.receipt).into(),
        Val::Text(&c.service),
        Val::Text(&c.office_code),
        Val::Text(&c.owner_id),
        Val::Text(c.state.as_str()),
        (&c.state_actor).into(),
        (&c.proposal).into(),
        (&c.grounds).into(),
        (&c.outcome).into(),
        Val::Text(&c.fee_tier),
        Val::Int(c.fee_minor),
        Val::Int(i64::from(c.fee_paid)),
        Val::Text(&c.form),
        (&c.holder_state).into(),
        (&c.holder_document).into(),
        (&c.holder_birth_date).into(),
        (&c.employer_tin).into(),
        (&c.appeal_of).into(),
        Val::Int(i64::from(c.sensitive)),
        Val::Text(&c.created_at),
        c.submitted_on.into(),
        c.due_on.into(),
        c.decided_on.into(),
        Val::Int(c.version),
        codes.into(),
        (&c.appealed_act).into(),
    ]
}

/// Codes stored comma-separated (catalogue codes hold no comma); none is stored as NULL.
pub(crate) fn join_codes(codes: &[String]) -> Option<String> {
    (!codes.is_empty()).then(|| codes.join(","))
}

/// The codes of a stored comma-separated list.
pub(crate) fn split_codes(text: Option<&str>) -> Vec<String> {
    text.map(|t| t.split(',').filter(|c| !c.is_empty()).map(str::to_owned).collect()).unwrap_or_default()
}

/// A stored state name; an unknown one means the database was written by something else.
pub(crate) fn state_name(r: &Row, i: usize) -> Result<StateName, StoreError> {
    let text = r.text(i)?;
    StateName::parse(&text).ok_or_else(|| StoreError::Corrupt(format!("unknown case state {text}")))
}

/// Placeholders `$first, $first + 1, …` for `states`, and the names to bind to them: a list of
/// states is bound as parameters, never written into the SQL text.
pub(crate) fn state_list(
    first: usize,
    states: impl Iterator<Item = StateName>,
) -> (String, Vec<Val<'static>>) {
    let values: Vec<Val<'static>> = states.map(|s| Val::Text(s.as_str())).collect();
    let placeholders = (0..values.len()).map(|i| format!("${}", i + first)).collect::<Vec<_>>().join(", ");
    (placeholders, values)
}

impl CaseRow {
    /// A new draft of `service` at `office_code`, owned by `owner_id`: no receipt, no fee,
    /// an empty form, nothing decided, version 1. Callers set what they know on top.
    pub fn new_draft(
        id: &str,
        service: &str,
        office_code: &str,
        owner_id: &str,
        created_at: &str,
    ) -> CaseRow {
        CaseRow {
            id: id.to_owned(),
            receipt: None,
            service: service.to_owned(),
            office_code: office_code.to_owned(),
            owner_id: owner_id.to_owned(),
            state: StateName::Draft,
            state_actor: None,
            proposal: None,
            grounds: None,
            ground_codes: Vec::new(),
            outcome: None,
            fee_tier: String::new(),
            fee_minor: 0,
            fee_paid: false,
            form: "{}".to_owned(),
            holder_state: None,
            holder_document: None,
            holder_birth_date: None,
            employer_tin: None,
            appeal_of: None,
            appealed_act: None,
            sensitive: false,
            created_at: created_at.to_owned(),
            submitted_on: None,
            due_on: None,
            decided_on: None,
            version: 1,
        }
    }
}

/// Stores a new case.
pub fn insert_case(db: &mut dyn WriteDb, c: &CaseRow) -> Result<(), StoreError> {
    let placeholders: Vec<String> = (1..=COLUMN_COUNT).map(|i| format!("${i}")).collect();
    let sql = format!("INSERT INTO cases ({COLUMNS}) VALUES ({})", placeholders.join(", "));
    let codes = join_codes(&c.ground_codes);
    db.exec(&sql, &values(c, &codes))?;
    Ok(())
}

/// Writes `c` over the stored case if the stored version is still `c.version - 1`.
pub fn update_case(db: &mut dyn WriteDb, c: &CaseRow) -> Result<(), StoreError> {
    let sets: Vec<String> =
        COLUMNS.split(", ").enumerate().skip(1).map(|(i, name)| format!("{name} = ${}", i + 1)).collect();
    let sql =
        format!("UPDATE cases SET {} WHERE id = $1 AND version = ${}", sets.join(", "), COLUMN_COUNT + 1);
    let codes = join_codes(&c.ground_codes);
    let mut params = values(c, &codes).to_vec();
    params.push(Val::Int(c.version - 1));
    match db.exec(&sql, &params)? {
        1 => Ok(()),
        _ => {
            Err(StoreError::Conflict("the case was changed by someone else; reload it and try again".into()))
        }
    }
}

/// The case with this id.
pub fn case_by_id(db: &mut dyn Db, id: &str) -> Result<Option<CaseRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM cases WHERE id = $1");
    db.row(&sql, &[Val::Text(id)])?.map(|r| case(&r)).transpose()
}

/// The case with this receipt number.
pub fn case_by_receipt(db: &mut dyn Db, receipt: &str) -> Result<Option<CaseRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM cases WHERE receipt = $1");
    db.row(&sql, &[Val::Text(receipt)])?.map(|r| case(&r)).transpose()
}

/// The appeals filed against the acts of a case, oldest first.
pub fn appeals_of(db: &mut dyn Db, case_id: &str) -> Result<Vec<CaseRow>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM cases WHERE appeal_of = $1 ORDER BY created_at, id");
    db.rows(&sql, &[Val::Text(case_id)])?.iter().map(case).collect()
}

/// Which cases a listing shows.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter<'a> {
    /// Only cases filed by this account.
    pub owner_id: Option<&'a str>,
    /// Only cases of this office.
    pub office_code: Option<&'a str>,
    /// Only cases in this state.
    pub state: Option<StateName>,
    /// Only cases of this service.
    pub service: Option<&'a str>,
    /// Only cases assigned to (or being examined by) this officer.
    pub actor: Option<&'a str>,
    /// Include asylum cases.
    pub include_sensitive: bool,
    /// Only the holder's cases (issuing state, document number).
    pub holder: Option<(&'a str, &'a str)>,
    /// Keyset: cases after this (due date or `~`, id) position.
    pub after: Option<(&'a str, &'a str)>,
    /// At most this many.
    pub limit: i64,
}

/// Cases in deadline order (cases without a deadline last), then by id.
pub fn list_cases(db: &mut dyn Db, f: &CaseFilter<'_>) -> Result<Vec<CaseRow>, StoreError> {
    // `~` sorts after every ISO date, so undated drafts come last in one keyset order.
    let sql = format!(
        "SELECT {COLUMNS} FROM cases WHERE (CAST($1 AS TEXT) IS NULL OR owner_id = $1) AND (CAST($2 AS TEXT) IS NULL OR office_code = $2) \
         AND (CAST($3 AS TEXT) IS NULL OR state = $3) AND (CAST($4 AS TEXT) IS NULL OR service = $4) AND (CAST($5 AS TEXT) IS NULL OR state_actor = $5) \
         AND (sensitive = 0 OR $6 = 1) AND (CAST($7 AS TEXT) IS NULL OR (holder_state = $7 AND holder_document = $8)) \
         AND (CAST($9 AS TEXT) IS NULL OR (COALESCE(due_on, '~') > $9 OR (COALESCE(due_on, '~') = $9 AND id > $10))) \
         ORDER BY COALESCE(due_on, '~'), id LIMIT $11"
    );
    let (hs, hd) = f.holder.unzip();
    let (after_due, after_id) = f.after.unzip();
    let params = [
        f.owner_id.into(),
        f.office_code.into(),
        f.state.map(StateName::as_str).into(),
        f.service.into(),
        f.actor.into(),
        Val::Int(i64::from(f.include_sensitive)),
        hs.into(),
        hd.into(),
        after_due.into(),
        after_id.into(),
        Val::Int(f.limit),
    ];
    db.rows(&sql, &params)?.iter().map(case).collect()
}

/// The next receipt sequence number of an office in a year (1, 2, …), taken in the caller's
/// transaction so a rolled-back filing gives its number back.
pub fn next_receipt_sequence(db: &mut dyn WriteDb, office: &str, year: i64) -> Result<i64, StoreError> {
    let row = db.row(
        "INSERT INTO receipt_counters (office_code, year, last_sequence) VALUES ($1, $2, 1) \
         ON CONFLICT (office_code, year) DO UPDATE SET last_sequence = receipt_counters.last_sequence + 1 \
         RETURNING last_sequence",
        &[Val::Text(office), Val::Int(year)],
    )?;
    row.ok_or_else(|| StoreError::Corrupt("receipt counter returned no row".into()))?.int(0)
}

/// One step in a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEventRow {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub actor_id: String,
    /// In which role.
    pub actor_role: String,
    /// What (`submit`, `accept`, …).
    pub event: String,
    /// State before.
    pub from_state: StateName,
    /// State after.
    pub to_state: StateName,
    /// A note to the applicant or the file (requests for information, grounds).
    pub note: Option<String>,
}

/// Appends a step to a case's history.
pub fn insert_event(db: &mut dyn WriteDb, case_id: &str, e: &CaseEventRow) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO case_events (case_id, at, actor_id, actor_role, event, from_state, to_state, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            Val::Text(case_id),
            Val::Text(&e.at),
            Val::Text(&e.actor_id),
            Val::Text(&e.actor_role),
            Val::Text(&e.event),
            Val::Text(e.from_state.as_str()),
            Val::Text(e.to_state.as_str()),
            (&e.note).into(),
        ],
    )?;
    Ok(())
}

/// A case's history, oldest first.
pub fn events(db: &mut dyn Db, case_id: &str) -> Result<Vec<CaseEventRow>, StoreError> {
    db.rows(
        "SELECT at, actor_id, actor_role, event, from_state, to_state, note FROM case_events WHERE case_id = $1 \
         ORDER BY id",
        &[Val::Text(case_id)],
    )?
    .iter()
    .map(|r| {
        Ok(CaseEventRow {
            at: r.text(0)?,
            actor_id: r.text(1)?,
            actor_role: r.text(2)?,
            event: r.text(3)?,
            from_state: state_name(r, 4)?,
            to_state: state_name(r, 5)?,
            note: r.opt_text(6)?,
        })
    })
    .collect()
}

/// Sets a year's work-permit quota.
pub fn set_work_quota(db: &mut dyn WriteDb, year: i64, quota: i64) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO work_quota (year, quota, used) VALUES ($1, $2, 0) \
         ON CONFLICT (year) DO UPDATE SET quota = $2",
        &[Val::Int(year), Val::Int(quota)],
    )?;
    Ok(())
}

/// A year's quota and how much of it is used, if set.
pub fn work_quota(db: &mut dyn Db, year: i64) -> Result<Option<(i64, i64)>, StoreError> {
    db.row("SELECT quota, used FROM work_quota WHERE year = $1", &[Val::Int(year)])?
        .map(|r| Ok((r.int(0)?, r.int(1)?)))
        .transpose()
}

/// Takes one permit from a year's quota; `false` when none is left (or none was set).
pub fn take_work_quota(db: &mut dyn WriteDb, year: i64) -> Result<bool, StoreError> {
    let n =
        db.exec("UPDATE work_quota SET used = used + 1 WHERE year = $1 AND used < quota", &[Val::Int(year)])?;
    Ok(n == 1)
}

/// Sets a year's work-permit quota in its own transaction (administration and tests).
pub fn set_work_quota_in(store: &crate::Store, year: i64, quota: i64) -> Result<(), StoreError> {
    store.transact(|db| set_work_quota(db, year, quota))
}
