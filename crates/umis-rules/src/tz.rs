//! Local calendar dates of crossings, fast: a scan converts about a million instants, so each
//! pack keeps its zone's UTC offset transitions for 1900–2199 in a table and looks an instant up
//! by binary search instead of asking the time-zone database every time.

use jiff::Timestamp;
use jiff::tz::TimeZone;
use umis_domain::Date;

/// 1900-01-01T00:00:00Z and 2200-01-01T00:00:00Z: the table's range.
const TABLE_START: i64 = -2_208_988_800;
const TABLE_END: i64 = 7_258_118_400;
const SECONDS_PER_DAY: i64 = 86_400;

/// A time zone with its offset transitions cached.
#[derive(Debug, Clone)]
pub struct ZoneTable {
    name: String,
    zone: TimeZone,
    /// Offset in force at `TABLE_START`.
    initial_offset: i32,
    /// `(first UTC second, offset seconds)` of every transition in the table's range.
    transitions: Vec<(i64, i32)>,
}

impl ZoneTable {
    /// Loads `name` from the bundled tz database; `None` when the zone does not exist.
    pub fn load(name: &str) -> Option<ZoneTable> {
        let zone = TimeZone::get(name).ok()?;
        let start = Timestamp::from_second(TABLE_START).ok()?;
        let initial_offset = zone.to_offset(start).seconds();
        let transitions = zone
            .following(start)
            .map(|t| (t.timestamp().as_second(), t.offset().seconds()))
            .take_while(|(second, _)| *second < TABLE_END)
            .collect();
        Some(ZoneTable { name: name.to_owned(), zone, initial_offset, transitions })
    }

    /// The zone's IANA name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The UTC offset, in seconds, in force at `utc_seconds`.
    pub fn offset_at(&self, utc_seconds: i64) -> i32 {
        if (TABLE_START..TABLE_END).contains(&utc_seconds) {
            let after = self.transitions.partition_point(|(second, _)| *second <= utc_seconds);
            return match after.checked_sub(1) {
                Some(i) => self.transitions[i].1,
                None => self.initial_offset,
            };
        }
        match Timestamp::from_second(utc_seconds) {
            Ok(ts) => self.zone.to_offset(ts).seconds(),
            Err(_) => self.initial_offset,
        }
    }

    /// The local calendar date of an instant given in seconds since 1970-01-01T00:00:00Z.
    pub fn local_date(&self, utc_seconds: i64) -> Date {
        let local = utc_seconds.saturating_add(i64::from(self.offset_at(utc_seconds)));
        let days = local.div_euclid(SECONDS_PER_DAY).clamp(i64::from(i32::MIN), i64::from(i32::MAX));
        Date::from_days(i32::try_from(days).unwrap_or(0))
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "a test fails loudly on a missing zone")]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn jiff_date(zone: &TimeZone, second: i64) -> String {
        Timestamp::from_second(second).map(|ts| zone.to_datetime(ts).date().to_string()).unwrap_or_default()
    }

    #[test]
    fn baku_had_summer_time_until_2016() {
        let baku = ZoneTable::load("Asia/Baku").unwrap();
        // 2015-07-01T19:30:00Z is 00:30 on 07-02 at +05 (summer), 2016-07-01T19:30Z is 23:30 at +04.
        let cases = [(1_435_779_000, "2015-07-02", 18_000), (1_467_401_400, "2016-07-01", 14_400)];
        for (second, date, offset) in cases {
            assert_eq!(baku.local_date(second).to_string(), date);
            assert_eq!(baku.offset_at(second), offset);
        }
        assert!(ZoneTable::load("Mars/Olympus").is_none());
    }

    proptest! {
        #[test]
        fn table_agrees_with_jiff(second in -3_000_000_000i64..8_000_000_000i64) {
            for name in ["Asia/Baku", "Europe/Brussels"] {
                let table = ZoneTable::load(name);
                prop_assert!(table.is_some());
                if let Some(table) = table {
                    prop_assert_eq!(table.local_date(second).to_string(), jiff_date(&table.zone, second));
                }
            }
        }
    }
}
