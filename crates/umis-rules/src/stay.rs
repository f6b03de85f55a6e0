//! The stay engine: from one traveller's crossings, permits and registrations to stays and
//! findings (overstay, unregistered stay, anomalies), exactly as the stay-rules spec defines
//! them. One function serves both pack kinds; tracing is opt-in because scans are large.

use crate::judge::{judge_stays, registration_finding};
use crate::pack::RulePack;
use crate::trace::{Rule, TraceLine};
use umis_domain::{CountryCode, Date, Direction, EntryBasisKind, FindingKind, PermitKind};

/// One border crossing of the traveller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossingIn {
    /// The record id; breaks ties between crossings at the same instant.
    pub record_id: String,
    /// Entry or exit.
    pub direction: Direction,
    /// `occurred_at` in whole seconds since 1970-01-01T00:00:00Z (floor); gives the date.
    pub utc_seconds: i64,
    /// Finer order within a second: the instant in nanoseconds since the epoch
    /// (`Instant::nanos()`), or just the sub-second part; crossings are ordered by
    /// `(utc_seconds, utc_nanos, record_id)`, which is right for either.
    pub utc_nanos: i64,
    /// The entry basis (entries); an entry without one is judged as `visa_free`.
    pub basis: Option<EntryBasisKind>,
    /// The stay granted by the visa or e-visa, if the record gives it.
    pub stay_days: Option<u16>,
    /// The nationality on the record (the entry's nationality picks registration overrides).
    pub nationality: Option<CountryCode>,
}

/// A permit of the traveller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PermitIn {
    /// What kind of permit.
    pub kind: PermitKind,
    /// First day covered.
    pub valid_from: Date,
    /// Last day covered.
    pub valid_until: Date,
    /// Status `active`; revoked permits cover nothing (neither lawful days nor exemption).
    pub active: bool,
}

impl PermitIn {
    /// Whether this permit is active and covers `day`.
    pub fn covers(&self, day: Date) -> bool {
        self.active && self.valid_from <= day && day <= self.valid_until
    }
}

/// A registration at place of stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationIn {
    /// The day it was submitted.
    pub submitted_on: Date,
}

/// Everything the engine knows of one traveller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TravellerIn {
    /// Crossings in any order.
    pub crossings: Vec<CrossingIn>,
    /// Permits in any order.
    pub permits: Vec<PermitIn>,
    /// Registrations in any order.
    pub registrations: Vec<RegistrationIn>,
}

/// One stay as the engine judged it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StayOut {
    /// The entry date (local date of the entry crossing).
    pub entry_date: Date,
    /// The exit date, or the evaluation date for an open stay; for a dropped stay, the date of
    /// the entry that dropped it (its real end is unknown).
    pub last_day: Date,
    /// Still inside on the evaluation date.
    pub open: bool,
    /// Dropped for an `entry_without_exit` anomaly: not judged, counted in no window.
    pub dropped: bool,
    /// The entry basis the stay was judged under.
    pub basis: EntryBasisKind,
    /// The entry record's `stay_days`.
    pub stay_days: Option<u16>,
    /// The entry record's nationality.
    pub nationality: Option<CountryCode>,
    /// The per-stay limit in days (per-stay packs; `None` for rolling-window packs).
    pub limit: Option<u32>,
    /// Days of the stay that are lawful.
    pub lawful_days: u32,
    /// Days of the stay that are not lawful.
    pub overstay_days: u32,
    /// The first unlawful day, if any.
    pub first_unlawful_day: Option<Date>,
}

impl StayOut {
    /// A stay not yet judged.
    pub(crate) fn new(
        entry_date: Date,
        last_day: Date,
        basis: EntryBasisKind,
        stay_days: Option<u16>,
    ) -> Self {
        StayOut {
            entry_date,
            last_day: last_day.max(entry_date),
            open: false,
            dropped: false,
            basis,
            stay_days,
            nationality: None,
            limit: None,
            lawful_days: 0,
            overstay_days: 0,
            first_unlawful_day: None,
        }
    }

    /// Number of days of the stay, entry and last day included.
    pub fn days(&self) -> u32 {
        u32::try_from(self.last_day.days_since(self.entry_date) + 1).unwrap_or(0)
    }
}

/// The two kinds of data anomaly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnomalyKind {
    /// An exit with no open stay.
    ExitWithoutEntry,
    /// An entry while a stay was open (the open stay is dropped).
    EntryWithoutExit,
}

impl AnomalyKind {
    /// The wire spelling: `exit_without_entry`, `entry_without_exit`.
    pub fn as_str(self) -> &'static str {
        match self {
            AnomalyKind::ExitWithoutEntry => "exit_without_entry",
            AnomalyKind::EntryWithoutExit => "entry_without_exit",
        }
    }
}

/// A finding of stay control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// A stay with at least one unlawful day.
    Overstay {
        /// Entry date of the stay.
        entry_date: Date,
        /// Last day of the stay.
        last_day: Date,
        /// Number of unlawful days.
        overstay_days: u32,
        /// The first unlawful day.
        first_unlawful_day: Date,
    },
    /// A stay that went past its registration deadline without registration or exemption.
    UnregisteredStay {
        /// Entry date of the stay.
        entry_date: Date,
        /// The registration deadline.
        deadline: Date,
    },
    /// A gap in the data, for an officer's review.
    Anomaly {
        /// Which anomaly.
        anomaly: AnomalyKind,
        /// Its date.
        date: Date,
    },
}

impl Finding {
    /// The finding's kind.
    pub fn kind(&self) -> FindingKind {
        match self {
            Finding::Overstay { .. } => FindingKind::Overstay,
            Finding::UnregisteredStay { .. } => FindingKind::UnregisteredStay,
            Finding::Anomaly { .. } => FindingKind::Anomaly,
        }
    }

    /// The date findings are ordered by: the stay's entry date, or the anomaly's date.
    pub fn date(&self) -> Date {
        match self {
            Finding::Overstay { entry_date, .. } | Finding::UnregisteredStay { entry_date, .. } => {
                *entry_date
            }
            Finding::Anomaly { date, .. } => *date,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Finding::Overstay { .. } => 0,
            Finding::UnregisteredStay { .. } => 1,
            Finding::Anomaly { .. } => 2,
        }
    }
}

/// The result of evaluating one traveller.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evaluation {
    /// The stays, in order of entry crossing, dropped ones included.
    pub stays: Vec<StayOut>,
    /// The findings, ordered by date; on one date: overstay, unregistered stay, anomaly.
    pub findings: Vec<Finding>,
    /// Why (empty unless traced).
    pub trace: Vec<TraceLine>,
}

/// Evaluates a traveller as of `as_of`, without a trace (the fast path for scans).
pub fn evaluate(pack: &RulePack, t: &TravellerIn, as_of: Date) -> Evaluation {
    evaluate_with(pack, t, as_of, None)
}

/// Evaluates a traveller as of `as_of` and records why in [`Evaluation::trace`].
pub fn evaluate_traced(pack: &RulePack, t: &TravellerIn, as_of: Date) -> Evaluation {
    let mut trace = vec![TraceLine::new(
        Rule::Pack,
        vec![pack.name().into(), pack.kind().as_str().into(), pack.time_zone().into()],
    )];
    let mut eval = evaluate_with(pack, t, as_of, Some(&mut trace));
    eval.trace = trace;
    eval
}

fn evaluate_with(
    pack: &RulePack,
    t: &TravellerIn,
    as_of: Date,
    mut tr: Option<&mut Vec<TraceLine>>,
) -> Evaluation {
    let (mut stays, mut findings) = build_stays(pack, &t.crossings, as_of, tr.as_deref_mut());
    judge_stays(pack, &mut stays, &t.permits, as_of, tr.as_deref_mut());
    for stay in stays.iter().filter(|s| !s.dropped) {
        if let (Some(first), true) = (stay.first_unlawful_day, stay.overstay_days > 0) {
            findings.push(Finding::Overstay {
                entry_date: stay.entry_date,
                last_day: stay.last_day,
                overstay_days: stay.overstay_days,
                first_unlawful_day: first,
            });
        }
        if let Some(f) = registration_finding(pack, stay, t, tr.as_deref_mut()) {
            findings.push(f);
        }
    }
    findings.sort_by_key(|f| (f.date(), f.rank()));
    Evaluation { stays, findings, trace: Vec::new() }
}

/// Orders the crossings, drops those dated after `as_of`, and pairs entries with exits.
fn build_stays(
    pack: &RulePack,
    crossings: &[CrossingIn],
    as_of: Date,
    mut tr: Option<&mut Vec<TraceLine>>,
) -> (Vec<StayOut>, Vec<Finding>) {
    let mut order: Vec<&CrossingIn> = crossings.iter().collect();
    let key = |c: &CrossingIn| (c.utc_seconds, c.utc_nanos);
    if !order.is_sorted_by(|a, b| (key(a), &a.record_id) <= (key(b), &b.record_id)) {
        order.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.record_id.cmp(&b.record_id)));
    }
    let mut stays = Vec::new();
    let mut findings = Vec::new();
    let mut open: Option<StayOut> = None;
    for c in order {
        let date = pack.local_date(c.utc_seconds);
        if date > as_of {
            continue;
        }
        match (c.direction, open.take()) {
            (Direction::Entry, previous) => {
                if let Some(mut dropped) = previous {
                    findings.push(Finding::Anomaly {
                        anomaly: AnomalyKind::EntryWithoutExit,
                        date: dropped.entry_date,
                    });
                    if let Some(t) = tr.as_deref_mut() {
                        t.push(TraceLine::new(
                            Rule::StayDropped,
                            vec![dropped.entry_date.into(), date.into()],
                        ));
                    }
                    dropped.dropped = true;
                    dropped.last_day = date.max(dropped.entry_date);
                    stays.push(dropped);
                }
                let mut stay =
                    StayOut::new(date, date, c.basis.unwrap_or(EntryBasisKind::VisaFree), c.stay_days);
                stay.nationality = c.nationality;
                open = Some(stay);
            }
            (Direction::Exit, Some(mut stay)) => {
                stay.last_day = date.max(stay.entry_date);
                stays.push(stay);
            }
            (Direction::Exit, None) => {
                findings.push(Finding::Anomaly { anomaly: AnomalyKind::ExitWithoutEntry, date });
                if let Some(t) = tr.as_deref_mut() {
                    t.push(TraceLine::new(Rule::ExitWithoutEntry, vec![date.into()]));
                }
            }
        }
    }
    if let Some(mut stay) = open {
        stay.last_day = as_of.max(stay.entry_date);
        stay.open = true;
        stays.push(stay);
    }
    (stays, findings)
}
