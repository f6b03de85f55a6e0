//! The issuer's signing keys: one file per key, the newest signs, the older ones stay published.
//!
//! A key id reads `k<creation date><sequence letter>-<4 random characters>`, e.g.
//! `k2026-11-27a-x7q2`. Ids sort in creation order, so the greatest id is the active key and no
//! separate "current key" record can go stale; the random part keeps two installations that
//! rotate on the same day from ever publishing the same id. Rotation only adds a key: documents
//! signed with an older one keep verifying for as long as its public key stays in the JWKS.

use super::claims::{Claims, check_kid};
use super::jwks::Jwks;
use super::sign::{encode_token, signed_bytes};
use ed25519_dalek::{Signature, Signer as _, SigningKey};
use rand::{Rng as _, RngCore as _};
use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use umis_domain::Date;
use umis_domain::text::FieldError;

/// File name ending of a key file; the name before it is the key id.
const KEY_EXT: &str = ".ed25519";

/// Why a key ring could not be loaded, created or rotated. Never shows key material.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The file system refused.
    #[error("key directory {}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// A key file does not hold a seed.
    #[error("key file {} does not hold a 64-hex-digit Ed25519 seed", .0.display())]
    BadKeyFile(PathBuf),
    /// A key file's name is not a key id.
    #[error("key file {} is not named <key id>.ed25519 (a-z, 0-9 and -, at most 32)", .0.display())]
    BadKeyName(PathBuf),
    /// A key file other users can read.
    #[error("key file {} can be read by other users; restrict it with chmod 600", .0.display())]
    Exposed(PathBuf),
    /// The directory holds no key.
    #[error("key directory {} holds no keys", .0.display())]
    Empty(PathBuf),
    /// No new id would sort after the newest key (its date lies ahead, or today's letters are used up).
    #[error("no new key id for {0} sorts after the newest key {1}; is the clock set back?")]
    CannotOrder(Date, String),
    /// A key id given by the caller is malformed.
    #[error("{0}")]
    BadKid(#[from] FieldError),
}

/// Signing keys ordered by id: the newest signs, the older ones are kept for the JWKS.
pub struct KeyRing {
    older: Vec<(String, SigningKey)>,
    newest: (String, SigningKey),
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRing").field("kids", &self.kids().collect::<Vec<_>>()).finish_non_exhaustive()
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io { path: path.to_owned(), source }
}

impl KeyRing {
    /// A ring of one key from a known seed: for fixed test vectors and for keys held elsewhere.
    pub fn from_seed(kid: &str, seed: [u8; 32]) -> Result<KeyRing, KeyError> {
        check_kid("kid", kid)?;
        Ok(KeyRing { older: Vec::new(), newest: (kid.to_owned(), SigningKey::from_bytes(&seed)) })
    }

    fn from_sorted(mut keys: Vec<(String, SigningKey)>) -> Option<KeyRing> {
        let newest = keys.pop()?;
        Some(KeyRing { older: keys, newest })
    }

    /// Loads every key in `dir`; refuses an empty directory.
    pub fn load(dir: &Path) -> Result<KeyRing, KeyError> {
        KeyRing::from_sorted(read_keys(dir)?).ok_or_else(|| KeyError::Empty(dir.to_owned()))
    }

    /// Loads the keys in `dir`, creating the directory and a first key (dated today, UTC) when
    /// there is none.
    pub fn load_or_create(dir: &Path) -> Result<KeyRing, KeyError> {
        KeyRing::load_or_create_on(dir, crate::clock::today_utc())
    }

    /// [`KeyRing::load_or_create`] with the creation date given.
    pub fn load_or_create_on(dir: &Path, today: Date) -> Result<KeyRing, KeyError> {
        create_dir(dir)?;
        match KeyRing::from_sorted(read_keys(dir)?) {
            Some(ring) => Ok(ring),
            None => Ok(KeyRing { older: Vec::new(), newest: create_key(dir, today, None)? }),
        }
    }

    /// Adds a new key to `dir` and makes it active; returns its id.
    pub fn rotate(&mut self, dir: &Path) -> Result<&str, KeyError> {
        self.rotate_on(dir, crate::clock::today_utc())
    }

    /// [`KeyRing::rotate`] with the creation date given.
    pub fn rotate_on(&mut self, dir: &Path, today: Date) -> Result<&str, KeyError> {
        create_dir(dir)?;
        let key = create_key(dir, today, Some(self.active_kid()))?;
        self.older.push(std::mem::replace(&mut self.newest, key));
        Ok(self.active_kid())
    }

    /// The id of the key that signs.
    pub fn active_kid(&self) -> &str {
        &self.newest.0
    }

    /// Every key id, oldest first.
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        self.older.iter().chain([&self.newest]).map(|(kid, _)| kid.as_str())
    }

    /// Signs `claims` with the active key (setting their key id) and returns the token.
    pub fn sign(&self, claims: &Claims) -> String {
        let (kid, key) = (&self.newest.0, &self.newest.1);
        encode_token(&claims.bound_to(kid).payload(), key)
    }

    /// Signs `context` + `message` with the active key; returns its id and the signature.
    pub(crate) fn sign_bytes(&self, context: &[u8], message: &[u8]) -> (&str, Signature) {
        let (kid, key) = (&self.newest.0, &self.newest.1);
        (kid, key.sign(&signed_bytes(context, message)))
    }

    /// The public halves of every key, for publication.
    pub fn public_jwks(&self) -> Jwks {
        Jwks::from_keys(
            self.older
                .iter()
                .chain([&self.newest])
                .map(|(kid, key)| (kid.clone(), key.verifying_key()))
                .collect(),
        )
    }
}

fn create_dir(dir: &Path) -> Result<(), KeyError> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io(dir))
}

/// The keys in `dir`, sorted by id. Files not ending in `.ed25519` (such as an interrupted
/// write's temporary file) are skipped.
fn read_keys(dir: &Path) -> Result<Vec<(String, SigningKey)>, KeyError> {
    let mut keys = Vec::new();
    for entry in fs::read_dir(dir).map_err(io(dir))? {
        let path = entry.map_err(io(dir))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(kid) = name.strip_suffix(KEY_EXT).filter(|_| !name.starts_with('.')) else { continue };
        check_kid("kid", kid).map_err(|_| KeyError::BadKeyName(path.clone()))?;
        let seed = read_seed(&path)?;
        keys.push((kid.to_owned(), SigningKey::from_bytes(&seed)));
    }
    keys.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(keys)
}

fn read_seed(path: &Path) -> Result<[u8; 32], KeyError> {
    let file = fs::File::open(path).map_err(io(path))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        if file.metadata().map_err(io(path))?.permissions().mode() & 0o077 != 0 {
            return Err(KeyError::Exposed(path.to_owned()));
        }
    }
    let mut text = String::new();
    file.take(256).read_to_string(&mut text).map_err(|_| KeyError::BadKeyFile(path.to_owned()))?;
    unhex_seed(text.trim_end()).ok_or_else(|| KeyError::BadKeyFile(path.to_owned()))
}

fn unhex_seed(s: &str) -> Option<[u8; 32]> {
    crate::hex::unhex(s)
}

/// A key id for `today` that sorts after `newest`.
fn new_kid(today: Date, newest: Option<&str>) -> Result<String, KeyError> {
    let mut rng = rand::rng();
    for letter in 'a'..='z' {
        let prefix = format!("k{today}{letter}");
        let later = newest.is_none_or(|n| prefix.as_str() > n.get(..prefix.len()).unwrap_or(n));
        if later {
            let suffix: String = (0..4)
                .map(|_| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[rng.random_range(0..36)]))
                .collect();
            return Ok(format!("{prefix}-{suffix}"));
        }
    }
    Err(KeyError::CannotOrder(today, newest.unwrap_or("").to_owned()))
}

/// Creates a key file readable by its owner only, written to a temporary name first and then
/// renamed, so a crash never leaves a half-written key under a real key name.
fn create_key(dir: &Path, today: Date, newest: Option<&str>) -> Result<(String, SigningKey), KeyError> {
    let kid = new_kid(today, newest)?;
    let mut seed = [0u8; 32];
    rand::rng().fill_bytes(&mut seed);
    let key = SigningKey::from_bytes(&seed);
    let hex: String = crate::hex::hex(&seed);
    seed.fill(0);
    let path = dir.join(format!("{kid}{KEY_EXT}"));
    let tmp = dir.join(format!(".{kid}{KEY_EXT}.tmp"));
    write_owner_only(&tmp, &hex)?;
    if path.exists() {
        let _ = fs::remove_file(&tmp);
        return Err(KeyError::Io { path, source: std::io::ErrorKind::AlreadyExists.into() });
    }
    fs::rename(&tmp, &path).map_err(io(&path))?;
    // Make the rename itself durable; not every platform can open a directory for this.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok((kid, key))
}

/// Writes `hex` and a newline to a new file at `tmp` that only its owner can read, and syncs it.
fn write_owner_only(tmp: &Path, hex: &str) -> Result<(), KeyError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(tmp).map_err(io(tmp))?;
    file.write_all(format!("{hex}\n").as_bytes()).and_then(|()| file.sync_all()).map_err(io(tmp))
}

/// The 32-byte secret kept in the file `name` beside the signing keys in `dir` (64 hex digits,
/// readable by its owner only, like them), created with a random secret on first use. The file
/// is linked into place only if absent, so two processes starting at once end up with one
/// secret; the name must not end in `.ed25519`, so the key ring never reads it as a signing key.
pub fn load_or_create_secret(dir: &Path, name: &str) -> Result<[u8; 32], KeyError> {
    let path = dir.join(name);
    if path.exists() {
        return read_seed(&path);
    }
    create_dir(dir)?;
    let mut secret = [0u8; 32];
    rand::rng().fill_bytes(&mut secret);
    let tmp = dir.join(format!(".{name}.{:08x}.tmp", rand::rng().next_u32()));
    write_owner_only(&tmp, &crate::hex::hex(&secret))?;
    secret.fill(0);
    let linked = fs::hard_link(&tmp, &path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => {
            if let Ok(d) = fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(source) => return Err(KeyError::Io { path, source }),
    }
    read_seed(&path)
}

#[cfg(test)]
#[expect(clippy::unwrap_used, reason = "tests fail loudly")]
mod tests {
    use super::*;

    #[test]
    fn new_ids_sort_after_the_newest() {
        let day = |s| Date::parse(s).unwrap();
        let cases: [(&str, Option<&str>, Option<&str>); 6] = [
            ("2026-11-27", None, Some("k2026-11-27a-")),
            ("2026-11-27", Some("k2026-11-27a-x7q2"), Some("k2026-11-27b-")),
            ("2026-11-28", Some("k2026-11-27c-0000"), Some("k2026-11-28a-")),
            ("2026-11-27", Some("k2026-11-28a-0000"), None),
            ("2026-11-27", Some("k2026-11-27z-zzzz"), None),
            ("2026-11-27", Some("k2026"), Some("k2026-11-27a-")),
        ];
        for (today, newest, expected) in cases {
            let got = new_kid(day(today), newest).ok();
            assert_eq!(got.as_deref().map(|k| &k[..13]), expected, "{today} after {newest:?}");
            if let Some(kid) = got {
                assert!(newest.is_none_or(|n| kid.as_str() > n), "{kid} must sort after {newest:?}");
                assert!(check_kid("kid", &kid).is_ok(), "{kid}");
            }
        }
    }

    #[test]
    fn seeds_must_be_64_hex_digits() {
        assert_eq!(unhex_seed(&"ab".repeat(32)), Some([0xab; 32]));
        for bad in ["", "ab", &"ab".repeat(33), &"zz".repeat(32), &format!("é{}", "a".repeat(62))] {
            assert_eq!(unhex_seed(bad), None, "{bad:?}");
        }
    }
}
