//! Realistic typos: keyboard-adjacent substitution, dropped, swapped and doubled
//! letters. The adjacency map is data (`data/intents/keyboard_qwerty.json`).

use rand::Rng;
use std::collections::BTreeMap;

/// Letters next to each lowercase letter on a keyboard.
#[derive(Debug, Clone, Default)]
pub struct Keyboard {
    neighbors: [Vec<char>; 26],
}

/// The four kinds of typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typo {
    /// A letter replaced by a neighbouring key.
    Adjacent,
    /// A letter left out.
    Drop,
    /// Two neighbouring letters swapped.
    Swap,
    /// A letter typed twice.
    Double,
}

impl Typo {
    pub const ALL: [Typo; 4] = [Typo::Adjacent, Typo::Drop, Typo::Swap, Typo::Double];

    /// The name recorded in an example's transforms.
    pub fn name(self) -> &'static str {
        match self {
            Typo::Adjacent => "adjacent",
            Typo::Drop => "drop",
            Typo::Swap => "swap",
            Typo::Double => "double",
        }
    }
}

impl Keyboard {
    /// Builds the map from `{"a": "qwsz", ...}`; every key must be one lowercase ASCII
    /// letter and every neighbour a lowercase ASCII letter.
    pub fn from_map(map: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut kb = Keyboard::default();
        for (k, v) in map {
            let mut chars = k.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                return Err(format!("key \"{k}\" is not one letter"));
            };
            if !c.is_ascii_lowercase() {
                return Err(format!("key \"{k}\" is not a lowercase ascii letter"));
            }
            if let Some(bad) = v.chars().find(|n| !n.is_ascii_lowercase()) {
                return Err(format!(
                    "neighbour \"{bad}\" of \"{k}\" is not a lowercase ascii letter"
                ));
            }
            kb.neighbors[(c as u8 - b'a') as usize] = v.chars().collect();
        }
        if let Some(i) = kb.neighbors.iter().position(|n| n.is_empty()) {
            return Err(format!(
                "letter \"{}\" has no neighbours",
                (b'a' + i as u8) as char
            ));
        }
        Ok(kb)
    }

    /// The neighbours of `c` (case-insensitive), empty for non-letters.
    pub fn neighbors(&self, c: char) -> &[char] {
        if c.is_ascii_alphabetic() {
            &self.neighbors[(c.to_ascii_lowercase() as u8 - b'a') as usize]
        } else {
            &[]
        }
    }
}

/// Replaces the letter at `pos` by a neighbouring key, keeping its case.
pub fn adjacent(chars: &mut [char], pos: usize, kb: &Keyboard, pick: usize) -> bool {
    let c = chars[pos];
    let n = kb.neighbors(c);
    if n.is_empty() {
        return false;
    }
    let r = n[pick % n.len()];
    chars[pos] = if c.is_ascii_uppercase() {
        r.to_ascii_uppercase()
    } else {
        r
    };
    true
}

/// Removes the letter at `pos`.
pub fn drop_letter(chars: &mut Vec<char>, pos: usize) -> bool {
    if pos < chars.len() {
        chars.remove(pos);
        true
    } else {
        false
    }
}

/// Swaps the letters at `pos` and `pos + 1` when both are letters and differ.
pub fn swap(chars: &mut [char], pos: usize) -> bool {
    if pos + 1 < chars.len()
        && chars[pos].is_alphabetic()
        && chars[pos + 1].is_alphabetic()
        && chars[pos] != chars[pos + 1]
    {
        chars.swap(pos, pos + 1);
        true
    } else {
        false
    }
}

/// Types the letter at `pos` twice.
pub fn double(chars: &mut Vec<char>, pos: usize) -> bool {
    if pos < chars.len() {
        chars.insert(pos, chars[pos]);
        true
    } else {
        false
    }
}

/// Applies `count` typos at letters inside words of 3+ letters (the first letter of a
/// word is left alone, as people rarely mistype it); returns the text and what was
/// done, e.g. `["swap:12", "adjacent:30"]` (char positions in the text at the time).
pub fn apply<R: Rng>(
    text: &str,
    count: usize,
    kb: &Keyboard,
    rng: &mut R,
) -> (String, Vec<String>) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut done = Vec::new();
    for _ in 0..count {
        let candidates: Vec<usize> = (1..chars.len())
            .filter(|&i| {
                chars[i].is_ascii_alphabetic()
                    && chars[i - 1].is_alphabetic()
                    && i + 1 < chars.len()
                    && chars[i + 1].is_alphabetic()
            })
            .collect();
        if candidates.is_empty() {
            break;
        }
        for _attempt in 0..4 {
            let pos = candidates[rng.gen_range(0..candidates.len())];
            let kind = Typo::ALL[rng.gen_range(0..4)];
            let ok = match kind {
                Typo::Adjacent => adjacent(&mut chars, pos, kb, rng.gen_range(0..8)),
                Typo::Drop => drop_letter(&mut chars, pos),
                Typo::Swap => swap(&mut chars, pos),
                Typo::Double => double(&mut chars, pos),
            };
            if ok {
                done.push(format!("{}:{pos}", kind.name()));
                break;
            }
        }
    }
    (chars.into_iter().collect(), done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn kb() -> Keyboard {
        let mut m = BTreeMap::new();
        for c in 'a'..='z' {
            m.insert(c.to_string(), "qwe".to_string());
        }
        m.insert("s".into(), "awdxz".into());
        Keyboard::from_map(&m).unwrap()
    }

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn each_typo_kind() {
        let k = kb();
        let mut c = chars("Sort");
        assert!(adjacent(&mut c, 0, &k, 1));
        assert_eq!(c.iter().collect::<String>(), "Wort");
        let mut c = chars("sort");
        assert!(drop_letter(&mut c, 1));
        assert_eq!(c.iter().collect::<String>(), "srt");
        let mut c = chars("sort");
        assert!(swap(&mut c, 1));
        assert_eq!(c.iter().collect::<String>(), "srot");
        let mut c = chars("sort");
        assert!(double(&mut c, 2));
        assert_eq!(c.iter().collect::<String>(), "sorrt");
        // no-ops are reported
        let mut c = chars("a1");
        assert!(!swap(&mut c, 0));
        assert!(!adjacent(&mut c, 1, &k, 0));
    }

    #[test]
    fn keyboard_map_is_checked() {
        let mut m = BTreeMap::new();
        m.insert("ab".to_string(), "x".to_string());
        assert!(Keyboard::from_map(&m)
            .unwrap_err()
            .contains("not one letter"));
        let mut m = BTreeMap::new();
        m.insert("a".to_string(), "X".to_string());
        assert!(Keyboard::from_map(&m).unwrap_err().contains("neighbour"));
        assert!(Keyboard::from_map(&BTreeMap::new())
            .unwrap_err()
            .contains("no neighbours"));
    }

    #[test]
    fn apply_changes_text_and_records() {
        let k = kb();
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
        let (t, done) = apply("please summarise this article", 2, &k, &mut rng);
        assert_ne!(t, "please summarise this article");
        assert_eq!(done.len(), 2);
        assert!(done
            .iter()
            .all(|d| Typo::ALL.iter().any(|k| d.starts_with(k.name()))));
        // a text without inner letters is left alone
        let (t, done) = apply("a b", 3, &k, &mut rng);
        assert_eq!((t.as_str(), done.len()), ("a b", 0));
    }
}
