//! The cases' view of the e-service catalogue (`umis_rules::services`): which roles file a
//! service, how its form is checked (partly for drafts, wholly at filing), what it costs and
//! when it is due, who the holder is, and what approval grants.

use super::{CaseError, FieldProblem};
use std::collections::BTreeMap;
use umis_domain::case_state::StateName;
use umis_domain::{Date, PermitKind, Role};
use umis_rules::Lang;
use umis_rules::services::{
    self as rules, Catalogue, Fact, Facts, Filer, OutcomeKind, ProblemCode, ValidForm, validate_form,
};
use umis_store::cases::CaseRow;
use umis_store::sql::Db;

/// One e-service of the catalogue, with the catalogue it belongs to (its calendar, the appeal
/// period).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Service<'c>(&'c rules::Service, &'c Catalogue);

/// A fee tier as a case records it.
pub(crate) struct Tier {
    pub code: String,
    pub fee_minor: i64,
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
    Permit { kind: PermitKind, from: Date, until: Date },
    Registration { address: String, host_kind: String, from: Date, until: Option<Date> },
    Decision { kind: String },
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

    pub(crate) fn tier(&self, code: Option<&str>) -> Result<Tier, CaseError> {
        let tier = match code {
            None => self.0.fees().first(),
            Some(c) => self.0.fee(c),
        }
        .ok_or_else(|| {
            CaseError::invalid("fee_tier", "unknown_fee_tier", "no such fee tier for this service")
        })?;
        Ok(Tier { code: tier.code.clone(), fee_minor: tier.amount_minor })
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

    pub(crate) fn due_date(&self, tier: &str, submitted: Date) -> Result<Date, CaseError> {
        let tier = self
            .0
            .fee(tier)
            .ok_or_else(|| CaseError::invalid("fee_tier", "unknown_fee_tier", "no such fee tier"))?;
        Ok(self.1.calendar().deadline(submitted, &tier.deadline))
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
                let until = p.valid_until(today, &valid).unwrap_or_else(|| today.add_days(364));
                Grant::Permit { kind: p.kind, from: today, until: until.max(today) }
            }
            OutcomeKind::Registration { from_field, until_field } => {
                let valid = self.valid(form)?;
                Grant::Registration {
                    address: form.get("address").cloned().unwrap_or_default(),
                    host_kind: form.get("host_kind").cloned().unwrap_or_else(|| "other".into()),
                    from: valid.date(from_field).unwrap_or(today),
                    until: valid.date(until_field),
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
    if codes.len() > 50 {
        return Err(CaseError::invalid("grounds", "too_long", "cite at most 50 grounds"));
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
/// the appealed case), judged on the filing date (today for a draft), written in `lang`.
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
        permit_until: date("current_permit_until"),
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
        facts.refusal_date = original.decided_on.as_deref().and_then(|d| Date::parse(d).ok());
        (facts.act_appealable, facts.act_notified_on) =
            super::appeals::eligibility_facts(db, cat, row, today)?;
    }
    let on = row.submitted_on.as_deref().and_then(|d| Date::parse(d).ok()).unwrap_or(today);
    let e = rules::evaluate_eligibility(service, &facts, on);
    Ok((e.eligible, e.render(lang)))
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
            })
        })
        .collect();
    serde_json::Value::Array(list)
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
/// as `(code, English name, date)`.
pub(crate) fn milestones(
    cat: &Catalogue,
    service: &str,
    submitted_on: Option<&str>,
) -> Vec<(String, String, String)> {
    let Some(day) = submitted_on.and_then(|d| Date::parse(d).ok()) else { return Vec::new() };
    let Some(s) = cat.get(service) else { return Vec::new() };
    s.milestone_dates(cat.calendar(), day)
        .into_iter()
        .map(|(m, d)| (m.code.clone(), m.names.get(Lang::En).to_owned(), d.to_string()))
        .collect()
}
