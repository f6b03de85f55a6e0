//! Lower-case hexadecimal, the one spelling umis uses for ids, token hashes, digests and keys.
//! The digits come from the `hex` crate, which the store's audit chain and the web assets use
//! too, so there is one encoder and one decoder in the workspace.

use sha2::{Digest, Sha256};

/// `bytes` as lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    ::hex::encode(bytes)
}

/// SHA-256 of `bytes`, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
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
    fn hex_spells_every_byte_with_two_lower_case_digits() {
        assert_eq!(super::hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn unhex_takes_exactly_the_digits_of_n_bytes() {
        assert_eq!(super::unhex::<2>("0fA0"), Some([0x0f, 0xa0]));
        // `u8::from_str_radix` would take "+f" as 15; a key file must be digits only.
        for bad in ["", "0fa", "0fa0ff", "+f+f", "zz00", "é0"] {
            assert_eq!(super::unhex::<2>(bad), None, "{bad:?}");
        }
    }
}
