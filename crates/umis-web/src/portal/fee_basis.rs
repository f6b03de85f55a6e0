//! The basis of a fee in the reader's words — the scale charged, the term asked for (in the
//! catalogue's own label), the periods charged and the regime — so that every page showing an
//! amount also shows what the law bases it on.

use crate::portal::i18n::{self, Lang};
use umis_core::cases::FeeBasisView;
use umis_rules::services::{FieldType, Service};

/// "Adult rate · Up to 1 year · Liberated territories", or "Adult rate · 2 × 30 days".
pub(crate) fn basis_text(lang: Lang, svc: &Service, tier: &str, basis: &FeeBasisView) -> String {
    let mut parts = vec![i18n::t(lang, &format!("fee-scale-{}", basis.scale))];
    let term_field = svc.fee_basis().and_then(|b| b.term_field.as_deref());
    match (basis.periods, svc.fee(tier).and_then(|t| t.per_days)) {
        (Some(periods), Some(days)) => parts.push(i18n::t_args(
            lang,
            "fee-basis-periods",
            &[("periods", i64::from(periods).into()), ("days", i64::from(days).into())],
        )),
        _ => {
            if let Some(term) = basis.term.as_deref() {
                parts.push(choice_label(svc, term_field, term, lang));
            }
        }
    }
    if let Some(code) = basis.regime.as_deref() {
        let name = svc.regimes().iter().find(|r| r.code == code).map_or(code, |r| r.names.get(lang));
        parts.push(name.to_owned());
    }
    parts.join(" · ")
}

/// The label of a choice of `field`, or the value itself.
fn choice_label(svc: &Service, field: Option<&str>, value: &str, lang: Lang) -> String {
    let choices = match field.and_then(|f| svc.field(f)).map(|f| &f.kind) {
        Some(FieldType::Choice { choices }) => choices.as_slice(),
        _ => &[],
    };
    choices.iter().find(|c| c.value == value).map_or(value, |c| c.label.get(lang)).to_owned()
}
