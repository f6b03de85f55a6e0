//! Finding a person by name across scripts and spellings.
//!
//! The border feed writes names as printed: `ИВАНОВ` on a Russian passport, `IVANOV` on its
//! Latin line, `Məmmədov` typed by an Azerbaijani host, `MAMEDOV` from an old Soviet document.
//! General transliteration crates know neither the Azerbaijani passport forms (ə→a, ş→sh,
//! x→kh, c→j, q→g) nor the habits of Russian renderings of Azerbaijani names (Г for h, Е for
//! ə), so matching works on keys of its own:
//!
//! 1. [`romanise`] spells a name in lower-case ASCII, once the common way and once reading
//!    Latin letters the Azerbaijani way (so `Cəfərov` and `Джафаров` meet at `jafarov`);
//! 2. [`skeleton`] folds away what romanisations disagree on: digraphs (`kh`/`h`, `zh`/`j`,
//!    `ts`/`tc`/`c`), `y`/`i`, `h`/`g`, `e`/`a`, doubled letters;
//! 3. two words match when their skeletons are equal, or, for longer words with the same first
//!    letter, within a small Damerau-Levenshtein distance (one typo up to eight letters, two
//!    beyond). Jaro-Winkler similarity orders the matches.
//!
//! A query matches a person when every word of the query matches some word of their surname
//! or given names, so `Ivan Ivanov`, `Ivanov Ivan` and `ivanov` all find `ИВАНОВ ИВАН`.

/// Longest name query accepted (characters).
pub const MAX_QUERY_CHARS: usize = 100;
/// Most words in a name query.
pub const MAX_QUERY_WORDS: usize = 6;

/// How a name is read: the common romanisation, or Latin letters read as Azerbaijani.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// ə→e, x→ks, c and q as written.
    Common,
    /// ə→a, x→kh, c→j, q→g (the passport forms of Azerbaijani names).
    Azerbaijani,
}

/// The name in lower-case ASCII letters (other characters dropped, apostrophes and hyphens
/// too), read the given way. Scripts without a table (Chinese, Arabic…) keep their letters
/// lower-cased, so an exact spelling still matches itself.
pub fn romanise(name: &str, reading: Reading) -> String {
    let az = reading == Reading::Azerbaijani;
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars().flat_map(char::to_lowercase) {
        let s: &str = match c {
            'a'..='z' => match (az, c) {
                (true, 'x') => "kh",
                (true, 'c') => "j",
                (true, 'q') => "g",
                (false, 'x') => "ks",
                _ => {
                    out.push(c);
                    continue;
                }
            },
            // Azerbaijani and Turkish letters.
            'ə' | 'ә' => {
                if az {
                    "a"
                } else {
                    "e"
                }
            }
            'ş' | 'ș' | 'š' | 'ш' => "sh",
            'ç' | 'č' | 'ч' => "ch",
            'ğ' | 'ґ' | 'ғ' | 'г' => "g",
            'ı' | 'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'и' | 'і' | 'ї' | 'й' => "i",
            'ö' | 'ò' | 'ó' | 'ô' | 'õ' | 'ø' | 'ō' | 'ő' | 'ө' | 'о' => "o",
            'ü' | 'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ү' | 'ұ' | 'у' => "u",
            // Other Latin letters with marks.
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'а' => "a",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'е' | 'ё' | 'э' => "e",
            'ý' | 'ÿ' | 'ы' => "y",
            'ć' | 'ċ' => "c",
            'ď' | 'đ' | 'д' => "d",
            'ł' | 'ľ' | 'ĺ' | 'л' => "l",
            'ñ' | 'ń' | 'ň' | 'ң' | 'н' => "n",
            'ř' | 'ŕ' | 'р' => "r",
            'ś' | 'с' => "s",
            'ť' | 'ț' | 'ţ' | 'т' => "t",
            'ź' | 'ż' | 'з' => "z",
            'ž' | 'ж' => "zh",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            // Cyrillic (Russian, Ukrainian, Kazakh, Azerbaijani Cyrillic).
            'б' => "b",
            'в' => "v",
            'к' | 'қ' => "k",
            'м' => "m",
            'п' => "p",
            'ф' => "f",
            'х' | 'һ' => "kh",
            'ц' => "ts",
            'щ' => "shch",
            'ю' => "iu",
            'я' => "ia",
            'є' => "ie",
            'ј' => "j",
            'ъ' | 'ь' => "",
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            // Apostrophes, hyphens, spaces, combining marks (the dot of a lower-cased İ).
            _ => "",
        };
        out.push_str(s);
    }
    out
}

/// The key two spellings of one name share: digraphs folded, `y`→`i`, `h`→`g` (Russian
/// renders Azerbaijani h as Г), `e`→`a` (and ə as Е), `w`→`v`, a leading `ie` as `e`, doubled
/// letters single; `yo` after the first letter (ё) as `e`.
pub fn skeleton(romanised: &str) -> String {
    const DIGRAPHS: &[(&str, &str)] = &[
        ("shch", "s"),
        ("dzh", "j"),
        ("sch", "s"),
        ("tch", "c"),
        ("sh", "s"),
        ("zh", "j"),
        ("dj", "j"),
        ("kh", "g"),
        ("ch", "c"),
        ("ts", "c"),
        ("tc", "c"),
        ("tz", "c"),
        ("cz", "c"),
        ("ph", "f"),
        ("ck", "k"),
        ("ks", "x"),
    ];
    let bytes = romanised.as_bytes();
    let mut folded = String::with_capacity(romanised.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        // Ё after a consonant: Fyodorov, Fedorov (Фёдоров).
        if i > 0 && bytes[i..].starts_with(b"yo") {
            folded.push('a');
            i += 2;
            continue;
        }
        for (from, to) in DIGRAPHS {
            if bytes[i..].starts_with(from.as_bytes()) {
                folded.push_str(to);
                i += from.len();
                continue 'outer;
            }
        }
        // Non-ASCII letters (scripts without a table) are copied whole.
        let c = romanised[i..].chars().next().unwrap_or(' ');
        folded.push(match c {
            'y' => 'i',
            'h' => 'g',
            'e' => 'a',
            'w' => 'v',
            'q' => 'k',
            c => c,
        });
        i += c.len_utf8();
    }
    let trimmed = folded.strip_prefix("ia").map(|rest| format!("a{rest}")).unwrap_or(folded);
    let mut out = String::with_capacity(trimmed.len());
    let mut last = None;
    for c in trimmed.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// The keys of one word: its skeleton in each reading (one key when both agree).
pub fn keys(word: &str) -> Vec<String> {
    let common = skeleton(&romanise(word, Reading::Common));
    let az = skeleton(&romanise(word, Reading::Azerbaijani));
    if az == common { vec![common] } else { vec![common, az] }
}

/// The words of a name (split at spaces, commas, hyphens and slashes), empty ones dropped.
pub fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/' | '.' | ';'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// How far apart two skeletons of this length may be and still match.
fn allowed_typos(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How well two word keys match: `None` when they do not; 1.0 when equal.
pub fn key_score(query: &str, candidate: &str) -> Option<f64> {
    if query == candidate {
        return Some(1.0);
    }
    let shorter = query.chars().count().min(candidate.chars().count());
    let allowed = allowed_typos(shorter);
    if allowed == 0 || query.chars().next() != candidate.chars().next() {
        return None;
    }
    // Optimal string alignment is the Damerau-Levenshtein variant the thresholds were set for:
    // an adjacent swap counts one, a letter is edited once.
    let d = strsim::osa_distance(query, candidate);
    // strsim adds the prefix bonus only above a Jaro of 0.7; every pair within the allowed
    // distance lies above it, so the ranking is the textbook Jaro-Winkler.
    (d <= allowed).then(|| 0.9 * strsim::jaro_winkler(query, candidate))
}

/// A name query, its words already turned into keys.
#[derive(Debug, Clone)]
pub struct NameQuery {
    words: Vec<Vec<String>>,
}

impl NameQuery {
    /// The query's keys; `None` when it has no word.
    pub fn new(query: &str) -> Option<NameQuery> {
        let words: Vec<Vec<String>> = words(query)
            .take(MAX_QUERY_WORDS)
            .map(keys)
            .filter(|k| k.iter().any(|s| !s.is_empty()))
            .collect();
        (!words.is_empty()).then_some(NameQuery { words })
    }

    /// How well a person's name matches (every query word must match one of the person's
    /// words), in 0..=1; `None` when it does not. Each of `person_words` holds one word's
    /// [`keys`] (callers cache them: names repeat a great deal).
    pub fn score(&self, person_words: &[&[String]]) -> Option<f64> {
        let mut total = 0.0;
        for q in &self.words {
            let best = person_words
                .iter()
                .flat_map(|cand| cand.iter())
                .flat_map(|c| q.iter().filter_map(move |k| key_score(k, c)))
                .fold(None, |acc: Option<f64>, s| Some(acc.map_or(s, |a| a.max(s))))?;
            total += best;
        }
        Some(total / self.words.len() as f64)
    }

    /// Convenience for one name written out (tests, small lists).
    pub fn score_name(&self, name: &str) -> Option<f64> {
        let ks: Vec<Vec<String>> = words(name).map(keys).collect();
        let refs: Vec<&[String]> = ks.iter().map(Vec::as_slice).collect();
        self.score(&refs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(query: &str, name: &str) -> bool {
        NameQuery::new(query).and_then(|q| q.score_name(name)).is_some()
    }

    #[test]
    fn spellings_across_scripts_find_each_other_both_ways() {
        let groups: &[&[&str]] = &[
            &["ИВАНОВ", "IVANOV", "İvanov", "Ivanov", "ivanov"],
            &["Məmmədov", "Mammadov", "Mamedov", "Мамедов", "MAMMADOV", "Mammedov", "Мамедов"],
            &["Əliyev", "Aliyev", "Aliev", "Алиев", "ALIYEV"],
            &["Hüseynov", "Huseynov", "Guseynov", "Гусейнов", "Guseinov"],
            &["Həsənov", "Hasanov", "Гасанов", "Gasanov"],
            &["Cəfərov", "Jafarov", "Джафаров", "Dzhafarov"],
            &["Xəlilov", "Khalilov", "Халилов", "Halilov"],
            &["Quliyev", "Guliyev", "Гулиев", "Guliev"],
            &["Şükürov", "Shukurov", "Шукуров"],
            &["Hacıyev", "Gadzhiev", "ГАДЖИЕВ", "Hajiyev"],
            &["ЗАЙЦЕВ", "ZAITCEV", "Zaitsev", "Zajcev"],
            &["МИХАЙЛОВ", "MIKHAILOV", "Mikhaylov", "Michailow"],
            &["ЮСУПОВ", "YUSUPOV", "Iusupov"],
            &["ЄВТУШЕНКО", "YEVTUSHENKO", "Evtushenko"],
            &["ГРИЦЕНКО", "HRYTSENKO", "Gritsenko"],
            &["ФЁДОРОВ", "FEDOROV", "Fyodorov"],
            &["MÜLLER", "Muller", "Müller"],
            &["ÇELİK", "Celik", "Chelik"],
            &["Şəfiyeva", "Shafiyeva", "Шафиева"],
        ];
        for group in groups {
            for a in *group {
                for b in *group {
                    assert!(matches(a, b), "{a} should find {b}");
                }
            }
        }
    }

    #[test]
    fn small_typos_are_forgiven() {
        for (q, name) in [
            ("Ivnaov", "ИВАНОВ"),
            ("Mammadof", "Məmmədov"),
            ("Kuznetsof", "КУЗНЕЦОВ"),
            ("Lebedv", "ЛЕБЕДЕВ"),
            ("Shevchneko", "ШЕВЧЕНКО"),
            ("Ivanova", "IVANOV"),
            ("Nurmagambetov", "НУРМАГАМБЕТОФФ"),
        ] {
            assert!(matches(q, name), "{q} should find {name}");
            assert!(matches(name, q), "{name} should find {q}");
        }
    }

    #[test]
    fn different_names_do_not_match() {
        for (a, b) in [
            ("Ivanov", "Petrov"),
            ("Aliyev", "Valiyev"),
            ("Mammadov", "Ahmadov"),
            ("Smirnov", "Semenov"),
            ("Popov", "Petrov"),
            ("Kim", "Lim"),
            ("Li", "Le"),
            ("Ivanov", "Ivanenko"),
            ("Hasanov", "Hüseynov"),
            ("Karimov", "Rahimov"),
            ("Иванов", "Смирнов"),
            ("Məmmədov", "Məhərrəmov"),
            ("Wang", "Zhang"),
        ] {
            assert!(!matches(a, b), "{a} must not find {b}");
            assert!(!matches(b, a), "{b} must not find {a}");
        }
    }

    #[test]
    fn every_query_word_must_match_a_word_of_the_name() {
        assert!(matches("Ivan Ivanov", "ИВАНОВ ИВАН"));
        assert!(matches("ivanov ivan", "IVANOV IVAN"));
        assert!(matches("Elena", "СМИРНОВА ЕЛЕНА"));
        assert!(!matches("Ivanov Sergei", "IVANOV IVAN"));
        assert!(NameQuery::new("  - , ").is_none());
        assert!(NameQuery::new("<script>").is_some());
        assert!(!matches("<script>alert(1)</script>", "IVANOV"));
        assert!(!matches("' OR 1=1 --", "IVANOV"));
    }

    #[test]
    fn scripts_without_a_table_match_themselves() {
        assert!(matches("王", "王"));
        assert!(!matches("王", "李"));
    }

    #[test]
    fn exact_keys_rank_above_typos() {
        let q = NameQuery::new("Ivanov");
        let exact = q.as_ref().and_then(|q| q.score_name("ИВАНОВ")).unwrap_or(0.0);
        let typo = q.as_ref().and_then(|q| q.score_name("IVANOVA")).unwrap_or(0.0);
        assert!(exact > typo && typo > 0.0, "{exact} {typo}");
    }

    use strsim::{jaro_winkler, osa_distance as damerau_levenshtein};

    #[test]
    fn distances() {
        assert_eq!(damerau_levenshtein("ivanov", "ivnaov"), 1);
        assert_eq!(damerau_levenshtein("", "abc"), 3);
        assert_eq!(damerau_levenshtein("kitten", "sitting"), 3);
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 0.001);
        assert_eq!(jaro_winkler("", ""), 1.0);
        assert_eq!(jaro_winkler("abc", ""), 0.0);
    }

    // The hand-written measures strsim replaced, kept to show the scores did not change.
    /// The hand-written Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count one).
    fn reference_damerau_levenshtein(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let w = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * w];
        for i in 0..=a.len() {
            d[i * w] = i;
        }
        for (j, cell) in d.iter_mut().enumerate().take(w) {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v =
                    (d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1).min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                d[i * w + j] = v;
            }
        }
        d[a.len() * w + b.len()]
    }

    /// The hand-written Jaro-Winkler similarity in 0..=1 (prefix scale 0.1, up to four letters).
    fn reference_jaro_winkler(a: &str, b: &str) -> f64 {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        if a.is_empty() || b.is_empty() {
            return 0.0;
        }
        let window = (a.len().max(b.len()) / 2).saturating_sub(1);
        let mut b_used = vec![false; b.len()];
        let mut a_matched = Vec::with_capacity(a.len());
        for (i, ca) in a.iter().enumerate() {
            let lo = i.saturating_sub(window);
            let hi = (i + window + 1).min(b.len());
            if let Some(j) = (lo..hi).find(|&j| !b_used[j] && b[j] == *ca) {
                b_used[j] = true;
                a_matched.push(*ca);
            }
        }
        let m = a_matched.len();
        if m == 0 {
            return 0.0;
        }
        let b_matched = b.iter().zip(&b_used).filter(|(_, u)| **u).map(|(c, _)| *c);
        let transpositions = a_matched.iter().zip(b_matched).filter(|(x, y)| **x != *y).count() / 2;
        let m = m as f64;
        let jaro = (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0;
        let prefix = a.iter().zip(&b).take(4).take_while(|(x, y)| x == y).count() as f64;
        jaro + prefix * 0.1 * (1.0 - jaro)
    }

    fn reference_key_score(query: &str, candidate: &str) -> Option<f64> {
        if query == candidate {
            return Some(1.0);
        }
        let shorter = query.chars().count().min(candidate.chars().count());
        let allowed = allowed_typos(shorter);
        if allowed == 0 || query.chars().next() != candidate.chars().next() {
            return None;
        }
        let d = reference_damerau_levenshtein(query, candidate);
        (d <= allowed).then(|| 0.9 * reference_jaro_winkler(query, candidate))
    }

    proptest::proptest! {
        #[test]
        fn strsim_scores_as_the_hand_written_measures_did(
            a in "[abdeiklnov]{0,12}",
            edits in proptest::collection::vec((0usize..12, "[abdeiklnov]", 0u8..4), 0..3),
        ) {
            // A candidate a few edits away, so the typo branch is exercised, not only misses.
            let mut b: Vec<char> = a.chars().collect();
            for (at, c, kind) in edits {
                let c = c.chars().next().unwrap_or('a');
                let at = at.min(b.len());
                match kind {
                    0 => b.insert(at, c),
                    1 if at < b.len() => { b.remove(at); }
                    2 if at + 1 < b.len() => b.swap(at, at + 1),
                    _ if at < b.len() => b[at] = c,
                    _ => b.push(c),
                }
            }
            let b: String = b.into_iter().collect();
            proptest::prop_assert_eq!(key_score(&a, &b), reference_key_score(&a, &b));
            proptest::prop_assert_eq!(damerau_levenshtein(&a, &b), reference_damerau_levenshtein(&a, &b));
        }
    }
}
