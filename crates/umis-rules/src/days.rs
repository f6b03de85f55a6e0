//! Sets of calendar days as sorted, disjoint intervals with running totals, so that "how many
//! days of stay fall in this window" is two binary searches rather than a walk over days.

use umis_domain::Date;

/// A set of days: sorted, disjoint, non-adjacent inclusive intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DaySet {
    intervals: Vec<(i32, i32)>,
    /// `before[i]`: number of days in `intervals[..i]`.
    before: Vec<i64>,
}

impl DaySet {
    /// The union of inclusive intervals `(first, last)`; intervals with `last < first` are empty.
    pub fn from_intervals(mut raw: Vec<(Date, Date)>) -> DaySet {
        raw.retain(|(a, b)| a <= b);
        raw.sort_unstable();
        let mut intervals: Vec<(i32, i32)> = Vec::with_capacity(raw.len());
        for (a, b) in raw {
            let (a, b) = (a.days(), b.days());
            match intervals.last_mut() {
                Some(last) if a <= last.1.saturating_add(1) => last.1 = last.1.max(b),
                _ => intervals.push((a, b)),
            }
        }
        DaySet::from_merged(intervals)
    }

    fn from_merged(intervals: Vec<(i32, i32)>) -> DaySet {
        let mut before = Vec::with_capacity(intervals.len());
        let mut total = 0i64;
        for (a, b) in &intervals {
            before.push(total);
            total += i64::from(b - a) + 1;
        }
        DaySet { intervals, before }
    }

    /// This set without the days of `other`.
    #[must_use]
    pub fn minus(&self, other: &DaySet) -> DaySet {
        if other.intervals.is_empty() {
            return self.clone();
        }
        let mut out = Vec::with_capacity(self.intervals.len());
        for &(a, b) in &self.intervals {
            let mut cur = a;
            let first = other.intervals.partition_point(|(_, ob)| *ob < a);
            for &(oa, ob) in &other.intervals[first..] {
                if oa > b || cur > b {
                    break;
                }
                if oa > cur {
                    out.push((cur, oa - 1));
                }
                cur = cur.max(ob.saturating_add(1));
            }
            if cur <= b {
                out.push((cur, b));
            }
        }
        DaySet::from_merged(out)
    }

    /// Whether `day` is in the set.
    pub fn contains(&self, day: Date) -> bool {
        let d = day.days();
        let i = self.intervals.partition_point(|(_, b)| *b < d);
        self.intervals.get(i).is_some_and(|(a, _)| *a <= d)
    }

    /// The first day of `[first, last]` that is not in the set.
    pub fn first_missing(&self, first: Date, last: Date) -> Option<Date> {
        let d = first.days();
        let i = self.intervals.partition_point(|(_, b)| *b < d);
        let next = match self.intervals.get(i) {
            Some(&(a, b)) if a <= d => b.saturating_add(1),
            _ => d,
        };
        (next <= last.days()).then(|| Date::from_days(next))
    }

    /// Number of days of the set before `day` (exclusive).
    fn rank(&self, d: i32) -> i64 {
        let i = self.intervals.partition_point(|(a, _)| *a < d);
        match i.checked_sub(1) {
            None => 0,
            Some(j) => {
                let (a, b) = self.intervals[j];
                self.before[j] + i64::from(b.min(d - 1) - a) + 1
            }
        }
    }

    /// Number of days of the set in `[first, last]` (0 when `last < first`).
    pub fn count(&self, first: Date, last: Date) -> u32 {
        if last < first || self.intervals.is_empty() {
            return 0;
        }
        let n = self.rank(last.days().saturating_add(1)) - self.rank(first.days());
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The intervals of the set that meet `[first, last]`, clipped to it.
    pub fn within(&self, first: Date, last: Date) -> impl Iterator<Item = (Date, Date)> + '_ {
        let (f, l) = (first.days(), last.days());
        let start = self.intervals.partition_point(|(_, b)| *b < f);
        self.intervals[start..]
            .iter()
            .take_while(move |(a, _)| *a <= l)
            .map(move |&(a, b)| (Date::from_days(a.max(f)), Date::from_days(b.min(l))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn set(raw: &[(i32, i32)]) -> DaySet {
        DaySet::from_intervals(raw.iter().map(|&(a, b)| (Date::from_days(a), Date::from_days(b))).collect())
    }

    fn naive(raw: &[(i32, i32)], minus: &[(i32, i32)], d: i32) -> bool {
        let inside = |r: &[(i32, i32)]| r.iter().any(|&(a, b)| a <= d && d <= b);
        inside(raw) && !inside(minus)
    }

    proptest! {
        #[test]
        fn counts_agree_with_a_walk_over_days(
            raw in prop::collection::vec((0i32..200, 0i32..30), 0..8),
            cut in prop::collection::vec((0i32..200, 0i32..30), 0..4),
            first in -10i32..240,
            len in 0i32..120,
        ) {
            let raw: Vec<(i32, i32)> = raw.into_iter().map(|(a, l)| (a, a + l)).collect();
            let cut: Vec<(i32, i32)> = cut.into_iter().map(|(a, l)| (a, a + l)).collect();
            let s = set(&raw).minus(&set(&cut));
            let last = first + len;
            let expected = (first..=last).filter(|&d| naive(&raw, &cut, d)).count();
            prop_assert_eq!(s.count(Date::from_days(first), Date::from_days(last)) as usize, expected);
            for d in first..=last {
                prop_assert_eq!(s.contains(Date::from_days(d)), naive(&raw, &cut, d));
            }
            let clipped: i32 = s.within(Date::from_days(first), Date::from_days(last))
                .map(|(a, b)| b.days_since(a) + 1).sum();
            prop_assert_eq!(clipped as usize, expected);
            let missing = (first..=last).find(|&d| !naive(&raw, &cut, d)).map(Date::from_days);
            prop_assert_eq!(s.first_missing(Date::from_days(first), Date::from_days(last)), missing);
        }
    }
}
