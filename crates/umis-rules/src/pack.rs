//! Rule packs: the law as versioned, effective-dated data. The engine holds no numbers of its
//! own; it asks the pack what was in force on a date, so a change of law is a data change.

use crate::params::{Dated, PermitSet, Series, StayLimit, basis_index};
use crate::parse::{PackError, parse_pack};
use crate::services::Catalogue;
use crate::tz::ZoneTable;
use std::sync::Arc;
use umis_domain::{CountryCode, Date, EntryBasisKind};

/// The builtin packs, compiled in: `(file name, contents)`.
const BUILTIN: [(&str, &str); 2] = [
    ("az.toml", include_str!("../packs/az.toml")),
    ("schengen.toml", include_str!("../packs/schengen.toml")),
];

/// The name of the default pack.
pub const DEFAULT_PACK: &str = "az";

/// How a pack limits stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackKind {
    /// A limit per stay, counted from each entry (`az`).
    PerStay,
    /// At most N days of stay in any window of M days (`schengen`).
    RollingWindow,
}

impl PackKind {
    /// The spelling used in pack files.
    pub fn as_str(self) -> &'static str {
        match self {
            PackKind::PerStay => "per_stay",
            PackKind::RollingWindow => "rolling_window",
        }
    }
}

/// All parameters of a pack; series that a pack kind does not use stay empty.
#[derive(Debug, Clone, Default)]
pub(crate) struct Params {
    pub time_zone: Series<String>,
    pub stay_limit: [Series<StayLimit>; 5],
    pub lawful_permits: Series<PermitSet>,
    pub deadline_days: Series<u16>,
    pub deadline_override: Vec<(CountryCode, Series<u16>)>,
    pub exempting_permits: Series<PermitSet>,
    pub window_days: Series<u16>,
    pub window_limit: Series<u16>,
    /// Per-nationality stay limits: `(basis, nationality, values)`.
    pub stay_limit_override: Vec<(EntryBasisKind, CountryCode, Series<StayLimit>)>,
    /// The TRP absence rule: most days abroad, the window they are counted in, and the permit
    /// kinds it applies to.
    pub absence_days: Series<u16>,
    pub absence_window: Series<u16>,
    pub absence_permits: Series<PermitSet>,
    /// The most days per stay a single- and a multiple-entry visa may give (Art. 38.1).
    pub visa_max_single: Series<u16>,
    pub visa_max_multiple: Series<u16>,
}

/// One validated rule pack.
#[derive(Debug, Clone)]
pub struct RulePack {
    pub(crate) name: String,
    pub(crate) kind: PackKind,
    pub(crate) title: String,
    pub(crate) zone: ZoneTable,
    pub(crate) params: Params,
}

/// A parameter value in force on a date, as `umis rules show --on DATE` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownParam {
    /// Parameter name, e.g. `stay_limit.visa_free`.
    pub name: String,
    /// The value as text.
    pub value: String,
    /// The date the value came into force.
    pub from: Date,
    /// Its legal source.
    pub source: String,
    /// Whether the value still needs a lawyer's confirmation.
    pub unverified: bool,
    /// A remark on the value, if any.
    pub note: Option<String>,
}

/// The registration rule that applies to one stay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RegistrationRule<'a> {
    /// Days from the entry date to the deadline.
    pub deadline_days: u16,
    /// The source of that number.
    pub source: &'a str,
    /// The nationality whose override applied, if one did.
    pub override_for: Option<CountryCode>,
}

impl RulePack {
    /// The pack's name (`az`, `schengen`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The pack's title, a line of description.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// How the pack limits stays.
    pub fn kind(&self) -> PackKind {
        self.kind
    }

    /// The IANA name of the pack's time zone.
    pub fn time_zone(&self) -> &str {
        self.zone.name()
    }

    /// The local calendar date, in the pack's time zone, of an instant in UTC seconds.
    pub fn local_date(&self, utc_seconds: i64) -> Date {
        self.zone.local_date(utc_seconds)
    }

    /// The stay limit for a stay entered on `entry` on `basis`, given the record's own
    /// `stay_days`; before the first dated value, the earliest value applies.
    pub fn stay_limit(&self, basis: EntryBasisKind, record_days: Option<u16>, entry: Date) -> u32 {
        self.stay_limit_dated(basis, entry).map_or(0, |v| v.value.resolve(record_days))
    }

    pub(crate) fn stay_limit_dated(&self, basis: EntryBasisKind, entry: Date) -> Option<&Dated<StayLimit>> {
        self.params.stay_limit[basis_index(basis)].at_or_first(entry)
    }

    /// The stay limit for a stay entered on `entry` on `basis` by a traveller of
    /// `nationality`: the pack's override for that nationality when one is in force on `entry`,
    /// the general limit otherwise.
    pub fn stay_limit_for(
        &self,
        basis: EntryBasisKind,
        record_days: Option<u16>,
        entry: Date,
        nationality: Option<CountryCode>,
    ) -> u32 {
        let (value, _) = self.stay_limit_rule(basis, entry, nationality);
        value.map_or(0, |v| v.value.resolve(record_days))
    }

    /// The dated stay limit that applies, and the nationality whose override it is, if one is.
    pub(crate) fn stay_limit_rule(
        &self,
        basis: EntryBasisKind,
        entry: Date,
        nationality: Option<CountryCode>,
    ) -> (Option<&Dated<StayLimit>>, Option<CountryCode>) {
        let special = nationality.and_then(|n| {
            let (_, _, series) =
                self.params.stay_limit_override.iter().find(|(b, c, _)| *b == basis && *c == n)?;
            series.at(entry).map(|v| (v, n))
        });
        match special {
            Some((v, n)) => (Some(v), Some(n)),
            None => (self.stay_limit_dated(basis, entry), None),
        }
    }

    /// The absence rule in force on `day`: `(most days abroad, window days)`, if any.
    pub fn absence_rule(&self, day: Date) -> Option<(u32, u32)> {
        let limit = self.params.absence_days.at(day)?;
        let window = self.params.absence_window.at(day)?;
        Some((u32::from(limit.value), u32::from(window.value)))
    }

    /// The absence rule's values in force on `day`, or the earliest ones before it began:
    /// the measure itself, for checks that look back beyond the rule's first date.
    pub fn absence_measure(&self, day: Date) -> Option<(u32, u32, &str)> {
        let limit = self.params.absence_days.at_or_first(day)?;
        let window = self.params.absence_window.at_or_first(day)?;
        Some((u32::from(limit.value), u32::from(window.value), limit.source.as_str()))
    }

    /// The permit kinds the absence rule applies to on `day` (none when it has no rule).
    pub fn absence_permits(&self, day: Date) -> PermitSet {
        self.params.absence_permits.at_or_first(day).map_or(PermitSet::default(), |v| v.value)
    }

    /// The first day the absence rule is in force, if the pack has one.
    pub fn absence_rule_from(&self) -> Option<Date> {
        self.params.absence_days.values().first().map(|v| v.from)
    }

    /// The most days per stay a `(single-entry, multiple-entry)` visa may give, when the pack
    /// states them (Art. 38.1); informative only, a record's own `stay_days` is honoured.
    pub fn visa_maxima(&self, entry: Date) -> (Option<u32>, Option<u32>) {
        let get = |s: &Series<u16>| s.at_or_first(entry).map(|v| u32::from(v.value));
        (get(&self.params.visa_max_single), get(&self.params.visa_max_multiple))
    }

    /// The permit kinds that make a day lawful on `day` (earliest value before the first).
    pub fn lawful_permits(&self, day: Date) -> PermitSet {
        self.params.lawful_permits.at_or_first(day).map_or(PermitSet::default(), |v| v.value)
    }

    /// The permit kinds whose cover of the entry date exempts a stay entered on `entry` from
    /// registration.
    pub fn exempting_permits(&self, entry: Date) -> PermitSet {
        self.params.exempting_permits.at_or_first(entry).map_or(PermitSet::default(), |v| v.value)
    }

    /// The registration rule for a stay entered on `entry` by a traveller of `nationality`;
    /// `None` when no registration rule was in force on that date (or the pack has none).
    pub fn registration_rule(
        &self,
        entry: Date,
        nationality: Option<CountryCode>,
    ) -> Option<RegistrationRule<'_>> {
        let general = self.params.deadline_days.at(entry)?;
        let special = nationality.and_then(|n| {
            let (_, series) = self.params.deadline_override.iter().find(|(c, _)| *c == n)?;
            series.at(entry).map(|v| (n, v))
        });
        Some(match special {
            Some((n, v)) => {
                RegistrationRule { deadline_days: v.value, source: &v.source, override_for: Some(n) }
            }
            None => {
                RegistrationRule { deadline_days: general.value, source: &general.source, override_for: None }
            }
        })
    }

    /// `(window days, limit)` of a rolling-window pack on `day`; `(0, 0)` for per-stay packs.
    pub fn window(&self, day: Date) -> (u32, u32) {
        let days = self.params.window_days.at_or_first(day).map_or(0, |v| u32::from(v.value));
        let limit = self.params.window_limit.at_or_first(day).map_or(0, |v| u32::from(v.value));
        (days, limit)
    }

    /// True when the window parameters never change (one value each).
    pub(crate) fn window_is_constant(&self) -> bool {
        self.params.window_days.values().len() <= 1 && self.params.window_limit.values().len() <= 1
    }

    /// True when the pack has any registration rule at all.
    pub fn has_registration_rule(&self) -> bool {
        !self.params.deadline_days.is_empty()
    }

    /// Every parameter value in force on `on`, in a fixed order; parameters with no value in
    /// force on that date are left out.
    pub fn show(&self, on: Date) -> Vec<ShownParam> {
        let p = &self.params;
        let mut out = Vec::new();
        push(&mut out, "time_zone", &p.time_zone, on, |v| v.clone());
        for basis in EntryBasisKind::ALL {
            let name = format!("stay_limit.{basis}");
            push(&mut out, &name, &p.stay_limit[basis_index(*basis)], on, |v| v.describe());
        }
        for (basis, country, series) in &p.stay_limit_override {
            let name = format!("stay_limit_override.{basis}.{country}");
            push(&mut out, &name, series, on, |v| v.describe());
        }
        push(&mut out, "visa_stay_max.single_entry", &p.visa_max_single, on, |v| format!("{v} days"));
        push(&mut out, "visa_stay_max.multiple_entry", &p.visa_max_multiple, on, |v| format!("{v} days"));
        push(&mut out, "lawful_permits", &p.lawful_permits, on, |v| v.describe());
        push(&mut out, "registration.deadline_days", &p.deadline_days, on, |v| format!("{v} days"));
        for (country, series) in &p.deadline_override {
            let name = format!("registration.deadline_override.{country}");
            push(&mut out, &name, series, on, |v| format!("{v} days"));
        }
        push(&mut out, "registration.exempting_permits", &p.exempting_permits, on, |v| v.describe());
        push(&mut out, "window.days", &p.window_days, on, |v| format!("{v} days"));
        push(&mut out, "window.limit", &p.window_limit, on, |v| format!("{v} days"));
        push(&mut out, "absence.days_abroad", &p.absence_days, on, |v| format!("{v} days"));
        push(&mut out, "absence.window_days", &p.absence_window, on, |v| format!("{v} days"));
        push(&mut out, "absence.permit_kinds", &p.absence_permits, on, |v| v.describe());
        out
    }
}

fn push<T>(out: &mut Vec<ShownParam>, name: &str, series: &Series<T>, on: Date, text: impl Fn(&T) -> String) {
    if let Some(v) = series.at(on) {
        out.push(ShownParam {
            name: name.to_owned(),
            value: text(&v.value),
            from: v.from,
            source: v.source.clone(),
            unverified: v.unverified,
            note: v.note.clone(),
        });
    }
}

/// The file name of the e-service catalogue, among the builtin packs and in `--rules DIR`.
pub const CATALOGUE_FILE: &str = "az-services.toml";

/// The loaded rule packs, the default (`az`) always among them, and the e-service catalogue.
#[derive(Debug, Clone)]
pub struct Packs {
    packs: Vec<RulePack>,
    catalogue: Arc<Catalogue>,
}

impl Packs {
    /// The packs compiled into umis.
    pub fn builtin() -> Result<Packs, PackError> {
        let packs: Vec<RulePack> =
            BUILTIN.iter().map(|(file, text)| load(file, text)).collect::<Result<_, _>>()?;
        let catalogue = load_catalogue(CATALOGUE_FILE, crate::services::BUILTIN)?;
        let catalogue = Arc::new(catalogue.with_stay_pack(packs[0].clone()));
        Ok(Packs { packs, catalogue })
    }

    /// The builtin packs, overridden or extended by the files of a `--rules DIR` directory:
    /// `(file name, contents)`. Files whose name does not end in `.toml` are skipped; a file
    /// `NAME.toml` must hold the pack `NAME`, and replaces the builtin pack of that name;
    /// [`CATALOGUE_FILE`] replaces the e-service catalogue.
    pub fn from_files(files: &[(String, String)]) -> Result<Packs, PackError> {
        let mut packs = Packs::builtin()?;
        for (file, text) in files {
            if !file.ends_with(".toml") {
                continue;
            }
            if file.rsplit(['/', '\\']).next() == Some(CATALOGUE_FILE) {
                packs.catalogue = Arc::new(load_catalogue(file, text)?);
                continue;
            }
            let pack = load(file, text)?;
            match packs.packs.iter_mut().find(|p| p.name == pack.name) {
                Some(slot) => *slot = pack,
                None => packs.packs.push(pack),
            }
        }
        // Eligibility borrows the default pack's absence rule: the one in force after overrides.
        let stay = packs.default_pack().clone();
        packs.catalogue = Arc::new((*packs.catalogue).clone().with_stay_pack(stay));
        Ok(packs)
    }

    /// The pack called `name`.
    pub fn get(&self, name: &str) -> Option<&RulePack> {
        self.packs.iter().find(|p| p.name == name)
    }

    /// The names of all packs, the builtin ones first.
    pub fn names(&self) -> Vec<&str> {
        self.packs.iter().map(|p| p.name.as_str()).collect()
    }

    /// The e-service catalogue, validated whole when the packs were loaded.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The default pack, `az`.
    pub fn default_pack(&self) -> &RulePack {
        // `builtin()` always loads `az` first and overrides replace it in place.
        self.get(DEFAULT_PACK).unwrap_or(&self.packs[0])
    }
}

/// The builtin default pack (`az`), for a catalogue built without [`Packs`].
pub(crate) fn builtin_default() -> Option<RulePack> {
    BUILTIN.first().and_then(|(file, text)| load(file, text).ok())
}

/// The catalogue in `file`; a refusal names the file, the service and field, and the problem.
fn load_catalogue(file: &str, text: &str) -> Result<Catalogue, PackError> {
    Catalogue::parse(text).map_err(|e| PackError {
        file: file.to_owned(),
        field: format!("{}: {}", e.service, e.field),
        problem: e.problem,
    })
}

fn load(file: &str, text: &str) -> Result<RulePack, PackError> {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.strip_suffix(".toml").unwrap_or(base);
    parse_pack(file, stem, text)
}
