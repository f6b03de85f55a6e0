//! Eligibility as a pure function of a service's rules, the caller's facts and today's date.
//! Every rule leaves a line — the rule, the value it used, its source, met or not — so an
//! officer and the applicant see why, in Azerbaijani, English or Russian.

use super::calendar::{Calendar, shift};
use super::model::{EligibilityRule, Fact, Period, Provenance, Test, Texts, Unit};
use super::service::Service;
use crate::Lang;
use std::fmt::Write as _;
use umis_domain::{CountryCode, Date};

/// What the caller knows about the person and the case; unknown values fail the rules that
/// need them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Date of birth (gives `age`).
    pub date_of_birth: Option<Date>,
    /// Nationality.
    pub nationality: Option<CountryCode>,
    /// The last day of the current lawful stay.
    pub stay_until: Option<Date>,
    /// The first day of the stay at the address.
    pub stay_from: Option<Date>,
    /// The last day of the permit the application extends or builds on (TRP, PRP, work).
    pub permit_until: Option<Date>,
    /// Days the person plans to stay at the address.
    pub planned_stay_days: Option<u32>,
    /// Whole years of lawful temporary residence.
    pub temporary_residence_years: u32,
    /// Whole years of lawful permanent residence.
    pub permanent_residence_years: u32,
    /// Holds a temporary residence permit.
    pub holds_trp: bool,
    /// Holds a permanent residence permit.
    pub holds_prp: bool,
    /// Holds a work permit.
    pub holds_work_permit: bool,
    /// Work permits left in the employer's annual quota.
    pub employer_quota_remaining: Option<u32>,
    /// The case under appeal was refused.
    pub appealed_case_refused: bool,
    /// The date of that refusal.
    pub refusal_date: Option<Date>,
    /// Never abroad more than the absence rule allows over the years of temporary residence
    /// looked back on; `None` when umis holds no crossing of the person to judge by.
    pub trp_continuity: Option<bool>,
    /// The application falls under a regime outside the annual work-permit quota (work in the
    /// liberated territories): a quota rule is met whatever is left of the quota.
    pub outside_quota: bool,
    /// The act an appeal names may be appealed.
    pub act_appealable: bool,
    /// The day that act was notified (delivered or presumed delivered).
    pub act_notified_on: Option<Date>,
}

/// A fact's value as a rule used it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactValue {
    /// A date.
    Date(Date),
    /// Years or a count.
    Number(u32),
    /// Yes or no.
    Flag(bool),
    /// A country.
    Country(CountryCode),
    /// The caller did not know it.
    Unknown,
}

/// Whole years from `birth` to `today` (none when born later).
pub(crate) fn age(birth: Date, today: Date) -> Option<u32> {
    let ((by, bm, bd), (ty, tm, td)) = (birth.ymd(), today.ymd());
    let years = ty - by - i32::from((tm, td) < (bm, bd));
    u32::try_from(years).ok()
}

impl Facts {
    fn value(&self, fact: Fact, today: Date) -> FactValue {
        let date = |d: Option<Date>| d.map_or(FactValue::Unknown, FactValue::Date);
        let num = |n: Option<u32>| n.map_or(FactValue::Unknown, FactValue::Number);
        match fact {
            Fact::Age => num(self.date_of_birth.and_then(|b| age(b, today))),
            Fact::Nationality => self.nationality.map_or(FactValue::Unknown, FactValue::Country),
            Fact::StayUntil => date(self.stay_until),
            Fact::StayFrom => date(self.stay_from),
            Fact::PermitUntil => date(self.permit_until),
            Fact::RefusalDate => date(self.refusal_date),
            Fact::ActNotifiedOn => date(self.act_notified_on),
            Fact::PlannedStayDays => num(self.planned_stay_days),
            Fact::TemporaryResidenceYears => FactValue::Number(self.temporary_residence_years),
            Fact::PermanentResidenceYears => FactValue::Number(self.permanent_residence_years),
            Fact::EmployerQuotaRemaining => num(self.employer_quota_remaining),
            Fact::HoldsTrp => FactValue::Flag(self.holds_trp),
            Fact::HoldsPrp => FactValue::Flag(self.holds_prp),
            Fact::HoldsWorkPermit => FactValue::Flag(self.holds_work_permit),
            Fact::AppealedCaseRefused => FactValue::Flag(self.appealed_case_refused),
            Fact::TrpContinuity => self.trp_continuity.map_or(FactValue::Unknown, FactValue::Flag),
            Fact::ActAppealable => FactValue::Flag(self.act_appealable),
        }
    }
}

/// One rule's verdict with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilityLine {
    /// The rule's code.
    pub rule: String,
    /// The condition in words.
    pub names: Texts,
    /// What the rule tests.
    pub test: Test,
    /// The value of the tested fact.
    pub value: FactValue,
    /// For date rules with a known date: the last day to apply.
    pub apply_by: Option<Date>,
    /// The rule's source.
    pub provenance: Provenance,
    /// Whether the rule is met.
    pub passed: bool,
    /// Met because the application is outside the quota the rule counts.
    pub outside_quota: bool,
}

/// The verdict on a service for a person: eligible when every rule is met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligibility {
    /// Every rule met.
    pub eligible: bool,
    /// One line per rule, in the service's order.
    pub trace: Vec<EligibilityLine>,
}

impl Eligibility {
    /// The trace as sentences in `lang`.
    pub fn render(&self, lang: Lang) -> Vec<String> {
        self.trace.iter().map(|l| l.render(lang)).collect()
    }
}

/// Evaluates every eligibility rule of `service` on `facts` as of `today`. Periods in working
/// days count on no calendar here: use [`evaluate_eligibility_on`] for services that have them.
pub fn evaluate_eligibility(service: &Service, facts: &Facts, today: Date) -> Eligibility {
    evaluate_eligibility_on(service, facts, today, None)
}

/// [`evaluate_eligibility`] with the catalogue's calendar, for periods in working days (a move
/// registered within 5 working days). A period the calendar cannot count (beyond its years)
/// leaves the rule unmet with no date, rather than guessing.
pub fn evaluate_eligibility_on(
    service: &Service,
    facts: &Facts,
    today: Date,
    calendar: Option<&Calendar>,
) -> Eligibility {
    let trace: Vec<EligibilityLine> =
        service.eligibility().iter().map(|r| evaluate(r, facts, today, calendar)).collect();
    Eligibility { eligible: trace.iter().all(|l| l.passed), trace }
}

/// `day` moved forward by `p`: working days on the calendar, other units by [`shift`].
fn after(day: Date, p: &Period, calendar: Option<&Calendar>) -> Option<Date> {
    match (p.unit, calendar) {
        (Unit::BusinessDays, Some(c)) => c.add_business_days(day, p.count).ok(),
        (Unit::BusinessDays, None) => None,
        _ => Some(shift(day, p, 1)),
    }
}

fn evaluate(
    rule: &EligibilityRule,
    facts: &Facts,
    today: Date,
    calendar: Option<&Calendar>,
) -> EligibilityLine {
    let value = facts.value(rule.test.fact(), today);
    let (passed, apply_by) = match (&rule.test, value) {
        (Test::MinBefore(_, p), FactValue::Date(d)) => {
            let by = shift(d, p, -1);
            (today <= by, Some(by))
        }
        (Test::WithinAfter(_, p), FactValue::Date(d)) => match after(d, p, calendar) {
            Some(by) => (d <= today && today <= by, Some(by)),
            None => (false, None),
        },
        (Test::MinYears(_, min) | Test::MinCount(_, min), FactValue::Number(n)) => (n >= *min, None),
        (Test::Flag(_), FactValue::Flag(b)) => (b, None),
        (Test::CountryIn(_, list), FactValue::Country(c)) => (list.contains(&c), None),
        _ => (false, None),
    };
    let outside_quota = facts.outside_quota && rule.test.fact() == Fact::EmployerQuotaRemaining;
    EligibilityLine {
        rule: rule.code.clone(),
        names: rule.names.clone(),
        test: rule.test.clone(),
        value,
        apply_by,
        provenance: rule.provenance.clone(),
        passed: passed || outside_quota,
        outside_quota,
    }
}

/// The word `key` (an `eligibility-*` message of `umis-words`) in `lang`.
fn word(lang: Lang, key: &str) -> String {
    umis_words::t(lang, key)
}

impl EligibilityLine {
    /// The line as one sentence in `lang`:
    /// `[rule] condition: fact = value; requirement: met (source: …)`.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = format!("[{}] {}: ", self.rule, self.names.get(lang));
        _ = write!(out, "{} = {}; ", fact_name(self.test.fact(), lang), value_text(self.value, lang));
        out.push_str(&self.requirement(lang));
        if self.outside_quota {
            _ = write!(out, " ({})", word(lang, "eligibility-outside-quota"));
        }
        let verdict = if self.passed { "eligibility-met" } else { "eligibility-not-met" };
        _ = write!(
            out,
            ": {} ({}: {}",
            word(lang, verdict),
            word(lang, "eligibility-source"),
            self.provenance.source
        );
        if self.provenance.unverified {
            _ = write!(out, "; {}", word(lang, "eligibility-unverified"));
        }
        out.push(')');
        out
    }

    fn requirement(&self, lang: Lang) -> String {
        match &self.test {
            Test::MinBefore(_, p) | Test::WithinAfter(_, p) => {
                let key = if matches!(self.test, Test::MinBefore(..)) {
                    "eligibility-min-before"
                } else {
                    "eligibility-within-after"
                };
                let mut s = umis_words::t_args(lang, key, &[("p", period(p, lang).into())]);
                if let Some(d) = self.apply_by {
                    _ = write!(s, ", {} {d}", word(lang, "eligibility-apply-by"));
                }
                s
            }
            Test::MinYears(_, n) => {
                format!("{} {n} {}", word(lang, "eligibility-at-least"), unit(Unit::Years, lang))
            }
            Test::MinCount(_, n) => format!("{} {n}", word(lang, "eligibility-at-least")),
            Test::Flag(_) => word(lang, "eligibility-must-be-yes"),
            Test::CountryIn(_, list) => {
                let names: Vec<&str> = list.iter().map(CountryCode::as_str).collect();
                format!("{} {}", word(lang, "eligibility-one-of"), names.join(", "))
            }
        }
    }
}

fn period(p: &Period, lang: Lang) -> String {
    format!("{} {}", p.count, unit(p.unit, lang))
}

fn unit(u: Unit, lang: Lang) -> String {
    word(lang, &format!("eligibility-unit-{}", u.as_str()))
}

fn value_text(v: FactValue, lang: Lang) -> String {
    match v {
        FactValue::Date(d) => d.to_string(),
        FactValue::Number(n) => n.to_string(),
        FactValue::Flag(b) => word(lang, if b { "eligibility-yes" } else { "eligibility-no" }),
        FactValue::Country(c) => c.to_string(),
        FactValue::Unknown => word(lang, "eligibility-unknown"),
    }
}

/// The key of the fact's name among the Fluent messages (`eligibility-fact-<code>`).
pub fn fact_key(fact: Fact) -> String {
    format!("eligibility-fact-{}", fact.as_str())
}

/// The fact's name in `lang`.
pub fn fact_name(fact: Fact, lang: Lang) -> String {
    word(lang, &fact_key(fact))
}

/// The keys of the eligibility words other than the facts' names, for the completeness test.
pub const WORDS: [&str; 18] = [
    "eligibility-outside-quota",
    "eligibility-met",
    "eligibility-not-met",
    "eligibility-source",
    "eligibility-unverified",
    "eligibility-min-before",
    "eligibility-within-after",
    "eligibility-apply-by",
    "eligibility-at-least",
    "eligibility-must-be-yes",
    "eligibility-one-of",
    "eligibility-unit-business_days",
    "eligibility-unit-calendar_days",
    "eligibility-unit-months",
    "eligibility-unit-years",
    "eligibility-yes",
    "eligibility-no",
    "eligibility-unknown",
];
