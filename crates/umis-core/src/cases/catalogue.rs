//! The cases' view of the e-service catalogue (`umis_rules::services`): which roles file a
//! service, how its form is checked (partly for drafts, wholly at filing), what it costs and
//! when it is due, who the holder is, and what approval grants.

use super::{CaseError, FieldProblem};
use std::collections::BTreeMap;
use umis_domain::case_state::StateName;
use umis_domain::{Date, PermitKind, Role};
use umis_rules::Lang;
use umis_rules::services::{
    self as rules, Catalogue, Fact, Facts, Filer, OutcomeKind, ProblemCode, Test, ValidForm, Validity,
    validate_form,
};
use umis_store::cases::CaseRow;
use umis_store::sql::Db;

/// One e-service of the catalogue, with the catalogue it belongs to (its calendar, the appeal
/// period).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Service<'c>(&'c rules::Service, &'c Catalogue);

/// What a case's fee was computed from, as the case shows it: the scale charged, the term
/// requested, the started periods charged (a stay extension: per 30 days) and the regime.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct FeeBasisView {
    /// `adult`, `minor` or `student`.
    pub scale: String,
    /// The requested term (the form's term field), when the fee depends on it.
    pub term: Option<String>,
    /// The started periods charged, for a fee charged per period.
    pub periods: Option<u32>,
    /// The special regime (`liberated_territories`), when the application falls under one.
    pub regime: Option<String>,
}

impl From<&rules::FeeQuote> for FeeBasisView {
    fn from(q: &rules::FeeQuote) -> Self {
        FeeBasisView {
            scale: q.scale.as_str().to_owned(),
            term: q.term.clone(),
            periods: q.periods,
            regime: q.regime.clone(),
        }
    }
}

/// The basis of a case's fee, computed as it was when the fee was fixed (on filing, or today
/// for a draft); an adult scale with nothing else when the catalogue no longer prices it.
pub(crate) fn fee_basis(
    cat: &Catalogue,
    row: &CaseRow,
    form: &BTreeMap<String, String>,
    today: Date,
) -> FeeBasisView {
    let on = row.submitted_on.unwrap_or(today);
    cat.get(&row.service).and_then(|s| s.quote(&row.fee_tier, form, on).ok()).map_or_else(
        || FeeBasisView { scale: "adult".into(), ..FeeBasisView::default() },
        |q| FeeBasisView::from(&q),
    )
}

/// Why the catalogue sets no fee for a form, as the form's problem.
fn fee_problem(e: &rules::FeeError) -> CaseError {
    match e {
        rules::FeeError::UnknownTier => {
            CaseError::invalid("fee_tier", "unknown_fee_tier", "no such fee tier for this service")
        }
        rules::FeeError::NoAmount { field } => CaseError::invalid(
            &format!("form.{field}"),
            "no_fee_for_term",
            "the law sets no fee for this term here: choose another term",
        ),
        rules::FeeError::RegimeNotInForce { field } => CaseError::invalid(
            &format!("form.{field}"),
            "regime_not_in_force",
            "this regime is not in force on the day of filing",
        ),
    }
}

/// Whose case it is, as the form says.
#[derive(Debug, Clone, Default)]
pub(crate) struct Holder {
    pub issuing_state: Option<String>,
    pub document_number: Option<String>,
    pub birth_date: Option<String>,
    pub employer_tin: Option<String>,
    pub name: String,
}

/// What approval grants.
pub(crate) enum Grant {
    /// A permit from `from`; `until: None` is open-ended (refugee status ends by cessation or
    /// cancellation, never by lapse of time).
    Permit {
        kind: PermitKind,
        from: Date,
        until: Option<Date>,
    },
    Registration {
        address: String,
        host_kind: String,
        from: Date,
        until: Option<Date>,
    },
    /// Ends the registration numbered `registration` on `departed`.
    Deregistration {
        registration: String,
        departed: Date,
    },
    Decision {
        kind: String,
    },
}

/// The service with this code.
pub(crate) fn service<'c>(cat: &'c Catalogue, code: &str) -> Result<Service<'c>, CaseError> {
    cat.get(code)
        .map(|s| Service(s, cat))
        .ok_or_else(|| CaseError::invalid("service", "unknown_service", "no such e-service"))
}

fn filer(role: Role) -> Option<Filer> {
    match role {
        Role::Applicant => Some(Filer::Applicant),
        Role::Host => Some(Filer::Host),
        Role::Employer => Some(Filer::Employer),
        Role::Operator => Some(Filer::Operator),
        _ => None,
    }
}

fn problems(ps: Vec<rules::FieldProblem>) -> CaseError {
    CaseError::Invalid(
        ps.into_iter()
            .map(|p| FieldProblem {
                field: format!("form.{}", p.field),
                code: p.code.as_str().to_owned(),
                message: p.code.as_str().replace('_', " "),
            })
            .collect(),
    )
}

impl<'c> Service<'c> {
    pub(crate) fn code(&self) -> &'c str {
        self.0.code()
    }

    pub(crate) fn sensitive(&self) -> bool {
        self.0.sensitive()
    }

    pub(crate) fn auto_decide(&self) -> bool {
        self.0.auto_decide()
    }

    pub(crate) fn may_file(&self, role: Role) -> bool {
        filer(role).is_some_and(|f| self.0.may_file(f))
    }

    /// The fee of tier `code` (the first tier when `None`) for this form on day `on`: by the
    /// term requested, the person's scale and the regime, as the catalogue prices them.
    pub(crate) fn quote(
        &self,
        code: Option<&str>,
        form: &BTreeMap<String, String>,
        on: Date,
    ) -> Result<rules::FeeQuote, CaseError> {
        let tier = code.or_else(|| self.0.fees().first().map(|t| t.code.as_str())).unwrap_or_default();
        self.0.quote(tier, form, on).map_err(|e| fee_problem(&e))
    }

    /// Whether a permit granted on this form takes nothing from the annual work-permit quota.
    pub(crate) fn outside_quota(&self, form: &BTreeMap<String, String>) -> bool {
        self.0.outside_quota(form)
    }

    /// The form checked: wholly (`partial == false`, at filing) or, for a draft, everything but
    /// missing required fields.
    pub(crate) fn validate(
        &self,
        form: &BTreeMap<String, String>,
        partial: bool,
    ) -> Result<BTreeMap<String, String>, CaseError> {
        if form.len() > 200 {
            return Err(CaseError::invalid("form", "too_many_fields", "a form has at most 200 fields"));
        }
        match validate_form(self.0, form) {
            Ok(valid) => Ok(to_strings(&valid)),
            Err(ps) => {
                let left: Vec<_> =
                    ps.into_iter().filter(|p| !(partial && p.code == ProblemCode::Required)).collect();
                if left.is_empty() {
                    // Only missing fields: keep what was given, trimmed, as the filer wrote it.
                    Ok(form
                        .iter()
                        .filter(|(_, v)| !v.trim().is_empty())
                        .map(|(k, v)| (k.clone(), v.trim().to_owned()))
                        .collect())
                } else {
                    Err(problems(left))
                }
            }
        }
    }

    fn valid(&self, form: &BTreeMap<String, String>) -> Result<ValidForm, CaseError> {
        validate_form(self.0, form).map_err(problems)
    }

    pub(crate) fn check_documents(&self, uploaded: &[String]) -> Result<(), CaseError> {
        let missing: Vec<FieldProblem> = self
            .0
            .documents()
            .iter()
            .filter(|d| d.required && !uploaded.iter().any(|u| u == &d.code))
            .map(|d| FieldProblem {
                field: format!("documents.{}", d.code),
                code: "required".into(),
                message: format!("upload the {}", d.names.get(Lang::En)),
            })
            .collect();
        if missing.is_empty() { Ok(()) } else { Err(CaseError::Invalid(missing)) }
    }

    pub(crate) fn check_document_type(&self, code: &str) -> Result<(), CaseError> {
        if self.0.documents().iter().any(|d| d.code == code) {
            Ok(())
        } else {
            Err(CaseError::invalid("doc_type", "unknown_document", "this service asks for no such document"))
        }
    }

    pub(crate) fn holder(&self, form: &BTreeMap<String, String>) -> Holder {
        let get = |k: &str| form.get(k).filter(|v| !v.is_empty()).cloned();
        let name = [get("surname"), get("given_names")].into_iter().flatten().collect::<Vec<_>>().join(" ");
        Holder {
            issuing_state: get("document_issuer"),
            document_number: get("document_number"),
            birth_date: get("date_of_birth"),
            employer_tin: get("employer_tin"),
            name,
        }
    }

    /// The statutory deadline of a case filed on `submitted`: the tier's, shortened under a
    /// regime that shortens it (work in the liberated territories).
    pub(crate) fn due_date(
        &self,
        tier: &str,
        form: &BTreeMap<String, String>,
        submitted: Date,
    ) -> Result<Date, CaseError> {
        let quote = self.quote(Some(tier), form, submitted)?;
        self.1.calendar().deadline(submitted, &quote.deadline).map_err(CaseError::BeyondCalendar)
    }

    pub(crate) fn appealed_receipt(&self, form: &BTreeMap<String, String>) -> Option<String> {
        match &self.0.outcome().kind {
            OutcomeKind::Appeal { reference_field } => form.get(reference_field).cloned(),
            _ => None,
        }
    }

    /// The outcome a proposal names: required (and one of the declared results) for services
    /// with several outcomes, refused for the others.
    pub(crate) fn check_outcome(&self, outcome: Option<&str>) -> Result<Option<String>, CaseError> {
        match (&self.0.outcome().kind, outcome) {
            (OutcomeKind::Affiliation { results, .. }, Some(o))
                if results.iter().any(|r| r.as_str() == o) =>
            {
                Ok(Some(o.to_owned()))
            }
            (OutcomeKind::Affiliation { .. }, _) => Err(CaseError::invalid(
                "outcome",
                "not_in_choices",
                "name the outcome: recognised, not_recognised or undetermined",
            )),
            (_, None) => Ok(None),
            (_, Some(_)) => {
                Err(CaseError::invalid("outcome", "unknown_field", "this service has a single outcome"))
            }
        }
    }

    pub(crate) fn grant(
        &self,
        form: &BTreeMap<String, String>,
        outcome: Option<&str>,
        today: Date,
    ) -> Result<Grant, CaseError> {
        Ok(match &self.0.outcome().kind {
            OutcomeKind::Permit(p) => {
                let valid = self.valid(form)?;
                let from = p.starts_on(today, &valid);
                let until = match p.validity {
                    Validity::Open => None,
                    // A fixed term always ends; a form without its term field gets one year.
                    _ => Some(p.valid_until(from, &valid).unwrap_or_else(|| from.add_days(364)).max(from)),
                };
                Grant::Permit { kind: p.kind, from, until }
            }
            OutcomeKind::Registration { from_field, until_field, cap } => {
                let valid = self.valid(form)?;
                // The registration lapses with the stay the visa grants (90 days visa-free).
                let last = cap.as_ref().and_then(|c| c.last_day(&valid));
                let until = match (valid.date(until_field), last) {
                    (Some(u), Some(l)) => Some(u.min(l)),
                    (u, l) => u.or(l),
                };
                let from = valid.date(from_field).unwrap_or(today);
                Grant::Registration {
                    address: form.get("address").cloned().unwrap_or_default(),
                    host_kind: form.get("host_kind").cloned().unwrap_or_else(|| "other".into()),
                    from,
                    until: until.map(|u| u.max(from)),
                }
            }
            OutcomeKind::Deregistration { reference_field, date_field } => {
                let valid = self.valid(form)?;
                Grant::Deregistration {
                    registration: form.get(reference_field).map(|r| r.trim().to_owned()).unwrap_or_default(),
                    departed: valid.date(date_field).unwrap_or(today),
                }
            }
            OutcomeKind::Citizenship(action) => {
                Grant::Decision { kind: format!("citizenship_{}", action.as_str()) }
            }
            OutcomeKind::Affiliation { .. } => Grant::Decision {
                kind: format!("citizenship_affiliation_{}", outcome.unwrap_or("recognised")),
            },
            OutcomeKind::Employment => Grant::Decision { kind: "recruitment_accepted".into() },
            OutcomeKind::Appeal { .. } => Grant::Decision { kind: "appeal_upheld".into() },
        })
    }
}

fn to_strings(valid: &ValidForm) -> BTreeMap<String, String> {
    valid.values().iter().map(|(k, v)| (k.clone(), v.to_string())).collect()
}

/// Refuses a code that is not a refusal ground of `service` (a refusal citing none is the
/// lifecycle's refusal, `NoGrounds`).
pub(crate) fn check_refusal_grounds(
    cat: &Catalogue,
    service: &str,
    codes: &[String],
) -> Result<(), CaseError> {
    // The decision's credential signs the codes, and has to stay a QR code a phone reads.
    let bytes = codes.iter().map(|c| c.len() + 1).sum::<usize>();
    if codes.len() > umis_credential::claims::MAX_GROUNDS
        || bytes > umis_credential::claims::MAX_GROUNDS_BYTES
    {
        return Err(CaseError::invalid(
            "grounds",
            "too_long",
            format!("cite at most {} grounds", umis_credential::claims::MAX_GROUNDS),
        ));
    }
    if let Some(bad) = codes.iter().find(|c| !cat.refusal_grounds(service).any(|g| &g.code == *c)) {
        return Err(CaseError::invalid(
            "grounds",
            "unknown_ground",
            format!("{bad:?} is not a refusal ground of this service"),
        ));
    }
    Ok(())
}

/// The eligibility trace an officer sees, from the form and what umis knows.
pub(crate) fn eligibility(
    cat: &Catalogue,
    db: &mut dyn Db,
    row: &CaseRow,
    form: &BTreeMap<String, String>,
    today: Date,
) -> Result<(bool, Vec<String>), CaseError> {
    let s = service(cat, &row.service)?;
    service_eligibility(cat, s.0, db, row, form, today, Lang::En)
}

/// One service's eligibility rules on what the form and umis know (the quota left this year,
/// the appealed case, the holder's border crossings), judged on the filing date (today for a
/// draft), written in `lang`.
pub(crate) fn service_eligibility(
    cat: &Catalogue,
    service: &rules::Service,
    db: &mut dyn Db,
    row: &CaseRow,
    form: &BTreeMap<String, String>,
    today: Date,
    lang: Lang,
) -> Result<(bool, Vec<String>), CaseError> {
    let date = |k: &str| form.get(k).and_then(|v| Date::parse(v).ok());
    let mut facts = Facts {
        date_of_birth: date("date_of_birth"),
        nationality: form.get("nationality").and_then(|v| umis_domain::CountryCode::parse(v).ok()),
        stay_until: date("current_stay_until").or_else(|| date("stay_until")),
        stay_from: date("stay_from"),
        permit_until: date("current_permit_until"),
        outside_quota: service.outside_quota(form),
        ..Facts::default()
    };
    if service.eligibility().iter().any(|r| r.test.fact() == Fact::EmployerQuotaRemaining) {
        let (quota, used) = umis_store::cases::work_quota(db, i64::from(today.year()))?.unwrap_or((0, 0));
        facts.employer_quota_remaining = Some(u32::try_from(quota - used).unwrap_or(0));
    }
    if let Some(original) =
        row.appeal_of.as_deref().map(|id| umis_store::cases::case_by_id(db, id)).transpose()?.flatten()
    {
        facts.appealed_case_refused = matches!(original.state, StateName::Refused | StateName::Appealed);
        facts.refusal_date = original.decided_on;
        (facts.act_appealable, facts.act_notified_on) =
            super::appeals::eligibility_facts(db, cat, row, today)?;
    }
    let on = row.submitted_on.unwrap_or(today);
    let mut why = None;
    if service.eligibility().iter().any(|r| r.test.fact() == Fact::TrpContinuity)
        && let Some(pack) = cat.stay_pack()
    {
        let (kept, line) = continuity(pack, service, db, row, on)?;
        facts.trp_continuity = kept;
        why = line;
    }
    let e = rules::evaluate_eligibility_on(service, &facts, on, Some(cat.calendar()));
    let mut trace = e.render(lang);
    trace.extend(why.map(|l| l.render(lang)));
    Ok((e.eligible, trace))
}

/// Whether the case holder kept the continuity permanent residence asks for: never abroad more
/// than the stay pack's absence rule allows, judged from their crossings over the years of
/// temporary residence the service requires (its `temporary_residence_years` rule, else 2)
/// before `on`; with the trace line that says why. Unknown without a holder or any crossing.
fn continuity(
    pack: &umis_rules::RulePack,
    service: &rules::Service,
    db: &mut dyn Db,
    row: &CaseRow,
    on: Date,
) -> Result<(Option<bool>, Option<umis_rules::TraceLine>), CaseError> {
    let (Some(state), Some(document)) = (&row.holder_state, &row.holder_document) else {
        return Ok((None, None));
    };
    let key = umis_store::TravellerKey { issuing_state: state.clone(), document_number: document.clone() };
    let records = umis_store::traveller::records(db, &key)?;
    if records.crossings.is_empty() {
        return Ok((None, None));
    }
    let years = service
        .eligibility()
        .iter()
        .find_map(|r| match r.test {
            Test::MinYears(Fact::TemporaryResidenceYears, n) => Some(n),
            _ => None,
        })
        .unwrap_or(2);
    let crossings = crate::traveller::engine_input(&records).crossings;
    let (from, breach) = umis_rules::continuity_over_years(pack, &crossings, on, years);
    Ok((Some(breach.is_none()), Some(umis_rules::continuity_line(pack, breach.as_ref(), from, on))))
}

/// The catalogue for the public: every service with its form, documents and fee tiers.
pub fn services_overview(cat: &Catalogue, lang: Lang) -> serde_json::Value {
    let list: Vec<serde_json::Value> = cat
        .services()
        .iter()
        .map(|s| {
            serde_json::json!({
                "code": s.code(),
                "name": s.names().get(lang),
                "filed_by": s.filed_by().iter().map(|f| f.as_str()).collect::<Vec<_>>(),
                "fields": s.fields().iter().map(|f| serde_json::json!({
                    "name": f.name, "type": f.kind.name(), "required": f.required, "label": f.label.get(lang),
                })).collect::<Vec<_>>(),
                "documents": s.documents().iter().map(|d| serde_json::json!({
                    "code": d.code, "name": d.names.get(lang), "required": d.required,
                })).collect::<Vec<_>>(),
                "fee_tiers": s.fees().iter().map(|t| serde_json::json!({
                    "code": t.code, "fee_minor": t.amount_minor, "per_days": t.per_days,
                    "deadline": { "count": t.deadline.count, "unit": t.deadline.unit.as_str() },
                })).collect::<Vec<_>>(),
                "fee_basis": s.fee_basis().map(|b| serde_json::json!({
                    "term_field": b.term_field, "student_field": b.student_field,
                    "regime_field": b.regime_field, "minor_under": b.minor_under,
                })),
                "fee_rates": s.fee_rates().iter().map(rate_json).collect::<Vec<_>>(),
                "regimes": s.regimes().iter().map(|r| serde_json::json!({
                    "code": r.code, "name": r.names.get(lang), "from": r.from.to_string(),
                    "until": r.until.map(|d| d.to_string()), "deadline_cut": r.deadline_cut,
                    "outside_quota": r.outside_quota,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::Value::Array(list)
}

/// One effective-dated fee rate as the catalogue API lists it: one amount, or amounts by term.
fn rate_json(r: &rules::FeeRate) -> serde_json::Value {
    let (flat, by_term) = match &r.amount {
        rules::RateAmount::Flat(a) => (Some(*a), None),
        rules::RateAmount::ByTerm(list) => {
            (None, Some(list.iter().cloned().collect::<BTreeMap<String, i64>>()))
        }
    };
    serde_json::json!({
        "tier": r.tier, "scale": r.scale.as_str(), "regime": r.regime,
        "from": r.from.to_string(), "until": r.until.map(|d| d.to_string()),
        "amount_minor": flat, "by_term": by_term, "source": r.provenance.source,
    })
}

/// A complete, valid form for `service` with plausible sample values (demo data and load
/// tests): identity of a synthetic person, dates around `today`.
pub fn example_form(cat: &Catalogue, service: &str, today: Date, surname: &str) -> BTreeMap<String, String> {
    use umis_rules::services::FieldType;
    let Some(s) = cat.get(service) else { return BTreeMap::new() };
    let mut form = BTreeMap::new();
    for f in s.fields() {
        let v = match &f.kind {
            FieldType::Text { .. } if f.name == "surname" => surname.to_owned(),
            FieldType::Text { .. } if f.name == "given_names" => "Aliyə".to_owned(),
            FieldType::Text { .. } => format!("Sample {}", f.name.replace('_', " ")),
            FieldType::Date { not_before } => {
                if f.name.contains("birth") {
                    "1990-05-04".to_owned()
                } else if not_before.is_some() || f.name.contains("until") {
                    today.add_days(60).to_string()
                } else if f.name.contains("since") || f.name.contains("lost") {
                    "2015-01-01".to_owned()
                } else {
                    today.add_days(-5).to_string()
                }
            }
            FieldType::Country => "RUS".to_owned(),
            FieldType::DocumentNumber => {
                format!("75{:07}", surname.bytes().map(u32::from).sum::<u32>() % 10_000_000)
            }
            FieldType::Receipt => continue,
            FieldType::Choice { choices } => choices.first().map(|c| c.value.clone()).unwrap_or_default(),
            FieldType::Integer { min, max } => ((min + max) / 2).max(*min).to_string(),
            FieldType::Money { max } => (max / 2).min(150_000).to_string(),
            FieldType::Email => "person@example.test".to_owned(),
            FieldType::Phone => "+994501234567".to_owned(),
            FieldType::Tin => "1234567890".to_owned(),
        };
        form.insert(f.name.clone(), v);
    }
    form
}

/// The required document codes of a service.
pub fn required_documents(cat: &Catalogue, service: &str) -> Vec<String> {
    cat.get(service).map_or_else(Vec::new, |s| {
        s.documents().iter().filter(|d| d.required).map(|d| d.code.clone()).collect()
    })
}

/// The procedure's milestones with their latest dates (refugee status: interviews, decision),
/// as `(code, English name, date)`; no date where it falls beyond the calendar's years.
pub(crate) fn milestones(
    cat: &Catalogue,
    service: &str,
    submitted_on: Option<Date>,
    held: &[(&str, Date)],
) -> Vec<(String, String, Option<Date>)> {
    let Some(day) = submitted_on else { return Vec::new() };
    let Some(s) = cat.get(service) else { return Vec::new() };
    s.milestone_dates_held(cat.calendar(), day, held)
        .into_iter()
        .map(|(m, d)| (m.code.clone(), m.names.get(Lang::En).to_owned(), d.ok()))
        .collect()
}

impl<'c> Service<'c> {
    /// The catalogue's own description of the service (its procedural flags).
    pub(crate) fn spec(&self) -> &'c rules::Service {
        self.0
    }

    /// The catalogue the service is in (its calendar and shared procedural periods).
    pub(crate) fn catalogue(&self) -> &'c Catalogue {
        self.1
    }
}
