//! Payment numbers of the state duty due after a positive decision (residence and work
//! permits): `YYYY-NNNNNNNN-CC`, e.g. `2026-00000042-47`.
//!
//! The applicant quotes the number to a bank or the payment gateway, so it is digits only and
//! carries the receipt numbers' MOD 97-10 check digits: a mistyped digit or two swapped
//! neighbours are refused before any lookup, and a payment never lands on someone else's case.
//! Also the coded reasons a case owes no duty (exemptions and waivers).

use crate::receipt::check_digits;
use std::fmt;

/// Most payment numbers issued in a year.
pub const MAX_PAYMENT_SEQUENCE: u32 = 99_999_999;

/// A valid payment number.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PaymentNumber {
    year: u16,
    sequence: u32,
}

/// Why a payment number was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentNumberError {
    /// Not of the shape `YYYY-NNNNNNNN-CC`.
    #[error("not a payment number of the form YYYY-NNNNNNNN-CC")]
    Format,
    /// Well formed, but the check digits do not match: most likely a typing error.
    #[error("the check digits do not match (a digit may be mistyped)")]
    Checksum,
}

impl PaymentNumber {
    /// The payment number `sequence` of `year`.
    pub fn new(year: u16, sequence: u32) -> Result<PaymentNumber, PaymentNumberError> {
        if (2000..=2199).contains(&year) && (1..=MAX_PAYMENT_SEQUENCE).contains(&sequence) {
            Ok(PaymentNumber { year, sequence })
        } else {
            Err(PaymentNumberError::Format)
        }
    }

    /// Parses a payment number as typed: surrounding spaces are forgiven, and the dashes may
    /// be left out (banks' forms often take digits only).
    pub fn parse(s: &str) -> Result<PaymentNumber, PaymentNumberError> {
        let digits: String = s.trim().chars().filter(|c| *c != '-').collect();
        let dashes = s.trim().chars().filter(|c| *c == '-').count();
        if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) || !matches!(dashes, 0 | 2) {
            return Err(PaymentNumberError::Format);
        }
        if dashes == 2 && (s.trim().get(4..5) != Some("-") || s.trim().get(13..14) != Some("-")) {
            return Err(PaymentNumberError::Format);
        }
        let number = PaymentNumber::new(
            digits[..4].parse().map_err(|_| PaymentNumberError::Format)?,
            digits[4..12].parse().map_err(|_| PaymentNumberError::Format)?,
        )?;
        if digits[12..].parse::<u32>().ok() != Some(check_digits(&number.body())) {
            return Err(PaymentNumberError::Checksum);
        }
        Ok(number)
    }

    fn body(&self) -> String {
        format!("{}{:08}", self.year, self.sequence)
    }

    /// The year it was issued in.
    pub fn year(&self) -> u16 {
        self.year
    }
}

impl fmt::Display for PaymentNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:08}-{:02}", self.year, self.sequence, check_digits(&self.body()))
    }
}

crate::wire_enum! {
    /// Why a case owes no state duty after its positive decision: a coded flag the examining
    /// officer records (Law on State Duty: refugees' documents; humanitarian waivers).
    DutyExemption {
        Refugee = "refugee",
        Humanitarian = "humanitarian",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_parses_and_refuses() {
        let text = PaymentNumber::new(2026, 42).map(|n| n.to_string()).unwrap_or_default();
        assert_eq!(text.len(), 16);
        assert!(text.starts_with("2026-00000042-"));
        assert_eq!(PaymentNumber::parse(&text).map(|n| n.to_string()), Ok(text.clone()));
        let bare: String = text.chars().filter(|c| *c != '-').collect();
        assert_eq!(PaymentNumber::parse(&format!(" {bare} ")).map(|n| n.to_string()), Ok(text.clone()));
        for bad in
            ["", "2026-42-00", "1999-00000042-00", "2026-0000004-200", "20260000004200-", "ABCD-00000042-00"]
        {
            assert_eq!(PaymentNumber::parse(bad), Err(PaymentNumberError::Format), "{bad:?}");
        }
        assert_eq!(PaymentNumber::new(2026, 0), Err(PaymentNumberError::Format));
    }

    proptest! {
        #[test]
        fn a_mistyped_or_swapped_digit_is_caught(
            year in 2000u16..2200, seq in 1u32..=MAX_PAYMENT_SEQUENCE, pos in 0usize..16, digit in 0u8..10,
        ) {
            let text = PaymentNumber::new(year, seq).map(|n| n.to_string()).unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            let i = pos % chars.len();
            let c = char::from(b'0' + digit);
            if chars[i] != '-' && chars[i] != c {
                let mut typo = chars.clone();
                typo[i] = c;
                let typo: String = typo.into_iter().collect();
                prop_assert!(PaymentNumber::parse(&typo).is_err(), "{} accepted for {}", typo, text);
            }
            if i + 1 < chars.len() && chars[i] != '-' && chars[i + 1] != '-' && chars[i] != chars[i + 1] {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                let swapped: String = swapped.into_iter().collect();
                prop_assert!(PaymentNumber::parse(&swapped).is_err(), "{} accepted for {}", swapped, text);
            }
        }
    }
}
