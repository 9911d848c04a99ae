//! Secrets: passwords hashed with argon2id, random keys for sessions, API tokens and calendar
//! addresses (stored as their SHA-256 digest), and the checks on who is asking.

use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

/// The cost of a password hash. The default is OWASP's first argon2id setting (19 MiB, 2 passes,
/// 1 lane, https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html);
/// tests use [`PasswordCost::cheap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordCost {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl Default for PasswordCost {
    fn default() -> Self {
        PasswordCost {
            memory_kib: 19 * 1024,
            passes: 2,
            lanes: 1,
        }
    }
}

impl PasswordCost {
    /// For tests only: fast, and still argon2id.
    pub fn cheap() -> PasswordCost {
        PasswordCost {
            memory_kib: 64,
            passes: 1,
            lanes: 1,
        }
    }
}

/// Why a password is refused or cannot be hashed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    #[error(
        "the password is too short: {0} characters, expected at least {MIN_PASSWORD} characters"
    )]
    TooShort(usize),
    #[error("the password cannot be hashed: {0}")]
    Hash(String),
}

/// The shortest password accepted (NIST SP 800-63B asks for at least 8; 12 for an application
/// that holds a Government's tracking).
pub const MIN_PASSWORD: usize = 12;

const SALT_BYTES: usize = 16;
const HASH_BYTES: usize = 32;

fn hasher(cost: PasswordCost) -> Result<Argon2<'static>, PasswordError> {
    let params = Params::new(cost.memory_kib, cost.passes, cost.lanes, Some(HASH_BYTES))
        .map_err(|e| PasswordError::Hash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes a password with a new random salt, as `argon2id$m=..,t=..,p=..$SALT$HASH` (hex), so
/// the cost is read back from the stored text and can be raised later.
pub fn hash_password(password: &str, cost: PasswordCost) -> Result<String, PasswordError> {
    let n = password.chars().count();
    if n < MIN_PASSWORD {
        return Err(PasswordError::TooShort(n));
    }
    let salt = random_bytes::<SALT_BYTES>();
    let mut out = [0u8; HASH_BYTES];
    hasher(cost)?
        .hash_password_into(password.as_bytes(), &salt, &mut out)
        .map_err(|e| PasswordError::Hash(e.to_string()))?;
    Ok(format!(
        "argon2id$m={},t={},p={}${}${}",
        cost.memory_kib,
        cost.passes,
        cost.lanes,
        hex::encode(salt),
        hex::encode(out)
    ))
}

/// Whether a password matches a stored hash (any unreadable hash matches nothing).
pub fn verify_password(password: &str, stored: &str) -> bool {
    let mut parts = stored.split('$');
    let (Some("argon2id"), Some(params), Some(salt), Some(hash), None) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return false;
    };
    let mut cost = PasswordCost::default();
    for p in params.split(',') {
        let Some((k, v)) = p.split_once('=') else {
            return false;
        };
        let Ok(v) = v.parse::<u32>() else {
            return false;
        };
        match k {
            "m" => cost.memory_kib = v,
            "t" => cost.passes = v,
            "p" => cost.lanes = v,
            _ => return false,
        }
    }
    let (Ok(salt), Ok(expected)) = (hex::decode(salt), hex::decode(hash)) else {
        return false;
    };
    let Ok(h) = hasher(cost) else {
        return false;
    };
    let mut out = vec![0u8; expected.len()];
    if h.hash_password_into(password.as_bytes(), &salt, &mut out)
        .is_err()
    {
        return false;
    }
    constant_time_eq(&out, &expected)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    // The operating system's generator; without it no secret can be made at all.
    getrandom::fill(&mut buf).expect("the operating system's random generator answers");
    buf
}

/// A new secret: 32 random bytes in hex, after a prefix that says what it is (`sbt_` for an API
/// token, `sbc_` for a calendar address, none for a session key).
pub fn new_secret(prefix: &str) -> String {
    format!("{prefix}{}", hex::encode(random_bytes::<32>()))
}

/// The SHA-256 digest of a secret, in hex: what the database keeps. Secrets are 256 random bits,
/// so a plain digest is enough (a password, which is not random, gets argon2id instead).
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let h = hash_password("correct horse battery", PasswordCost::cheap()).unwrap();
        assert!(h.starts_with("argon2id$m=64,t=1,p=1$"), "{h}");
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("correct horse batterz", &h));
        assert!(!verify_password(
            "correct horse battery",
            "argon2id$m=64$00$00"
        ));
        assert!(!verify_password("correct horse battery", ""));
        let again = hash_password("correct horse battery", PasswordCost::cheap()).unwrap();
        assert_ne!(h, again, "each hash has its own salt");
    }

    #[test]
    fn a_short_password_is_refused_with_its_length() {
        let e = hash_password("short", PasswordCost::cheap()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the password is too short: 5 characters, expected at least 12 characters"
        );
    }

    #[test]
    fn secrets_are_random_and_digests_stable() {
        let a = new_secret("sbt_");
        assert!(a.starts_with("sbt_") && a.len() == 4 + 64, "{a}");
        assert_ne!(a, new_secret("sbt_"));
        assert_eq!(digest("abc"), digest("abc"));
        assert_eq!(
            digest("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
