//! The shapes of the catalogue: a service and the parts a lawyer declares for it (form fields,
//! documents, fee tiers, eligibility rules, outcome, milestones). Only the parser builds a
//! [`Service`], so every service a caller holds has passed validation.

use crate::Lang;
use umis_domain::CountryCode;

/// A text in the three languages of the e-services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// Azerbaijani.
    pub az: String,
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

impl Texts {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Az => &self.az,
            Lang::En => &self.en,
            Lang::Ru => &self.ru,
        }
    }
}

/// Where a value comes from, and whether a lawyer still has to confirm it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    /// The legal source.
    pub source: String,
    /// True when the value is not confirmed by the sources; `note` says why.
    pub unverified: bool,
    /// A remark on the value (always present when `unverified`).
    pub note: Option<String>,
}

/// The catalogue's closed vocabularies use the domain's declaration (spellings, `parse`,
/// `Display`, serde).
pub(crate) use umis_domain::wire_enum as code_enum;

code_enum! {
    /// Who may file a service's application.
    Filer {
        /// The person the case is about.
        Applicant = "applicant",
        /// The person or business hosting a foreigner (hotel, flat owner).
        Host = "host",
        /// The employer of a foreign worker.
        Employer = "employer",
        /// A service-centre operator filing for a person at the counter.
        Operator = "operator",
    }
}

code_enum! {
    /// The unit of a period.
    Unit {
        /// Days the authority works; see [`crate::services::Calendar`].
        BusinessDays = "business_days",
        /// Every day counts.
        CalendarDays = "calendar_days",
        /// Calendar months (the day of month is kept, or the month's last day).
        Months = "months",
        /// Calendar years (twelve months).
        Years = "years",
    }
}

/// A length of time: a deadline a fee tier buys, a permit's validity, an eligibility window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// Which unit.
    pub unit: Unit,
}

impl Period {
    /// The last day of the period that starts on `day`, on the plain calendar (as eligibility
    /// windows count it; business days are counted as calendar days here).
    pub fn last_day_from(&self, day: umis_domain::Date) -> umis_domain::Date {
        super::calendar::shift(day, self, 1)
    }
}

/// The statutory deadline of a case: a [`Period`] counted from the day of filing.
pub type Deadline = Period;

code_enum! {
    /// A file type an uploaded document may have.
    DocKind {
        /// A PDF file.
        Pdf = "pdf",
        /// A JPEG image.
        Jpeg = "jpeg",
        /// A PNG image.
        Png = "png",
    }
}

impl DocKind {
    /// The media type of the kind, as uploads declare it.
    pub fn media_type(self) -> &'static str {
        match self {
            DocKind::Pdf => "application/pdf",
            DocKind::Jpeg => "image/jpeg",
            DocKind::Png => "image/png",
        }
    }
}

/// One choice of a `choice` field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value the form submits and the case stores.
    pub value: String,
    /// What the person sees.
    pub label: Texts,
}

/// The type of a form field and its type-specific limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldType {
    /// Free text of at most `max` characters; `multiline` allows line breaks.
    Text {
        /// Most characters.
        max: usize,
        /// Whether line feeds are allowed (a narrative, grounds of appeal).
        multiline: bool,
    },
    /// A date `YYYY-MM-DD`, optionally not before another date field of the form.
    Date {
        /// The date field this one must not precede (`stay_until` after `stay_from`).
        not_before: Option<String>,
    },
    /// An ISO 3166-1 alpha-3 code (or ICAO XXA/XXB/XXC/XXX).
    Country,
    /// A travel-document number (A–Z, 0–9, `<`; at most 20).
    DocumentNumber,
    /// A case receipt number with valid check digits.
    Receipt,
    /// One of a fixed list.
    Choice {
        /// The choices, in display order.
        choices: Vec<Choice>,
    },
    /// A whole number within bounds.
    Integer {
        /// Smallest value.
        min: i64,
        /// Largest value.
        max: i64,
    },
    /// An amount in qəpik (minor units of AZN), never negative.
    Money {
        /// Largest amount.
        max: i64,
    },
    /// An e-mail address.
    Email,
    /// A phone number in international form (`+994…`).
    Phone,
    /// A taxpayer identification number: ten digits.
    Tin,
}

impl FieldType {
    /// The type's name in the catalogue file.
    pub fn name(&self) -> &'static str {
        match self {
            FieldType::Text { .. } => "text",
            FieldType::Date { .. } => "date",
            FieldType::Country => "country",
            FieldType::DocumentNumber => "document_number",
            FieldType::Receipt => "receipt",
            FieldType::Choice { .. } => "choice",
            FieldType::Integer { .. } => "integer",
            FieldType::Money { .. } => "money",
            FieldType::Email => "email",
            FieldType::Phone => "phone",
            FieldType::Tin => "tin",
        }
    }
}

/// One field of a service's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field's name in the submitted form (`stay_until`).
    pub name: String,
    /// Its type and limits.
    pub kind: FieldType,
    /// Whether the form is refused without it.
    pub required: bool,
    /// What the person sees.
    pub label: Texts,
}

/// A document the application carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSpec {
    /// Stable code (`passport_copy`).
    pub code: String,
    /// What the person sees.
    pub names: Texts,
    /// Whether the application is incomplete without it.
    pub required: bool,
    /// The file types accepted.
    pub kinds: Vec<DocKind>,
}

/// A fee tier: what the applicant pays and the deadline it buys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeTier {
    /// Stable code (`standard`, `urgent`).
    pub code: String,
    /// The state duty in qəpik.
    pub amount_minor: i64,
    /// When set, `amount_minor` is charged per started period of this many days of the permit
    /// granted (a stay extension: per 30 days).
    pub per_days: Option<u32>,
    /// The statutory deadline for the decision.
    pub deadline: Deadline,
    /// Source of the amount and the deadline.
    pub provenance: Provenance,
}

impl FeeTier {
    /// The fee for a permit of `days` days: the amount, times the started `per_days` periods.
    pub fn fee_minor(&self, days: u32) -> i64 {
        match self.per_days {
            Some(per) if per > 0 => self.amount_minor.saturating_mul(i64::from(days.div_ceil(per).max(1))),
            _ => self.amount_minor,
        }
    }
}

/// A step of the procedure with its own deadline (refugee status: interviews, certificate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Milestone {
    /// Stable code (`registration_interview`).
    pub code: String,
    /// What officers see.
    pub names: Texts,
    /// The milestone this one counts from; `None` counts from filing.
    pub after: Option<String>,
    /// How long after.
    pub within: Period,
    /// Its legal source.
    pub provenance: Provenance,
}

code_enum! {
    /// The facts an eligibility rule may name; the caller fills them in [`crate::services::Facts`].
    Fact {
        /// Age in whole years on the day of evaluation (from the date of birth).
        Age = "age",
        /// Nationality.
        Nationality = "nationality",
        /// The end of the current lawful stay.
        StayUntil = "stay_until",
        /// The first day of the stay at the address (the day of moving in).
        StayFrom = "stay_from",
        /// The end of the permit the application extends or builds on.
        PermitUntil = "permit_until",
        /// Days the person plans to stay.
        PlannedStayDays = "planned_stay_days",
        /// Years of lawful temporary residence.
        TemporaryResidenceYears = "temporary_residence_years",
        /// Years of lawful permanent residence.
        PermanentResidenceYears = "permanent_residence_years",
        /// Holds a temporary residence permit.
        HoldsTrp = "holds_trp",
        /// Holds a permanent residence permit.
        HoldsPrp = "holds_prp",
        /// Holds a work permit.
        HoldsWorkPermit = "holds_work_permit",
        /// Work permits left in the employer's quota.
        EmployerQuotaRemaining = "employer_quota_remaining",
        /// The appealed case was refused.
        AppealedCaseRefused = "appealed_case_refused",
        /// The date of that refusal.
        RefusalDate = "refusal_date",
        /// Never abroad more than the stay pack's absence limit within its window over the
        /// years of temporary residence looked back on (from the crossings).
        TrpContinuity = "trp_continuity",
        /// The day the appealed act was notified to the person (delivered, or presumed
        /// delivered): the appeal period runs from it.
        ActNotifiedOn = "act_notified_on",
        /// The act named by an appeal is one that may be appealed (a refusal, a cancellation,
        /// a missed deadline) and is not under appeal already.
        ActAppealable = "act_appealable",
    }
}

impl Fact {
    /// The kind of value the fact holds.
    pub fn fact_type(self) -> FactType {
        match self {
            Fact::Age | Fact::TemporaryResidenceYears | Fact::PermanentResidenceYears => FactType::Years,
            Fact::Nationality => FactType::Country,
            Fact::StayUntil
            | Fact::StayFrom
            | Fact::PermitUntil
            | Fact::RefusalDate
            | Fact::ActNotifiedOn => FactType::Date,
            Fact::PlannedStayDays | Fact::EmployerQuotaRemaining => FactType::Count,
            Fact::HoldsTrp
            | Fact::HoldsPrp
            | Fact::HoldsWorkPermit
            | Fact::AppealedCaseRefused
            | Fact::TrpContinuity
            | Fact::ActAppealable => FactType::Flag,
        }
    }
}

/// What kind of value a fact holds, deciding which rule kinds may test it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactType {
    /// A date.
    Date,
    /// A number of years.
    Years,
    /// A count.
    Count,
    /// Yes or no.
    Flag,
    /// A country.
    Country,
}

/// What an eligibility rule tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Test {
    /// Filed at least `period` before the date fact: `today <= fact - period`.
    MinBefore(Fact, Period),
    /// Filed on or after the date fact and at most `period` after it.
    WithinAfter(Fact, Period),
    /// The years fact is at least this.
    MinYears(Fact, u32),
    /// The count fact is at least this.
    MinCount(Fact, u32),
    /// The flag fact is true.
    Flag(Fact),
    /// The country fact is one of these.
    CountryIn(Fact, Vec<CountryCode>),
}

impl Test {
    /// The fact the test reads.
    pub fn fact(&self) -> Fact {
        match self {
            Test::MinBefore(f, _)
            | Test::WithinAfter(f, _)
            | Test::MinYears(f, _)
            | Test::MinCount(f, _)
            | Test::Flag(f)
            | Test::CountryIn(f, _) => *f,
        }
    }
}

/// One eligibility rule of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibilityRule {
    /// Stable code within the service (`apply_before_stay_ends`).
    pub code: String,
    /// The condition in words.
    pub names: Texts,
    /// What is tested.
    pub test: Test,
    /// Its legal source.
    pub provenance: Provenance,
}

/// A coded legal ground of an act (a refusal or a cancellation): what the decision cites, so
/// that appeals, statistics and the person read the same provision in their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActGround {
    /// Stable code (`false_information`), what a decision stores.
    pub code: String,
    /// The ground in words.
    pub names: Texts,
    /// The article it rests on (`Migration Code Art. 55.0.3`); `provenance.unverified` when no
    /// source confirmed the number.
    pub article: String,
    /// What it applies to: services (refusal grounds) or issued document kinds (cancellation
    /// grounds); empty for a cancellation ground that applies to every document.
    pub applies_to: Vec<String>,
    /// Its legal source.
    pub provenance: Provenance,
}

impl ActGround {
    /// Whether the ground may be cited for `subject` (a service code or a document kind).
    pub fn applies(&self, subject: &str) -> bool {
        self.applies_to.is_empty() || self.applies_to.iter().any(|s| s == subject)
    }
}

/// The terms of a challenge to an act, besides the complaint period (the appeal service's
/// eligibility rule): when an undelivered notice counts as received, and the court period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppealTerms {
    /// Days after the decision after which a notice whose delivery is not recorded is presumed
    /// received.
    pub presumed_delivery: Period,
    /// The period for a court claim, from notification of the act or of the complaint decision.
    pub court_period: Period,
    /// Their legal source.
    pub provenance: Provenance,
}
