//! Effective-dated parameter values: the law changes on dates, and a stay is judged by the value
//! in force on the relevant day, so every number a rule uses is looked up here by date.

use umis_domain::{Date, EntryBasisKind, PermitKind};

/// One value of a parameter, in force from `from` until the next value's `from`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated<T> {
    /// First day the value is in force.
    pub from: Date,
    /// The value.
    pub value: T,
    /// The legal source the value comes from.
    pub source: String,
    /// True when a lawyer should still confirm the value.
    pub unverified: bool,
    /// Why the value is unverified, or another remark.
    pub note: Option<String>,
}

/// All values of one parameter, sorted by `from` with no two equal `from` dates.
#[derive(Debug, Clone, PartialEq)]
pub struct Series<T> {
    values: Vec<Dated<T>>,
}

impl<T> Default for Series<T> {
    fn default() -> Self {
        Series { values: Vec::new() }
    }
}

impl<T> Series<T> {
    /// A series from values already sorted and checked by the pack loader.
    pub(crate) fn new(values: Vec<Dated<T>>) -> Series<T> {
        Series { values }
    }

    /// The value in force on `day`, if any value has begun by then.
    pub fn at(&self, day: Date) -> Option<&Dated<T>> {
        self.values.iter().rev().find(|v| v.from <= day)
    }

    /// The value in force on `day`, or the earliest value when none has begun yet (for
    /// parameters every evaluation needs, such as stay limits).
    pub fn at_or_first(&self, day: Date) -> Option<&Dated<T>> {
        self.at(day).or_else(|| self.values.first())
    }

    /// True when the parameter has no value at all.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Every value, oldest first.
    pub fn values(&self) -> &[Dated<T>] {
        &self.values
    }
}

/// The per-stay limit for one entry basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StayLimit {
    /// Days per stay (or the default when the record gives none and `use_record_stay_days`).
    pub days: u16,
    /// When true, the crossing record's own `stay_days` (the visa's grant) wins over `days`.
    pub use_record_stay_days: bool,
}

impl StayLimit {
    /// The limit for a stay whose entry record gave `record_days`.
    pub fn resolve(self, record_days: Option<u16>) -> u32 {
        match record_days {
            Some(n) if self.use_record_stay_days => u32::from(n),
            _ => u32::from(self.days),
        }
    }

    /// The value as shown by `rules show`.
    pub fn describe(self) -> String {
        if self.use_record_stay_days {
            format!("record's stay_days, else {} days", self.days)
        } else {
            format!("{} days", self.days)
        }
    }
}

/// A set of permit kinds, as a bit mask.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PermitSet(u8);

impl PermitSet {
    fn bit(kind: PermitKind) -> u8 {
        let index = PermitKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        1 << index
    }

    /// The set with `kind` added.
    #[must_use]
    pub fn with(self, kind: PermitKind) -> PermitSet {
        PermitSet(self.0 | Self::bit(kind))
    }

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: PermitKind) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    /// The kinds in the set, in declaration order.
    pub fn kinds(self) -> Vec<PermitKind> {
        PermitKind::ALL.iter().copied().filter(|k| self.contains(*k)).collect()
    }

    /// The wire spellings joined by ", ".
    pub fn describe(self) -> String {
        let names: Vec<&str> = self.kinds().into_iter().map(PermitKind::as_str).collect();
        names.join(", ")
    }
}

/// The index of an entry basis in per-basis arrays.
pub(crate) fn basis_index(basis: EntryBasisKind) -> usize {
    EntryBasisKind::ALL.iter().position(|b| *b == basis).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap_or(Date::MIN)
    }

    fn dated(from: &str, value: u16) -> Dated<u16> {
        Dated { from: d(from), value, source: "s".into(), unverified: false, note: None }
    }

    #[test]
    fn value_in_force_by_date() {
        let s = Series::new(vec![dated("2015-01-01", 10), dated("2018-06-29", 15)]);
        let cases = [("2014-12-31", None, Some(10)), ("2015-01-01", Some(10), Some(10))];
        let more = [("2018-06-28", Some(10), Some(10)), ("2018-06-29", Some(15), Some(15))];
        for (day, at, first) in cases.into_iter().chain(more) {
            assert_eq!(s.at(d(day)).map(|v| v.value), at, "{day}");
            assert_eq!(s.at_or_first(d(day)).map(|v| v.value), first, "{day}");
        }
    }

    #[test]
    fn limits_and_permit_sets() {
        let visa = StayLimit { days: 30, use_record_stay_days: true };
        let free = StayLimit { days: 90, use_record_stay_days: false };
        assert_eq!((visa.resolve(Some(14)), visa.resolve(None)), (14, 30));
        assert_eq!((free.resolve(Some(14)), free.resolve(None)), (90, 90));
        let set = PermitSet::default().with(PermitKind::Refugee).with(PermitKind::TemporaryResidence);
        assert!(set.contains(PermitKind::Refugee) && !set.contains(PermitKind::Work));
        assert_eq!(set.describe(), "temporary_residence, refugee");
    }
}
