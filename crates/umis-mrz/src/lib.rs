//! The machine-readable zone of a TD3 passport (ICAO Doc 9303 part 4): two lines of 44
//! characters, read by a scanner or typed from the document, with check digits over the
//! document number, the date of birth, the expiry date, the optional data and all of them
//! together (the composite). A mistyped character changes a check digit, so a passport typed
//! wrongly at a counter is caught before a case is opened in someone else's name.

use std::fmt;

/// Length of each line of a TD3 machine-readable zone.
pub const TD3_LINE: usize = 44;

/// What the machine-readable zone of a TD3 passport says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Td3 {
    /// Document code: `P` and an optional second letter (`PD`, `PS`), fillers removed.
    pub document_code: String,
    /// Issuing state or organisation (three letters, fillers removed).
    pub issuing_state: String,
    /// Primary identifier (surname), fillers as spaces.
    pub surname: String,
    /// Secondary identifier (given names), fillers as spaces.
    pub given_names: String,
    /// Document number, fillers removed.
    pub document_number: String,
    /// Nationality (three letters, fillers removed).
    pub nationality: String,
    /// Date of birth as written: `YYMMDD` (the century is not in the zone).
    pub birth_yymmdd: String,
    /// `M`, `F` or `<` (unspecified).
    pub sex: char,
    /// Date of expiry as written: `YYMMDD`.
    pub expiry_yymmdd: String,
    /// Personal number or other optional data, fillers removed.
    pub optional_data: String,
}

/// Why a machine-readable zone was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MrzProblem {
    /// A line is not 44 characters long.
    Length,
    /// A character other than `A`–`Z`, `0`–`9` and `<`.
    Characters,
    /// The first line does not start with `P`: not a passport.
    NotAPassport,
    /// The document number's check digit does not match.
    DocumentNumberCheck,
    /// The date of birth's check digit does not match, or it is not a date.
    BirthDateCheck,
    /// The expiry date's check digit does not match, or it is not a date.
    ExpiryCheck,
    /// The optional data's check digit does not match.
    OptionalDataCheck,
    /// The composite check digit does not match.
    CompositeCheck,
    /// The sex is not `M`, `F` or `<`.
    Sex,
}

impl MrzProblem {
    /// A stable code (the portal translates it).
    pub fn code(self) -> &'static str {
        match self {
            MrzProblem::Length => "length",
            MrzProblem::Characters => "characters",
            MrzProblem::NotAPassport => "not_a_passport",
            MrzProblem::DocumentNumberCheck => "document_number_check",
            MrzProblem::BirthDateCheck => "birth_date_check",
            MrzProblem::ExpiryCheck => "expiry_check",
            MrzProblem::OptionalDataCheck => "optional_data_check",
            MrzProblem::CompositeCheck => "composite_check",
            MrzProblem::Sex => "sex",
        }
    }
}

impl fmt::Display for MrzProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The value of one zone character in the check-digit sum: digits as themselves, `A`–`Z` as
/// 10–35, the filler `<` as 0.
fn value(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'A'..=b'Z' => Some(u32::from(b - b'A') + 10),
        b'<' => Some(0),
        _ => None,
    }
}

/// The ICAO 9303 check digit of `field`: the sum of its values weighted 7, 3, 1, 7, 3, 1, …,
/// modulo 10. `None` if it holds a character the zone does not allow.
pub fn check_digit(field: &str) -> Option<u8> {
    let mut sum = 0u32;
    for (i, b) in field.bytes().enumerate() {
        sum += value(b)? * [7, 3, 1][i % 3];
    }
    Some(u8::try_from(sum % 10).unwrap_or(0) + b'0')
}

/// Whether `digit` is the check digit of `field` (a filler stands for 0 where the field is all
/// fillers, as the optional data may be).
fn checks(field: &str, digit: u8) -> bool {
    let want = check_digit(field);
    want == Some(digit) || (digit == b'<' && field.bytes().all(|b| b == b'<'))
}

fn unfill(s: &str) -> String {
    s.trim_end_matches('<').to_owned()
}

fn names(s: &str) -> (String, String) {
    let (primary, secondary) = s.split_once("<<").unwrap_or((s, ""));
    let clean = |x: &str| x.split('<').filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    (clean(primary), clean(secondary))
}

fn is_yymmdd(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 6 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let month = (b[2] - b'0') * 10 + (b[3] - b'0');
    let day = (b[4] - b'0') * 10 + (b[5] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// Reads the two lines of a TD3 passport's zone, checking every check digit.
pub fn parse_td3(line1: &str, line2: &str) -> Result<Td3, MrzProblem> {
    let l1 = line1.trim().to_ascii_uppercase();
    let l2 = line2.trim().to_ascii_uppercase();
    if l1.len() != TD3_LINE || l2.len() != TD3_LINE {
        // Byte length: a non-ASCII character makes a line of 44 characters longer, and is
        // refused below as a character the zone does not allow.
        let chars_ok = l1.chars().count() == TD3_LINE && l2.chars().count() == TD3_LINE;
        return Err(if chars_ok { MrzProblem::Characters } else { MrzProblem::Length });
    }
    if !l1.bytes().chain(l2.bytes()).all(|b| value(b).is_some()) {
        return Err(MrzProblem::Characters);
    }
    if !l1.starts_with('P') {
        return Err(MrzProblem::NotAPassport);
    }
    let number = &l2[0..9];
    let birth = &l2[13..19];
    let expiry = &l2[21..27];
    let optional = &l2[28..42];
    let digit = |i: usize| l2.as_bytes()[i];
    if !checks(number, digit(9)) {
        return Err(MrzProblem::DocumentNumberCheck);
    }
    if !is_yymmdd(birth) || !checks(birth, digit(19)) {
        return Err(MrzProblem::BirthDateCheck);
    }
    let sex = char::from(digit(20));
    if !matches!(sex, 'M' | 'F' | '<') {
        return Err(MrzProblem::Sex);
    }
    if !is_yymmdd(expiry) || !checks(expiry, digit(27)) {
        return Err(MrzProblem::ExpiryCheck);
    }
    if !checks(optional, digit(42)) {
        return Err(MrzProblem::OptionalDataCheck);
    }
    let composite = format!("{}{}{}", &l2[0..10], &l2[13..20], &l2[21..43]);
    if check_digit(&composite) != Some(digit(43)) {
        return Err(MrzProblem::CompositeCheck);
    }
    let (surname, given_names) = names(&l1[5..]);
    Ok(Td3 {
        document_code: unfill(&l1[0..2]),
        issuing_state: unfill(&l1[2..5]),
        surname,
        given_names,
        document_number: unfill(number),
        nationality: unfill(&l2[10..13]),
        birth_yymmdd: birth.to_owned(),
        sex,
        expiry_yymmdd: expiry.to_owned(),
        optional_data: unfill(optional),
    })
}

/// A name as the zone writes it (ICAO 9303 part 3 transliteration for the letters of the
/// region's alphabets): capitals, fillers for spaces, hyphens and apostrophes. `None` if a
/// letter has no transliteration here (the operator compares such names by eye).
pub fn mrz_name(name: &str) -> Option<String> {
    let mut out = String::new();
    for c in name.trim().chars() {
        let up: String = c.to_uppercase().collect();
        let t = match up.as_str() {
            s if s.len() == 1 && s.as_bytes()[0].is_ascii_uppercase() => s.to_owned(),
            " " | "-" | "'" | "’" => "<".into(),
            "Ä" => "AE".into(),
            "Ö" => "OE".into(),
            "Ü" => "UE".into(),
            "Ə" => "A".into(),
            "Ç" => "C".into(),
            "Ğ" => "G".into(),
            "İ" | "I" => "I".into(),
            "Ş" => "S".into(),
            _ => return None,
        };
        out.push_str(&t);
    }
    Some(out)
}

/// Whether a typed name agrees with the name in the zone (which may be cut short to fit).
pub fn name_matches(typed: &str, in_zone: &str) -> bool {
    let Some(typed) = mrz_name(typed) else { return true };
    let zone = in_zone.replace(' ', "<");
    !zone.is_empty() && (typed == zone || (zone.len() >= 2 && typed.starts_with(&zone)))
}

/// A typed passport date (`YYYY-MM-DD`) as the zone writes it (`YYMMDD`).
pub fn yymmdd(iso: &str) -> Option<String> {
    let b = iso.as_bytes();
    // ASCII first: byte positions are then character positions, so the slices below cannot cut
    // through a character (a typed `’` once made this panic).
    (iso.is_ascii() && b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| format!("{}{}{}", &iso[2..4], &iso[5..7], &iso[8..10]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_with_characters_of_several_bytes_is_no_date() {
        // Ten bytes with '-' at bytes 4 and 7, but a three-byte character first.
        assert_eq!(yymmdd("\u{2019}-------"), None);
        assert_eq!(yymmdd("1990-\u{e9}1-02"), None);
        assert_eq!(yymmdd("1990-01-02").as_deref(), Some("900102"));
    }

    const L1: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    const L2: &str = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    #[test]
    fn the_doc_9303_specimen_reads_with_every_check_digit() -> Result<(), MrzProblem> {
        let p = parse_td3(L1, L2)?;
        assert_eq!(p.document_code, "P");
        assert_eq!(p.issuing_state, "UTO");
        assert_eq!(p.surname, "ERIKSSON");
        assert_eq!(p.given_names, "ANNA MARIA");
        assert_eq!(p.document_number, "L898902C3");
        assert_eq!(p.nationality, "UTO");
        assert_eq!(p.birth_yymmdd, "740812");
        assert_eq!(p.sex, 'F');
        assert_eq!(p.expiry_yymmdd, "120415");
        assert_eq!(p.optional_data, "ZE184226B");
        assert_eq!(check_digit("L898902C3"), Some(b'6'));
        assert_eq!(check_digit("740812"), Some(b'2'));
        assert_eq!(check_digit("120415"), Some(b'9'));
        assert_eq!(check_digit("ZE184226B<<<<<"), Some(b'1'));
        Ok(())
    }

    #[test]
    fn a_typo_anywhere_a_check_digit_covers_is_caught() {
        let flip = |i: usize, c: char| {
            let mut s: Vec<char> = L2.chars().collect();
            s[i] = c;
            s.into_iter().collect::<String>()
        };
        assert_eq!(parse_td3(L1, &flip(3, '5')), Err(MrzProblem::DocumentNumberCheck));
        assert_eq!(parse_td3(L1, &flip(9, '7')), Err(MrzProblem::DocumentNumberCheck));
        assert_eq!(parse_td3(L1, &flip(15, '1')), Err(MrzProblem::BirthDateCheck));
        assert_eq!(parse_td3(L1, &flip(19, '3')), Err(MrzProblem::BirthDateCheck));
        assert_eq!(parse_td3(L1, &flip(22, '3')), Err(MrzProblem::ExpiryCheck));
        assert_eq!(parse_td3(L1, &flip(30, 'X')), Err(MrzProblem::OptionalDataCheck));
        assert_eq!(parse_td3(L1, &flip(43, '1')), Err(MrzProblem::CompositeCheck));
        // Two swapped characters of the document number.
        assert_eq!(parse_td3(L1, &flip(0, '8')), Err(MrzProblem::DocumentNumberCheck));
        let swapped = format!("L898920C3{}", &L2[9..]);
        assert_eq!(parse_td3(L1, &swapped), Err(MrzProblem::DocumentNumberCheck));
        assert_eq!(parse_td3(L1, &flip(20, 'Q')), Err(MrzProblem::Sex));
    }

    #[test]
    fn malformed_lines_are_refused_not_read() {
        assert_eq!(parse_td3(L1, &L2[..43]), Err(MrzProblem::Length));
        assert_eq!(parse_td3("", ""), Err(MrzProblem::Length));
        assert_eq!(parse_td3(&L1.replace("P<U", "I<U"), L2), Err(MrzProblem::NotAPassport));
        assert_eq!(
            parse_td3(L1, &L2.replace("L898", "L8é8")[..].chars().take(44).collect::<String>()),
            Err(MrzProblem::Characters)
        );
        assert_eq!(parse_td3(&L1.replace("ANNA", "AN;A"), L2), Err(MrzProblem::Characters));
        let script = format!("<script>alert(1)</script>{}", &L2[25..]);
        assert!(parse_td3(L1, &script).is_err());
        // Lower case as typed by hand is read as capitals.
        assert!(parse_td3(&L1.to_ascii_lowercase(), &L2.to_ascii_lowercase()).is_ok());
    }

    #[test]
    fn a_check_digit_of_every_character_is_ours_to_compute() {
        for (field, digit) in
            [("D23145890", b'7'), ("340712", b'7'), ("950712", b'2'), ("<<<<<<<<<<<<<<", b'0')]
        {
            assert_eq!(check_digit(field), Some(digit), "{field}");
        }
        assert_eq!(check_digit("AB;"), None);
    }

    #[test]
    fn typed_names_are_compared_in_the_zone_spelling() {
        assert!(name_matches("Eriksson", "ERIKSSON"));
        assert!(name_matches("Anna Maria", "ANNA MARIA"));
        assert!(!name_matches("Ericsson", "ERIKSSON"));
        assert!(name_matches("Məmmədova", "MAMMADOVA"));
        assert!(name_matches("Ivanov-Petrov", "IVANOV PETROV"));
        assert_eq!(yymmdd("1974-08-12").as_deref(), Some("740812"));
    }
}
