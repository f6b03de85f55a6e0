//! Receipt numbers of cases: `OFFICE-YEAR-SEQUENCE-CC`, e.g. `BAK01-2026-0001234-18`.
//!
//! The number says where and when a case was filed and carries two check digits (ISO 7064
//! MOD 97-10 over two-digit character values), so a mistyped character or two swapped
//! neighbours are caught before any lookup: a public status page never answers for a number
//! that was merely mistyped into someone else's.

use std::fmt;

/// A valid receipt number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Receipt {
    office: String,
    year: u16,
    sequence: u32,
}

/// Why a receipt number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    /// Not of the shape `OFFICE-YYYY-NNNNNNN-CC`.
    #[error("not a receipt number of the form OFFICE-YYYY-NNNNNNN-CC")]
    Format,
    /// Well formed, but the check digits do not match: most likely a typing error.
    #[error("the check digits do not match (a character may be mistyped)")]
    Checksum,
}

/// Most cases one office files in a year.
pub const MAX_SEQUENCE: u32 = 9_999_999;

fn valid_office(office: &str) -> bool {
    (2..=6).contains(&office.len()) && office.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// MOD 97-10 check digits of `body`, every character counted as a two-digit value (digits
/// 00–09, letters 10–35). Unlike the IBAN expansion (digits as one digit), this keeps `X3` and
/// `3X` apart, so every single substitution and every swap of neighbours changes the digits.
pub(crate) fn check_digits(body: &str) -> u32 {
    let mut rem: u32 = 0;
    for c in body.bytes().chain(*b"00") {
        let v = if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
        rem = (rem * 100 + v) % 97;
    }
    98 - rem
}

impl Receipt {
    /// The receipt of case `sequence` filed at `office` in `year`.
    pub fn new(office: &str, year: u16, sequence: u32) -> Result<Receipt, ReceiptError> {
        let ok =
            valid_office(office) && (2000..=2199).contains(&year) && (1..=MAX_SEQUENCE).contains(&sequence);
        if ok { Ok(Receipt { office: office.to_owned(), year, sequence }) } else { Err(ReceiptError::Format) }
    }

    /// Parses a receipt number as a person types it: surrounding spaces and lower case are
    /// forgiven, anything else must be exact.
    pub fn parse(s: &str) -> Result<Receipt, ReceiptError> {
        let upper = s.trim().to_ascii_uppercase();
        let parts: Vec<&str> = upper.split('-').collect();
        let [office, year, sequence, check] = parts[..] else { return Err(ReceiptError::Format) };
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(sequence, 7) || !digits(check, 2) {
            return Err(ReceiptError::Format);
        }
        let receipt = Receipt::new(
            office,
            year.parse().map_err(|_| ReceiptError::Format)?,
            sequence.parse().map_err(|_| ReceiptError::Format)?,
        )?;
        if check.parse::<u32>().ok() != Some(check_digits(&receipt.body())) {
            return Err(ReceiptError::Checksum);
        }
        Ok(receipt)
    }

    fn body(&self) -> String {
        format!("{}{}{:07}", self.office, self.year, self.sequence)
    }

    /// The filing office's code.
    pub fn office(&self) -> &str {
        &self.office
    }

    /// The year of filing.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The office's sequence number in that year.
    pub fn sequence(&self) -> u32 {
        self.sequence
    }
}

impl fmt::Display for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:07}-{:02}", self.office, self.year, self.sequence, check_digits(&self.body()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_parses_and_refuses() {
        let text = Receipt::new("BAK01", 2026, 1234).map(|r| r.to_string()).unwrap_or_default();
        assert_eq!(text, "BAK01-2026-0001234-18");
        assert_eq!(Receipt::parse(&text).map(|r| r.to_string()), Ok(text.clone()));
        assert_eq!(
            Receipt::parse(&format!("  {}  ", text.to_lowercase())).map(|r| r.to_string()),
            Ok(text.clone())
        );
        for bad in [
            "",
            "BAK01-2026-1234-00",
            "BAK01-2026-0001234",
            "B-2026-0001234-00",
            "BAK01-1999-0001234-00",
            "BAK01_2026_0001234_00",
        ] {
            assert_eq!(Receipt::parse(bad), Err(ReceiptError::Format), "{bad:?}");
        }
        assert_eq!(Receipt::new("BAK01", 2026, 0), Err(ReceiptError::Format));
        assert_eq!(Receipt::new("bak01", 2026, 1), Err(ReceiptError::Format));
    }

    proptest! {
        #[test]
        fn a_mistyped_or_swapped_character_is_caught(
            office in "[A-Z0-9]{2,6}", year in 2000u16..2200, seq in 1u32..=MAX_SEQUENCE,
            pos in 0usize..40, other in "[A-Z0-9]",
        ) {
            let text = Receipt::new(&office, year, seq).map(|r| r.to_string()).unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            let i = pos % chars.len();
            let c = other.chars().next().unwrap_or('0');
            if chars[i] != '-' && chars[i] != c && (c.is_ascii_digit() || i < office.len()) {
                let mut typo = chars.clone();
                typo[i] = c;
                let typo: String = typo.into_iter().collect();
                prop_assert!(Receipt::parse(&typo).is_err(), "{} accepted for {}", typo, text);
            }
            if i + 1 < chars.len() && chars[i] != '-' && chars[i + 1] != '-' && chars[i] != chars[i + 1] {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                prop_assert!(Receipt::parse(&swapped).is_err(), "{} accepted for {}", swapped, text);
            }
        }
    }
}
