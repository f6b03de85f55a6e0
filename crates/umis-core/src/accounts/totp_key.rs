//! TOTP secrets sealed at rest (invariant I9).
//!
//! A staff account's TOTP secret is stored as `v1:<nonce>:<ciphertext>` (both unpadded
//! base64): XChaCha20-Poly1305 under a key kept outside the database, in the file
//! [`KEY_FILE`] beside the credential signing keys (`UMIS_KEYS_DIR`, created owner-only on
//! first use), with a random 192-bit nonce per sealing and the account id as associated data,
//! so a copy of the database reveals no secret and a sealed secret copied to another account's
//! row does not open there. A base32 secret stored in clear by an older version is still
//! accepted and is re-sealed at that account's next successful second factor
//! ([`super::session::second_factor`]), after which no clear copy remains.

use std::fmt;
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use chacha20poly1305::aead::{Aead as _, Payload};
use chacha20poly1305::{Key, KeyInit as _, XChaCha20Poly1305, XNonce};
use rand::RngCore as _;

use super::totp::TotpSecret;
use umis_credential::KeyError;

/// The key file's name in the keys directory.
pub const KEY_FILE: &str = "totp-secrets.key";
/// The prefix of a sealed secret; base32 has no `:`, so a clear secret never starts with it.
const PREFIX: &str = "v1:";
/// Associated data: a fixed context, then the account id.
const CONTEXT: &[u8] = b"umis totp secret v1\0";

/// The key that seals TOTP secrets. `Debug` does not show it.
#[derive(Clone)]
pub struct TotpKey(XChaCha20Poly1305);

impl fmt::Debug for TotpKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpKey(..)")
    }
}

/// Why a stored secret cannot be used. Messages never show the stored text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum UnsealError {
    /// Sealed, but not with this key for this account: the wrong key file, or a secret moved
    /// from another account's row.
    #[error("the stored TOTP secret does not open with this key for this account (wrong {KEY_FILE}?)")]
    WrongKey,
    /// Neither a sealed secret nor a clear base32 one.
    #[error("the stored TOTP secret is not in a known form")]
    Malformed,
}

/// A stored secret, opened.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The secret.
    pub secret: TotpSecret,
    /// It was stored in clear (by an older version) and should be re-sealed.
    pub stored_in_clear: bool,
}

fn associated_data(user_id: &str) -> Vec<u8> {
    [CONTEXT, user_id.as_bytes()].concat()
}

impl TotpKey {
    /// A key from its 32 bytes (tests, or a key held elsewhere).
    pub fn from_bytes(bytes: [u8; 32]) -> TotpKey {
        TotpKey(XChaCha20Poly1305::new(&Key::from(bytes)))
    }

    /// The key in [`KEY_FILE`] in `dir`, created (with the directory) on first use.
    pub fn load_or_create(dir: &Path) -> Result<TotpKey, KeyError> {
        let mut bytes = umis_credential::keys::load_or_create_secret(dir, KEY_FILE)?;
        let key = TotpKey::from_bytes(bytes);
        bytes.fill(0);
        Ok(key)
    }

    /// The stored form of `secret` for the account `user_id`.
    pub fn seal(&self, user_id: &str, secret: &TotpSecret) -> String {
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let aad = associated_data(user_id);
        let payload = Payload { msg: secret.as_bytes().as_slice(), aad: &aad };
        // Encryption into a vector fails only when out of memory or past the cipher's length
        // limit, neither possible for 20 bytes; an empty text would then fail to open, loudly.
        let sealed = self.0.encrypt(&XNonce::from(nonce), payload).unwrap_or_default();
        format!("{PREFIX}{}:{}", STANDARD_NO_PAD.encode(nonce), STANDARD_NO_PAD.encode(sealed))
    }

    /// Opens a stored secret of the account `user_id`: sealed, or in clear from an older version.
    pub fn open(&self, user_id: &str, stored: &str) -> Result<Opened, UnsealError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else {
            let secret = TotpSecret::from_base32(stored).map_err(|_| UnsealError::Malformed)?;
            return Ok(Opened { secret, stored_in_clear: true });
        };
        let (nonce, sealed) = rest.split_once(':').ok_or(UnsealError::Malformed)?;
        let decode = |text: &str| STANDARD_NO_PAD.decode(text).map_err(|_| UnsealError::Malformed);
        let nonce: [u8; 24] = decode(nonce)?.try_into().map_err(|_| UnsealError::Malformed)?;
        let sealed = decode(sealed)?;
        let aad = associated_data(user_id);
        let plain = self
            .0
            .decrypt(&XNonce::from(nonce), Payload { msg: &sealed, aad: &aad })
            .map_err(|_| UnsealError::WrongKey)?;
        let bytes: [u8; 20] = plain.as_slice().try_into().map_err(|_| UnsealError::Malformed)?;
        Ok(Opened { secret: TotpSecret::from_bytes(bytes), stored_in_clear: false })
    }
}

/// Seals every TOTP secret an older version stored in clear, so that none survives the start
/// of a server of this version; returns how many were sealed. A row that changed meanwhile
/// (its secret reset) is left to the change.
pub fn seal_clear_secrets(store: &umis_store::Store, key: &TotpKey) -> Result<usize, umis_store::StoreError> {
    store.transact(|db| {
        let clear = umis_store::accounts::clear_totp_secrets(db)?;
        let mut sealed = 0;
        for (user_id, stored) in &clear {
            // A stored text that is not a secret at all is left for the sign-in to report.
            if let Ok(opened) = key.open(user_id, stored) {
                umis_store::accounts::reseal_totp_secret(
                    db,
                    user_id,
                    stored,
                    &key.seal(user_id, &opened.secret),
                )?;
                sealed += 1;
            }
        }
        Ok(sealed)
    })
}

/// Whether a stored secret is sealed (rather than in clear).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}
