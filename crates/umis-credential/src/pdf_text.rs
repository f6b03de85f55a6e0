//! The printed words of a credential document in English, Azerbaijani and Russian: the
//! Fluent messages `document-*` of `umis-words` (`document.ftl`).
//!
//! Only labels and titles are translated; the values (names, numbers, dates) are printed
//! exactly as signed, so what a reader sees is what the QR code proves.

use super::claims::DocType;
use umis_words::{Lang, t};

/// Labels and fixed sentences for one language.
pub(crate) struct Labels {
    pub(crate) tag: &'static str,
    pub(crate) system: String,
    pub(crate) holder: String,
    pub(crate) number: String,
    pub(crate) birth: String,
    pub(crate) travel_document: String,
    pub(crate) valid_from: String,
    pub(crate) valid_until: String,
    pub(crate) employer: String,
    pub(crate) issued: String,
    pub(crate) key: String,
    pub(crate) note: String,
    pub(crate) grounds: String,
    pub(crate) grounds_note: String,
}

/// The labels for `lang`.
pub(crate) fn labels(lang: Lang) -> Labels {
    let w = |name: &str| t(lang, &format!("document-{name}"));
    Labels {
        tag: umis_words::code(lang),
        system: w("system"),
        holder: w("holder"),
        number: w("number"),
        birth: w("birth"),
        travel_document: w("travel_document"),
        valid_from: w("valid_from"),
        valid_until: w("valid_until"),
        employer: w("employer"),
        issued: w("issued"),
        key: w("key"),
        note: w("note"),
        grounds: w("grounds"),
        grounds_note: w("grounds_note"),
    }
}

/// The kinds umis issues that have a title of their own (`document-title-<kind>`).
const TITLED_KINDS: [&str; 8] = [
    "temporary_residence",
    "permanent_residence",
    "work",
    "refugee",
    "stay_extension",
    "citizenship_acquisition",
    "citizenship_restoration",
    "place_of_stay",
];

/// Every word a document prints, as Fluent keys: for the completeness test.
pub fn words() -> Vec<String> {
    let labels = [
        "system",
        "holder",
        "number",
        "birth",
        "travel_document",
        "valid_from",
        "valid_until",
        "employer",
        "issued",
        "key",
        "note",
        "grounds",
        "grounds_note",
        "title-refusal",
    ];
    let types = DocType::ALL.iter().map(|d| format!("type-{}", d.as_str()));
    let titles = TITLED_KINDS.iter().map(|k| format!("title-{k}"));
    labels
        .iter()
        .map(|l| (*l).to_owned())
        .chain(types)
        .chain(titles)
        .map(|k| format!("document-{k}"))
        .collect()
}

/// The document title: the kind's own title when known; a refusal (`<service>_refused`) as a
/// decision on refusal with the service named; else the type's with the kind named.
pub(crate) fn title(doc_type: DocType, kind: &str, lang: Lang) -> String {
    if TITLED_KINDS.contains(&kind) {
        return t(lang, &format!("document-title-{kind}"));
    }
    if let Some(service) = kind.strip_suffix("_refused").filter(|s| !s.is_empty()) {
        return format!("{}: {}", t(lang, "document-title-refusal"), service.replace('_', " "));
    }
    let generic = t(lang, &format!("document-type-{}", doc_type.as_str()));
    format!("{generic}: {}", kind.replace('_', " "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_by_kind_then_type() {
        let cases = [
            (DocType::Permit, "work", Lang::Az, "İş icazəsi"),
            (DocType::Decision, "citizenship_acquisition", Lang::Ru, "Решение о приёме в гражданство"),
            (DocType::Certificate, "stateless_status", Lang::En, "Certificate: stateless status"),
            (DocType::Registration, "x", Lang::Ru, "Регистрация: x"),
        ];
        for (t, kind, lang, expected) in cases {
            assert_eq!(title(t, kind, lang), expected, "{kind} {lang:?}");
        }
        assert_eq!([labels(Lang::En).tag, labels(Lang::Az).tag, labels(Lang::Ru).tag], ["en", "az", "ru"]);
        assert_eq!(labels(Lang::Ru).holder, "Владелец");
        assert_eq!(title(DocType::Decision, "trp_issue_refused", Lang::En), "Decision on refusal: trp issue");
    }
}
