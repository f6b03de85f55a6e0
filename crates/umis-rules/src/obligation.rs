//! Whether a stay must be registered at the place of stay. One rule, read from the pack, for
//! the scan and the registration e-service alike: a stay must be registered when its last day
//! falls after the registration deadline (`stay-rules.md`, definition 7), so a shorter stay may
//! be registered voluntarily and is never refused for being short.

use crate::judge::registration_deadline;
use crate::pack::RulePack;
use crate::trace::{Rule, TraceLine};
use umis_domain::{CountryCode, Date};

/// What the law asks of a stay from `arrival` to `last_day`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationObligation {
    /// Whether the stay must be registered.
    pub required: bool,
    /// The last day to register in time.
    pub deadline: Date,
    /// Why, as a trace line.
    pub line: TraceLine,
}

/// The obligation for a stay from `arrival` to `last_day` of a national of `nationality`;
/// `None` when the pack has no registration rule for that date.
pub fn registration_obligation(
    pack: &RulePack,
    arrival: Date,
    last_day: Date,
    nationality: Option<CountryCode>,
) -> Option<RegistrationObligation> {
    let (deadline, _) = registration_deadline(pack, arrival, nationality)?;
    let days = u32::try_from(deadline.days_since(arrival)).unwrap_or(0);
    let required = last_day > deadline;
    let line = if required {
        TraceLine::new(Rule::RegistrationRequired, vec![arrival.into(), deadline.into(), days.into()])
    } else {
        TraceLine::new(Rule::RegistrationVoluntary, vec![arrival.into(), deadline.into(), days.into()])
    };
    Some(RegistrationObligation { required, deadline, line })
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;
    use crate::Packs;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn above_fifteen_days_thirty_for_kazakhstan() {
        let packs = Packs::builtin().unwrap();
        let az = packs.default_pack();
        let kaz = CountryCode::parse("KAZ").ok();
        let tur = CountryCode::parse("TUR").ok();
        // Day 16 after arrival is past the 15-day deadline; day 15 is not.
        let o = registration_obligation(az, d("2026-05-01"), d("2026-05-16"), tur).unwrap();
        assert!(!o.required);
        assert_eq!(o.deadline, d("2026-05-16"));
        assert!(registration_obligation(az, d("2026-05-01"), d("2026-05-17"), tur).unwrap().required);
        // A Kazakh staying 20 days need not register (the scan agrees: no finding for KAZ K1).
        let o = registration_obligation(az, d("2026-05-01"), d("2026-05-20"), kaz).unwrap();
        assert!(!o.required, "{:?}", o.line);
        assert!(registration_obligation(az, d("2026-05-01"), d("2026-06-01"), kaz).unwrap().required);
        assert!(o.line.render(crate::Lang::Ru).contains("добровольна"));
    }
}
