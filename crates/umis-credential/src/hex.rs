//! Lower-case hexadecimal, the one spelling umis uses for ids, hashes, digests and key files
//! (the `hex` crate's digits, and a decoder that takes exactly the digits of `N` bytes). It lives
//! here, in the lowest crate that needs it; umis-core's `hex` builds on it.

/// `bytes` as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    ::hex::encode(bytes)
}

/// Exactly `N` bytes spelled as `2 * N` hex digits (either case); `None` for anything else.
pub fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let mut out = [0u8; N];
    ::hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn key_seeds_round_trip_and_only_digits_are_taken() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
        assert_eq!(super::unhex::<2>("0fA0"), Some([0x0f, 0xa0]));
        for bad in ["", "0fa", "0fa0ff", "+f+f", "zz00", "é0"] {
            assert_eq!(super::unhex::<2>(bad), None, "{bad:?}");
        }
    }
}
