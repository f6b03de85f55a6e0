//! The coded grounds of acts as a reader sees them: each code with its article and its words
//! in the three languages (the catalogue's), and the note that adds to them. A refusal decided
//! before grounds were coded shows its free text as the note, with no codes.

use umis_rules::services::{ActGround, Catalogue};

/// The grounds of a refusal or a cancellation, as shown.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroundsView {
    /// The coded grounds cited, in the order cited.
    pub codes: Vec<GroundView>,
    /// Free text added to them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One coded ground.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroundView {
    /// The code.
    pub code: String,
    /// The article it rests on.
    pub article: String,
    /// Whether a lawyer still has to confirm the article.
    pub unverified: bool,
    /// The ground in Azerbaijani, English and Russian.
    pub text: Texts,
}

/// A text in the three languages.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Texts {
    /// Azerbaijani.
    pub az: String,
    /// English.
    pub en: String,
    /// Russian.
    pub ru: String,
}

impl GroundsView {
    /// The text of each ground in `lang`, with its article: what a letter or a page prints.
    pub fn lines(&self, lang: umis_rules::Lang) -> Vec<String> {
        self.codes
            .iter()
            .map(|g| {
                let text = match lang {
                    umis_rules::Lang::Az => &g.text.az,
                    umis_rules::Lang::En => &g.text.en,
                    umis_rules::Lang::Ru => &g.text.ru,
                };
                if g.article.trim().is_empty() { text.clone() } else { format!("{text} ({})", g.article) }
            })
            .collect()
    }
}

/// Which list a code is looked up in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum GroundKind {
    Refusal,
    Cancellation,
}

/// The grounds `codes` and `note` as shown; `None` when there are neither. A code the catalogue
/// no longer lists is shown by its code alone (a decision keeps what it cited).
pub(crate) fn view(
    cat: &Catalogue,
    kind: GroundKind,
    codes: &[String],
    note: Option<&str>,
) -> Option<GroundsView> {
    if codes.is_empty() && note.is_none() {
        return None;
    }
    let codes = codes
        .iter()
        .map(|code| {
            let found = match kind {
                GroundKind::Refusal => cat.refusal_ground(code),
                GroundKind::Cancellation => cat.cancellation_ground(code),
            };
            found.map_or_else(|| unknown(code), ground)
        })
        .collect();
    Some(GroundsView { codes, note: note.map(str::to_owned) })
}

fn ground(g: &ActGround) -> GroundView {
    GroundView {
        code: g.code.clone(),
        article: g.article.clone(),
        unverified: g.provenance.unverified,
        text: Texts { az: g.names.az.clone(), en: g.names.en.clone(), ru: g.names.ru.clone() },
    }
}

fn unknown(code: &str) -> GroundView {
    GroundView {
        code: code.to_owned(),
        article: String::new(),
        unverified: true,
        text: Texts { az: code.to_owned(), en: code.to_owned(), ru: code.to_owned() },
    }
}
