//! The portal's words: the Fluent files of `umis-words` (`crates/umis-words/locales/`), compiled
//! in. Azerbaijani is the default; a visitor's choice (`?lang=`, then the `umis_lang` cookie,
//! then `Accept-Language`) picks another. Dates and numbers are written the reader's way.

use umis_domain::Date;
pub use umis_words::{Arg, LANGS, Lang, code, from_code, negotiate, t, t_args};

/// A date the reader's way: `28.11.2026` (az), `28 November 2026` (en), `28 ноября 2026 г.` (ru).
pub fn date(lang: Lang, d: Date) -> String {
    let (y, m, day) = d.ymd();
    match lang {
        Lang::Az => format!("{day:02}.{m:02}.{y}"),
        Lang::En | Lang::Ru => t_args(
            lang,
            "date-long",
            &[
                ("day", Arg::Number(i64::from(day))),
                ("month", t(lang, &format!("month-{m}")).into()),
                ("year", Arg::Text(y.to_string())),
            ],
        ),
    }
}

/// A whole number with the reader's digit grouping: `12.345` (az), `12,345` (en), `12 345` (ru).
pub fn number(lang: Lang, n: i64) -> String {
    let sep = match lang {
        Lang::Az => ".",
        Lang::En => ",",
        Lang::Ru => "\u{a0}",
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// An amount of money given in minor units (qəpik) with the reader's decimal mark:
/// `1.234,50 ₼` (az), `₼1,234.50` (en), `1 234,50 ₼` (ru).
pub fn money(lang: Lang, minor: i64) -> String {
    let whole = number(lang, minor / 100);
    let cents = (minor % 100).unsigned_abs();
    match lang {
        Lang::En => format!("₼{whole}.{cents:02}"),
        Lang::Az | Lang::Ru => format!("{whole},{cents:02}\u{a0}₼"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(number(Lang::Az, 1_234_567), "1.234.567");
        assert_eq!(number(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number(Lang::Ru, 1_234), "1\u{a0}234");
        assert_eq!(number(Lang::En, -1_000), "-1,000");
        assert_eq!(number(Lang::En, 999), "999");
        assert_eq!(number(Lang::En, 0), "0");
        assert_eq!(money(Lang::En, 123_456), "₼1,234.56");
        assert_eq!(money(Lang::Az, 5_005), "50,05\u{a0}₼");
    }

    #[test]
    fn dates_are_written_the_readers_way() {
        let d = Date::parse("2026-11-28").unwrap_or_else(|_| unreachable!());
        assert_eq!(date(Lang::Az, d), "28.11.2026");
        assert_eq!(date(Lang::En, d), "28 November 2026");
        assert_eq!(date(Lang::Ru, d), "28 ноября 2026 г.");
    }
}
