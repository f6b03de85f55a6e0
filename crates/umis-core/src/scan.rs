//! The scan: every traveller's stays judged as of a date, findings written as JSON Lines in the
//! spec's shape and order, and stored as review items for officers.
//!
//! Crossings stream from the store already ordered by traveller, so memory holds one
//! traveller's crossings at a time plus the permits and registrations (far fewer rows).
//!
//! Besides the spec's findings, the scan finds temporary residence permits whose holder was
//! abroad too long (`trp_absence`). They are always stored as review items, but written to the
//! output only when asked ([`ScanOptions::extended`]): the spec's output has three kinds of
//! line, and independent references compare it byte for byte.

use crate::findings::{absence_key, absence_line, finding_key, finding_line, not_ended_key, not_ended_line};
use std::collections::HashMap;
use std::io::Write;
use umis_domain::{CountryCode, Date, FindingKind};
use umis_rules::{
    CrossingIn, PermitIn, RegistrationIn, RegistrationPeriod, RulePack, TravellerIn, evaluate,
    registrations_not_ended, trp_absences,
};
use umis_store::{NewFinding, ScanCounts, ScanRun, Store, StoreError, TravellerKey};

/// What a scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct ScanSummary {
    /// Travellers with at least one crossing up to the date.
    pub travellers: u64,
    /// Crossings read.
    pub crossings: u64,
    /// Findings written.
    pub findings: u64,
    /// Of which overstays.
    pub overstays: u64,
    /// Of which unregistered stays.
    pub unregistered_stays: u64,
    /// Of which anomalies.
    pub anomalies: u64,
    /// TRP absence findings (stored; written only to the extended output, and not counted in
    /// `findings`).
    pub trp_absences: u64,
    /// Registrations left running after departure (stored and written like `trp_absences`).
    pub registrations_not_ended: u64,
    /// Review items opened (new or found again).
    pub opened: u64,
    /// Review items resolved because the new data no longer supports them.
    pub resolved: u64,
    /// False for a scan dated before an earlier one: it reports, but changes no review item.
    pub review_items_updated: bool,
}

/// Why a scan failed.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The database failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// Writing the findings failed.
    #[error("writing findings: {0}")]
    Output(#[from] std::io::Error),
}

/// Whether `d` may be an evaluation date: 1900–2199, the range every date umis stores or
/// computes falls in (and far from the limits of its nanosecond instants).
pub fn valid_as_of(d: Date) -> bool {
    (1900..=2199).contains(&d.year())
}

/// How a scan writes its output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Also write umis's own findings (`trp_absence`, `registration_not_ended`) after each
    /// traveller's spec findings.
    pub extended: bool,
}

/// One traveller's permits (with their numbers, in the same order) and registrations.
#[derive(Default)]
struct HolderExtras {
    permits: Vec<PermitIn>,
    numbers: Vec<String>,
    registrations: Vec<RegistrationIn>,
    /// The registrations' numbers and periods, in the same order.
    periods: Vec<(String, RegistrationPeriod)>,
}

type Extras = HashMap<String, HolderExtras>;

fn holder_key(state: &str, doc: &str) -> String {
    format!("{state}\t{doc}")
}

fn load_extras(store: &Store) -> Result<Extras, StoreError> {
    let (permits, registrations) = store.scan_permits_and_registrations()?;
    let mut extras: Extras = HashMap::new();
    for p in permits {
        let k = holder_key(&p.holder.issuing_state, &p.holder.document_number);
        let holder = extras.entry(k).or_default();
        holder.permits.push(PermitIn {
            kind: p.kind,
            valid_from: p.valid_from,
            valid_until: p.valid_until,
            active: p.status == umis_domain::PermitStatus::Active,
        });
        holder.numbers.push(p.permit_number);
    }
    for r in registrations {
        let k = holder_key(&r.holder.issuing_state, &r.holder.document_number);
        let holder = extras.entry(k).or_default();
        holder.registrations.push(RegistrationIn { submitted_on: r.submitted_on });
        holder
            .periods
            .push((r.registration_id, RegistrationPeriod { from: r.stay_from, until: r.stay_until }));
    }
    Ok(extras)
}

struct Scanner<'a> {
    pack: &'a RulePack,
    as_of: Date,
    options: ScanOptions,
    extras: Extras,
    numbers: Vec<String>,
    periods: Vec<(String, RegistrationPeriod)>,
    out: &'a mut dyn Write,
    current: Option<(String, String)>,
    traveller: TravellerIn,
    found: Vec<NewFinding>,
    summary: ScanSummary,
    error: Option<std::io::Error>,
}

impl Scanner<'_> {
    fn finish_traveller(&mut self) {
        let Some((state, doc)) = self.current.take() else { return };
        let first = self.traveller.crossings.first().map(|c| self.pack.local_date(c.utc_seconds));
        if first.is_some_and(|d| d <= self.as_of) {
            self.summary.travellers += 1;
        }
        if let Some(extras) = self.extras.remove(&holder_key(&state, &doc)) {
            self.traveller.permits = extras.permits;
            self.numbers = extras.numbers;
            self.traveller.registrations = extras.registrations;
            self.periods = extras.periods;
        }
        let eval = evaluate(self.pack, &self.traveller, self.as_of);
        let traveller = TravellerKey { issuing_state: state, document_number: doc };
        for f in &eval.findings {
            let line = finding_line(&traveller, f);
            self.write_line(&line);
            match f.kind() {
                FindingKind::Overstay => self.summary.overstays += 1,
                FindingKind::UnregisteredStay => self.summary.unregistered_stays += 1,
                FindingKind::Anomaly | FindingKind::TrpAbsence | FindingKind::RegistrationNotEnded => {
                    self.summary.anomalies += 1;
                }
            }
            self.found.push(NewFinding {
                key: finding_key(self.pack.name(), &traveller, f),
                kind: f.kind(),
                traveller: traveller.clone(),
                date: f.date(),
                detail: line,
            });
        }
        self.summary.findings += eval.findings.len() as u64;
        self.absences(&traveller);
        self.registrations_left(&traveller);
        self.traveller.crossings.clear();
        self.traveller.permits.clear();
        self.numbers.clear();
        self.periods.clear();
        self.traveller.registrations.clear();
    }

    /// The traveller's `trp_absence` findings: stored always, written when extended.
    fn absences(&mut self, traveller: &TravellerKey) {
        if self.traveller.permits.is_empty() {
            return;
        }
        for found in trp_absences(self.pack, &self.traveller, self.as_of) {
            let number = self.numbers.get(found.permit).cloned().unwrap_or_default();
            let line = absence_line(traveller, &number, &found.breach);
            if self.options.extended {
                self.write_line(&line);
            }
            self.summary.trp_absences += 1;
            self.found.push(NewFinding {
                key: absence_key(self.pack.name(), traveller, &number),
                kind: FindingKind::TrpAbsence,
                traveller: traveller.clone(),
                date: found.breach.first_exceeded_day,
                detail: line,
            });
        }
    }

    /// The traveller's `registration_not_ended` findings: stored always, written when extended.
    fn registrations_left(&mut self, traveller: &TravellerKey) {
        if self.periods.is_empty() {
            return;
        }
        let periods: Vec<RegistrationPeriod> = self.periods.iter().map(|(_, p)| *p).collect();
        for found in registrations_not_ended(self.pack, &self.traveller.crossings, &periods, self.as_of) {
            let (number, period) = self.periods[found.registration].clone();
            let line = not_ended_line(traveller, &number, &period, found.exit_date);
            if self.options.extended {
                self.write_line(&line);
            }
            self.summary.registrations_not_ended += 1;
            self.found.push(NewFinding {
                key: not_ended_key(self.pack.name(), traveller, &number),
                kind: FindingKind::RegistrationNotEnded,
                traveller: traveller.clone(),
                date: found.exit_date,
                detail: line,
            });
        }
    }

    fn write_line(&mut self, line: &str) {
        if self.error.is_none()
            && let Err(e) = self.out.write_all(line.as_bytes()).and_then(|()| self.out.write_all(b"\n"))
        {
            self.error = Some(e);
        }
    }
}

/// Scans every traveller as of `as_of` under `pack`, writes findings to `out` (the spec's
/// output), and records them as review items (re-runs update, obsolete ones are resolved).
pub fn run_scan(
    store: &Store,
    pack: &RulePack,
    as_of: Date,
    actor: &str,
    out: &mut dyn Write,
) -> Result<ScanSummary, ScanError> {
    run_scan_with(store, pack, as_of, actor, out, ScanOptions::default())
}

/// [`run_scan`] with output options (`umis scan --extended`).
pub fn run_scan_with(
    store: &Store,
    pack: &RulePack,
    as_of: Date,
    actor: &str,
    out: &mut dyn Write,
    options: ScanOptions,
) -> Result<ScanSummary, ScanError> {
    // Permits and registrations load on their own thread while the crossings are read; the
    // first traveller waits for them.
    std::thread::scope(|scope| {
        let extras = scope.spawn(|| load_extras(store));
        scan_with(store, pack, (as_of, options), actor, out, extras)
    })
}

fn scan_with(
    store: &Store,
    pack: &RulePack,
    (as_of, options): (Date, ScanOptions),
    actor: &str,
    out: &mut dyn Write,
    extras: std::thread::ScopedJoinHandle<'_, Result<Extras, StoreError>>,
) -> Result<ScanSummary, ScanError> {
    let mut pending_extras = Some(extras);
    let mut load_error = None;
    let mut s = Scanner {
        pack,
        as_of,
        options,
        extras: Extras::new(),
        numbers: Vec::new(),
        periods: Vec::new(),
        out,
        current: None,
        traveller: TravellerIn { crossings: Vec::new(), permits: Vec::new(), registrations: Vec::new() },
        found: Vec::new(),
        summary: ScanSummary::default(),
        error: None,
    };
    // Crossings dated after `as_of` are ignored by the engine; two days past it in UTC is
    // beyond any local date `as_of` can have, whatever the zone.
    let until_ns = i64::from(as_of.add_days(2).days()).saturating_mul(86_400 * 1_000_000_000);
    store.for_each_scan_crossing(until_ns, &mut |c| {
        if let Some(handle) = pending_extras.take() {
            match handle.join() {
                Ok(Ok(extras)) => s.extras = extras,
                Ok(Err(e)) => load_error = Some(e),
                Err(_) => load_error = Some(StoreError::Corrupt("loading permits failed".into())),
            }
        }
        // Without permits and registrations every judgement would be wrong: write nothing.
        if load_error.is_some() {
            return;
        }
        s.summary.crossings += 1;
        let same = s.current.as_ref().is_some_and(|(st, d)| st == c.issuing_state && d == c.document_number);
        if !same {
            s.finish_traveller();
            s.current = Some((c.issuing_state.to_owned(), c.document_number.to_owned()));
        }
        s.traveller.crossings.push(CrossingIn {
            record_id: c.record_id.to_owned(),
            direction: c.direction,
            utc_seconds: c.occurred_at_ns.div_euclid(1_000_000_000),
            utc_nanos: c.occurred_at_ns,
            basis: c.entry_basis,
            stay_days: c.stay_days,
            nationality: CountryCode::parse(c.nationality).ok(),
        });
    })?;
    s.finish_traveller();
    if let Some(handle) = pending_extras.take() {
        handle.join().map_err(|_| StoreError::Corrupt("loading permits failed".into()))??;
    }
    if let Some(e) = load_error {
        return Err(ScanError::Store(e));
    }
    if let Some(e) = s.error.take() {
        return Err(ScanError::Output(e));
    }
    s.out.flush()?;
    let counts: ScanCounts = store.record_scan(
        &ScanRun { pack: pack.name(), as_of, travellers: s.summary.travellers, actor },
        &s.found,
    )?;
    s.summary.opened = counts.opened;
    s.summary.resolved = counts.resolved;
    s.summary.review_items_updated = counts.review_items_updated;
    Ok(s.summary)
}
