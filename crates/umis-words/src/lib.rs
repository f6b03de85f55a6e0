//! Every word umis shows to people, in one place: the Fluent files under
//! `crates/umis-words/locales/{az,en,ru}/`, compiled into the binary, and the loader that looks
//! messages up. The portal's pages, the public status vocabulary, the sentences of the stay
//! engine's and the eligibility rules' traces, the printed documents' labels and titles, the
//! password rules' refusals and the notices sent to people all come from here, so that one
//! completeness test sees every word in every language.
//!
//! The files are read at compile time (`static_loader!` includes them), so looking a word up
//! does no input or output: the pure crates may use it.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "az",
        // Fluent wraps placeables in Unicode isolation marks by default; in HTML, in a printed
        // document or an e-mail they show up as stray characters around every number and name.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// Where the Fluent files are in the source tree, for the tests that check every language
/// declares every message (nothing reads them at run time).
pub const LOCALES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");

/// A language umis speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    /// English (the fallback of [`Lang::parse`]).
    #[default]
    En,
    /// Azerbaijani.
    Az,
    /// Russian.
    Ru,
}

impl Lang {
    /// The language for a tag such as `ru`, `az-Latn-AZ` or an `Accept-Language` value
    /// (`ru-RU,ru;q=0.9,en;q=0.8`: the first tag counts); anything else gives English.
    pub fn parse(tag: &str) -> Lang {
        let first = tag.split(',').next().unwrap_or("").split(';').next().unwrap_or("");
        let primary = first.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "az" => Lang::Az,
            "ru" => Lang::Ru,
            _ => Lang::En,
        }
    }
}

/// Every language, in the portal's switcher order (the default first).
pub const LANGS: [Lang; 3] = [Lang::Az, Lang::En, Lang::Ru];

static AZ: LanguageIdentifier = langid!("az");
static EN: LanguageIdentifier = langid!("en");
static RU: LanguageIdentifier = langid!("ru");

/// The language's tag (`az`, `en`, `ru`), as in `lang="…"`, `?lang=` and the locale directories.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "az",
        Lang::En => "en",
        Lang::Ru => "ru",
    }
}

/// The language for an exact tag (`az`, `en`, `ru`), or none.
pub fn from_code(tag: &str) -> Option<Lang> {
    LANGS.into_iter().find(|l| code(*l) == tag)
}

/// The first language an `Accept-Language` header names; Azerbaijani if none.
pub fn negotiate(accept_language: &str) -> Lang {
    accept_language
        .split(',')
        .filter_map(|part| part.split(';').next())
        .map(|tag| tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase())
        .find_map(|primary| from_code(&primary))
        .unwrap_or(Lang::Az)
}

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Az => &AZ,
        Lang::En => &EN,
        Lang::Ru => &RU,
    }
}

/// The message `key` in `lang`, if any language declares it.
pub fn lookup(lang: Lang, key: &str) -> Option<String> {
    LOCALES.try_lookup(id(lang), key)
}

/// The message `key` in `lang`; the key itself if no language has it (the completeness tests
/// keep that from shipping).
pub fn t(lang: Lang, key: &str) -> String {
    lookup(lang, key).unwrap_or_else(|| key.to_owned())
}

/// The message `key` in `lang` with named arguments; numbers pick Fluent's plural forms.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let map: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let v = match value {
                Arg::Text(s) => FluentValue::from(s.clone()),
                Arg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Owned((*name).to_owned()), v)
        })
        .collect();
    LOCALES.try_lookup_with_args(id(lang), key, &map).unwrap_or_else(|| key.to_owned())
}

/// The message ids a Fluent file declares, in file order; the parser's errors if it does not
/// parse. For the completeness tests, which read the files and compare the languages.
pub fn declared_ids(ftl: &str) -> Result<Vec<String>, String> {
    if let Err((_, errors)) = fluent_templates::fluent_bundle::FluentResource::try_new(ftl.to_owned()) {
        return Err(format!("{errors:?}"));
    }
    let id_char = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    Ok(ftl
        .lines()
        .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
        .filter(|id| id.starts_with(|c: char| c.is_ascii_alphabetic()) && id.chars().all(id_char))
        .map(str::to_owned)
        .collect())
}

/// An argument of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// Text, shown as given.
    Text(String),
    /// A number: selects plural forms.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}
impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(i64::from(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_with_fallback() {
        let cases = [("ru", Lang::Ru), ("az-Latn-AZ", Lang::Az), ("ru-RU,ru;q=0.9,en;q=0.8", Lang::Ru)];
        let more = [("EN", Lang::En), ("de", Lang::En), ("", Lang::En), ("AZ", Lang::Az)];
        for (tag, lang) in cases.into_iter().chain(more) {
            assert_eq!(Lang::parse(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn accept_language_picks_the_first_known_language() {
        assert_eq!(negotiate("ru-RU,ru;q=0.9,en;q=0.8"), Lang::Ru);
        assert_eq!(negotiate("de-DE,en;q=0.5"), Lang::En);
        assert_eq!(negotiate("fr"), Lang::Az);
        assert_eq!(negotiate(""), Lang::Az);
        assert_eq!(from_code("ru"), Some(Lang::Ru));
        assert_eq!(from_code("RU"), None);
    }

    #[test]
    fn plural_forms_follow_the_language() {
        assert_eq!(t_args(Lang::Ru, "days-count", &[("count", 2i64.into())]), "2 дня");
        assert_eq!(t_args(Lang::Ru, "days-count", &[("count", 5i64.into())]), "5 дней");
        assert_eq!(t_args(Lang::En, "days-count", &[("count", 1i64.into())]), "1 day");
    }

    #[test]
    fn an_unknown_key_is_shown_as_itself_and_looked_up_as_none() {
        assert_eq!(t(Lang::En, "no-such-key"), "no-such-key");
        assert_eq!(lookup(Lang::Ru, "no-such-key"), None);
    }
}
