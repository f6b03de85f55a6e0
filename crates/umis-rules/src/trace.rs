//! Why a result came out as it did: the engine records structured trace lines (a rule and the
//! values it used) and renders them only when asked, in English, Azerbaijani or Russian, so that
//! a scan of a million crossings pays nothing for explanations nobody reads. The sentences are
//! the Fluent messages `trace-*` of `umis-words` (`locales/*/trace.ftl`); a sentence quotes the
//! rule's values by position, as the named arguments `$v0`, `$v1`, ….

use umis_domain::Date;
pub use umis_words::Lang;

/// The rules a trace line can name; each has a stable id and a sentence per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Pack name, kind, time zone.
    Pack,
    /// A stay: entry, last day, basis, limit, source.
    Stay,
    /// A stay under a nationality's own limit: entry, last day, basis, limit, source,
    /// nationality.
    StayNationality,
    /// A visa's `stay_days` above the most the pack says a visa gives: entry, stay days,
    /// the maximum (honoured as given).
    VisaStayAboveMaximum,
    /// A TRP whose holder was abroad too long: permit number, days abroad, window days, window
    /// start, first day over, limit.
    TrpAbsence,
    /// Continuity broken for permanent residence: days abroad, window days, window start,
    /// first day over, limit, and the span looked back over (from, to).
    ContinuityBroken,
    /// Continuity kept for permanent residence: from, to, limit, window days.
    ContinuityKept,
    /// A stay dropped: its entry, the entry that followed it.
    StayDropped,
    /// An exit with no open stay: its date.
    ExitWithoutEntry,
    /// A permit that makes days lawful: kind, from, until.
    PermitCovers,
    /// Entry, first unlawful day, overstay days, last day.
    Overstay,
    /// Entry, last day: every day lawful.
    WithinLimit,
    /// Day, days in window, window length, window start, limit.
    WindowCount,
    /// Entry, deadline, days, source.
    RegistrationDeadline,
    /// Entry, deadline, days, nationality, source.
    RegistrationDeadlineNationality,
    /// Entry, submission date.
    Registered,
    /// Entry, exempting permit kind.
    RegistrationExempt,
    /// Entry: no registration rule in force.
    NoRegistrationRule,
    /// Entry, deadline.
    Unregistered,
    /// Arrival, deadline, days: the stay runs past the deadline, so it must be registered.
    RegistrationRequired,
    /// Arrival, last day, days: the stay ends by the deadline; registering is voluntary.
    RegistrationVoluntary,
    /// Date, days used.
    DaysUsed,
    /// Date, last day of lawful stay.
    PossibleStayUntil,
    /// Date that would be unlawful.
    DateUnlawful,
    /// Start, lawful days, latest exit.
    MaxStay,
    /// Next entry date, its lawful days.
    NextEntry,
    /// Horizon in days, date.
    NoNextEntry,
}

impl Rule {
    /// The rule's stable id, shown in every rendered line.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Pack => "pack",
            Rule::Stay => "stay_limit",
            Rule::StayNationality => "stay_limit_override",
            Rule::VisaStayAboveMaximum => "visa_stay_max",
            Rule::TrpAbsence => "absence.trp",
            Rule::ContinuityBroken | Rule::ContinuityKept => "absence.continuity",
            Rule::StayDropped => "anomaly.entry_without_exit",
            Rule::ExitWithoutEntry => "anomaly.exit_without_entry",
            Rule::PermitCovers => "lawful_permits",
            Rule::Overstay => "overstay",
            Rule::WithinLimit => "lawful_stay",
            Rule::WindowCount => "window",
            Rule::RegistrationDeadline | Rule::RegistrationDeadlineNationality => {
                "registration.deadline_days"
            }
            Rule::Registered => "registration.submitted",
            Rule::RegistrationExempt => "registration.exempting_permits",
            Rule::NoRegistrationRule => "registration.none",
            Rule::Unregistered => "unregistered_stay",
            Rule::RegistrationRequired => "registration.required",
            Rule::RegistrationVoluntary => "registration.voluntary",
            Rule::DaysUsed => "days_used",
            Rule::PossibleStayUntil => "possible_stay_until",
            Rule::DateUnlawful => "refuse_entry",
            Rule::MaxStay => "max_stay_days",
            Rule::NextEntry | Rule::NoNextEntry => "next_entry",
        }
    }

    /// Every rule.
    pub const ALL: [Rule; 27] = [
        Rule::Pack,
        Rule::Stay,
        Rule::StayNationality,
        Rule::VisaStayAboveMaximum,
        Rule::TrpAbsence,
        Rule::ContinuityBroken,
        Rule::ContinuityKept,
        Rule::StayDropped,
        Rule::ExitWithoutEntry,
        Rule::PermitCovers,
        Rule::Overstay,
        Rule::WithinLimit,
        Rule::WindowCount,
        Rule::RegistrationDeadline,
        Rule::RegistrationDeadlineNationality,
        Rule::Registered,
        Rule::RegistrationExempt,
        Rule::NoRegistrationRule,
        Rule::Unregistered,
        Rule::RegistrationRequired,
        Rule::RegistrationVoluntary,
        Rule::DaysUsed,
        Rule::PossibleStayUntil,
        Rule::DateUnlawful,
        Rule::MaxStay,
        Rule::NextEntry,
        Rule::NoNextEntry,
    ];

    /// The key of the rule's sentence among the Fluent messages (`umis-words`).
    pub fn key(self) -> &'static str {
        match self {
            Rule::Pack => "trace-pack",
            Rule::Stay => "trace-stay",
            Rule::StayNationality => "trace-stay_nationality",
            Rule::VisaStayAboveMaximum => "trace-visa_stay_above_maximum",
            Rule::TrpAbsence => "trace-trp_absence",
            Rule::ContinuityBroken => "trace-continuity_broken",
            Rule::ContinuityKept => "trace-continuity_kept",
            Rule::StayDropped => "trace-stay_dropped",
            Rule::ExitWithoutEntry => "trace-exit_without_entry",
            Rule::PermitCovers => "trace-permit_covers",
            Rule::Overstay => "trace-overstay",
            Rule::WithinLimit => "trace-within_limit",
            Rule::WindowCount => "trace-window_count",
            Rule::RegistrationDeadline => "trace-registration_deadline",
            Rule::RegistrationDeadlineNationality => "trace-registration_deadline_nationality",
            Rule::Registered => "trace-registered",
            Rule::RegistrationExempt => "trace-registration_exempt",
            Rule::NoRegistrationRule => "trace-no_registration_rule",
            Rule::Unregistered => "trace-unregistered",
            Rule::RegistrationRequired => "trace-registration_required",
            Rule::RegistrationVoluntary => "trace-registration_voluntary",
            Rule::DaysUsed => "trace-days_used",
            Rule::PossibleStayUntil => "trace-possible_stay_until",
            Rule::DateUnlawful => "trace-date_unlawful",
            Rule::MaxStay => "trace-max_stay",
            Rule::NextEntry => "trace-next_entry",
            Rule::NoNextEntry => "trace-no_next_entry",
        }
    }
}

/// A value a trace line quotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TraceValue {
    /// A date.
    Date(Date),
    /// A number of days (or another count).
    Num(u32),
    /// A name, a source or another text, quoted as is.
    Text(String),
}

impl From<Date> for TraceValue {
    fn from(d: Date) -> Self {
        TraceValue::Date(d)
    }
}

impl From<u32> for TraceValue {
    fn from(n: u32) -> Self {
        TraceValue::Num(n)
    }
}

impl From<&str> for TraceValue {
    fn from(s: &str) -> Self {
        TraceValue::Text(s.to_owned())
    }
}

/// One step of reasoning: the rule applied and the values it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceLine {
    /// The rule.
    pub rule: Rule,
    /// The values, in the order the rule's sentence quotes them.
    pub values: Vec<TraceValue>,
}

impl TraceLine {
    /// A line for `rule` with `values`.
    pub fn new(rule: Rule, values: Vec<TraceValue>) -> TraceLine {
        TraceLine { rule, values }
    }

    /// The line as a sentence in `lang`, prefixed by the rule id: `[overstay] stay entered …`.
    /// A value the sentence quotes and the line lacks shows as `?`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<(&str, umis_words::Arg)> = QUOTED
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let text = match self.values.get(i) {
                    Some(TraceValue::Date(d)) => d.to_string(),
                    Some(TraceValue::Num(n)) => n.to_string(),
                    Some(TraceValue::Text(t)) => t.clone(),
                    None => "?".to_owned(),
                };
                (*name, umis_words::Arg::Text(text))
            })
            .collect();
        format!("[{}] {}", self.rule.id(), umis_words::t_args(lang, self.rule.key(), &args))
    }
}

/// The names of the values a sentence may quote, by position (no rule quotes more than seven).
const QUOTED: [&str; 8] = ["v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_sentence_in_each_language() {
        let d = Date::parse("2026-04-01").unwrap_or(Date::MIN);
        let mut seen = std::collections::BTreeSet::new();
        for rule in Rule::ALL {
            assert!(seen.insert(rule.key()), "{rule:?}: key used twice");
            let line = TraceLine::new(rule, vec![d.into(); 8]);
            let [en, az, ru] = [Lang::En, Lang::Az, Lang::Ru].map(|l| line.render(l));
            assert!(!en.contains("trace-") && en.len() > 20, "{rule:?}: {en}");
            assert!(az != en && ru != en && ru != az, "{rule:?}");
            assert!(!en.contains('?'), "{rule:?} quotes a value past the eighth: {en}");
        }
    }

    #[test]
    fn renders_values_in_each_language() {
        let d = Date::parse("2026-04-01").unwrap_or(Date::MIN);
        let line = TraceLine::new(Rule::Overstay, vec![d.into(), d.into(), 5.into(), d.into()]);
        assert_eq!(
            line.render(Lang::En),
            "[overstay] stay entered 2026-04-01: first unlawful day 2026-04-01, 5 days over the limit through 2026-04-01"
        );
        assert!(line.render(Lang::Ru).contains("превышение 5 дн."));
        assert!(line.render(Lang::Az).contains("5 gün"));
        let short = TraceLine::new(Rule::DaysUsed, vec![d.into()]);
        assert_eq!(short.render(Lang::En), "[days_used] 2026-04-01: ? days used");
    }
}
