//! Lower-case hexadecimal, the one spelling umis uses for ids, token hashes, digests and keys.
//! The encoder and the strict decoder are the credential crate's (the lowest crate that needs
//! them, for its key files), built on the `hex` crate; this adds the digest the use cases store.

use sha2::{Digest, Sha256};
pub use umis_credential::hex::{hex, unhex};

/// SHA-256 of `bytes`, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
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
