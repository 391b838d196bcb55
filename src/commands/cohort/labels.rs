//! Participant labels for `cohort --table`: a keyed hash (SipHash-2-4) of who the
//! participant is, under the room's key, so a label says nothing about a name or a file's
//! place in the folder, and the same room gets the same labels on every run (issue 16).

use siphasher::sip::SipHasher24;
use siphasher::sip128::{Hasher128, SipHasher24 as SipHasher128};
use std::hash::Hasher;

/// Crockford's base 32: digits and capitals without I, L, O and U, so that no two
/// characters are confused when read off a projector.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// The shortest code length tried; longer codes only when two participants collide.
const CODE_CHARS: usize = 4;

/// One label per identity, `P-` and a code; the codes are lengthened together until no
/// two identities share one.
pub fn labels(key: &[u8; 16], identities: &[String]) -> Vec<String> {
    let hasher = SipHasher24::new_with_key(key);
    let hashes: Vec<u64> = identities.iter().map(|id| hasher.hash(id.as_bytes())).collect();
    for chars in CODE_CHARS..=12 {
        let codes: Vec<String> = hashes.iter().map(|&h| code(h, chars)).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        sorted.dedup();
        if sorted.len() == codes.len() {
            return codes.into_iter().map(|c| format!("P-{c}")).collect();
        }
    }
    // Identical identities (which intake has already merged) still get distinct labels.
    hashes.iter().enumerate().map(|(i, &h)| format!("P-{}-{}", code(h, 12), i + 1)).collect()
}

/// `chars` base-32 digits of `hash`, 5 bits each.
fn code(hash: u64, chars: usize) -> String {
    (0..chars).map(|i| ALPHABET[((hash >> (5 * i)) & 31) as usize] as char).collect()
}

/// A room key made from the room's files, for a folder where none can be kept: the
/// same files give the same key, and one added or changed file gives another.
/// `parts` are one string per file, in any order.
pub fn derived_key(parts: &[String]) -> [u8; 16] {
    let mut digests: Vec<u128> = parts.iter().map(|p| SipHasher128::new().hash(p.as_bytes()).into()).collect();
    digests.sort_unstable();
    let mut hasher = SipHasher128::new();
    for d in digests {
        hasher.write(&d.to_le_bytes());
    }
    u128::from(hasher.finish128()).to_le_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_depend_on_the_key_and_the_identity_not_on_the_order() {
        let ids: Vec<String> = ["name:adam", "name:bob", "name:carol"].iter().map(|s| s.to_string()).collect();
        let a = labels(&[1; 16], &ids);
        let reversed: Vec<String> = ids.iter().rev().cloned().collect();
        let mut b = labels(&[1; 16], &reversed);
        b.reverse();
        assert_eq!(a, b, "the same person gets the same label wherever their file sorts");
        assert_ne!(a, labels(&[2; 16], &ids), "another room, other labels");
        assert!(a.iter().all(|l| l.len() == 2 + CODE_CHARS && l.starts_with("P-")), "{a:?}");
    }

    #[test]
    fn the_code_reads_five_bits_a_character() {
        // The lowest five bits give the first character: 1 then 0.
        assert_eq!(code(0b00000_00001, 2), "10");
        assert_eq!(code(31, 1), "Z");
        assert_eq!(code(10 << 5, 2), "0A");
    }

    #[test]
    fn a_derived_key_ignores_the_order_of_files() {
        let parts = vec!["one".to_string(), "two".to_string()];
        let swapped = vec!["two".to_string(), "one".to_string()];
        assert_eq!(derived_key(&parts), derived_key(&swapped));
        assert_ne!(derived_key(&parts), derived_key(&parts[..1]));
    }
}
