//! The JSON of one example record, written straight into a byte buffer: the same bytes
//! serde_json writes for `Example::record` (compact, fields in declaration order, the
//! same string escapes and number forms), without its per-field machinery. A unit test
//! compares the two on template examples, every edge-case type and crafted records.

use crate::intents::{Example, ExampleMeta};

/// What follows a byte in a JSON string: 0 nothing (copied as is), `u` a \u00XX
/// escape, anything else a backslash and that byte (serde_json's table).
static ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = b'u';
        i += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    t
};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Whether one of the eight bytes of `w` is below 0x20, `"` or `\\` (exact: the
/// classic has-zero-byte / has-less-than tests are exact as a yes/no answer).
fn needs_escape(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(LO) & !x & HI != 0;
    w.wrapping_sub(LO * 0x20) & !w & HI != 0
        || has_zero(w ^ (LO * u64::from(b'"')))
        || has_zero(w ^ (LO * u64::from(b'\\')))
}

/// Whether no byte of `b` needs escaping in a JSON string (so the string's JSON is
/// its bytes between quotes), eight bytes at a time.
pub fn is_plain(b: &[u8]) -> bool {
    let mut words = b.chunks_exact(8);
    for c in &mut words {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        if needs_escape(u64::from_le_bytes(w)) {
            return false;
        }
    }
    words
        .remainder()
        .iter()
        .all(|&x| ESCAPE[usize::from(x)] == 0)
}

/// Appends `s` as a JSON string.
pub fn string(buf: &mut Vec<u8>, s: &str) {
    buf.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip eight plain bytes at once (most text needs no escape at all).
        if let Some(c) = bytes.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            if !needs_escape(u64::from_le_bytes(w)) {
                i += 8;
                continue;
            }
        }
        let b = bytes[i];
        let e = ESCAPE[usize::from(b)];
        i += 1;
        if e == 0 {
            continue;
        }
        let i = i - 1;
        buf.extend_from_slice(&bytes[start..i]);
        if e == b'u' {
            buf.extend_from_slice(b"\\u00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 0xf)]);
        } else {
            buf.push(b'\\');
            buf.push(e);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// Appends `"key":` (keys here are fixed names that need no escaping).
fn key(buf: &mut Vec<u8>, k: &str) {
    buf.push(b'"');
    buf.extend_from_slice(k.as_bytes());
    buf.extend_from_slice(b"\":");
}

/// Appends a float as serde_json does (shortest round-trip form; null if not finite).
pub(crate) fn float(buf: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        use serde_json::ser::Formatter;
        // Writing into a Vec cannot fail.
        let _ = serde_json::ser::CompactFormatter.write_f64(buf, x);
    } else {
        buf.extend_from_slice(b"null");
    }
}

/// Appends the record of `ex` stamped with `generated_at`: the bytes of
/// `serde_json::to_writer(buf, &ex.record(generated_at))`.
pub fn record(buf: &mut Vec<u8>, ex: &Example, generated_at: &str) {
    buf.push(b'{');
    key(buf, "text");
    string(buf, &ex.text);
    buf.push(b',');
    key(buf, "intent");
    string(buf, ex.intent);
    buf.push(b',');
    key(buf, "audience");
    string(buf, ex.audience);
    buf.push(b',');
    key(buf, "complexity");
    string(buf, ex.complexity);
    buf.push(b',');
    key(buf, "confidence");
    float(buf, ex.confidence);
    buf.push(b',');
    key(buf, "metadata");
    metadata(buf, &ex.metadata);
    buf.push(b',');
    key(buf, "generated_at");
    string(buf, generated_at);
    buf.push(b'}');
}

fn metadata(buf: &mut Vec<u8>, m: &ExampleMeta) {
    // Every field named, so a field added to ExampleMeta fails to compile here.
    let ExampleMeta {
        generation_method,
        style,
        technical_level,
        topic,
        edge_case_type,
        ambiguous_intents,
        language,
        transforms,
        provenance,
    } = m;
    buf.push(b'{');
    key(buf, "generation_method");
    string(buf, generation_method);
    buf.push(b',');
    key(buf, "style");
    string(buf, style);
    buf.push(b',');
    key(buf, "technical_level");
    buf.extend_from_slice(itoa::Buffer::new().format(*technical_level).as_bytes());
    buf.push(b',');
    key(buf, "topic");
    string(buf, topic);
    if let Some(t) = edge_case_type {
        buf.push(b',');
        key(buf, "edge_case_type");
        string(buf, t);
    }
    if let Some([a, b]) = ambiguous_intents {
        buf.push(b',');
        key(buf, "ambiguous_intents");
        buf.push(b'[');
        string(buf, a);
        buf.push(b',');
        string(buf, b);
        buf.push(b']');
    }
    if let Some(l) = language {
        buf.push(b',');
        key(buf, "language");
        string(buf, l);
    }
    if !transforms.is_empty() {
        buf.push(b',');
        key(buf, "transforms");
        buf.push(b'[');
        for (i, t) in transforms.iter().enumerate() {
            if i > 0 {
                buf.push(b',');
            }
            string(buf, t);
        }
        buf.push(b']');
    }
    buf.push(b',');
    key(buf, "provenance");
    buf.push(b'{');
    key(buf, "template_id");
    string(buf, &provenance.template_id);
    buf.push(b',');
    key(buf, "slots");
    buf.push(b'{');
    // A slot used twice keeps its first value under its name, then name#2 ... (as
    // Provenance's Serialize does).
    let mut seen: [&str; 16] = [""; 16];
    let mut more: Vec<&str> = Vec::new();
    for (i, (k, v)) in provenance.slots().enumerate() {
        let earlier = seen[..i.min(16)]
            .iter()
            .chain(&more)
            .filter(|x| **x == k)
            .count();
        if i < 16 {
            seen[i] = k;
        } else {
            more.push(k);
        }
        if i > 0 {
            buf.push(b',');
        }
        if earlier == 0 {
            string(buf, k);
        } else {
            string(buf, &format!("{k}#{}", earlier + 1));
        }
        buf.push(b':');
        string(buf, v);
    }
    buf.extend_from_slice(b"}}}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::gen_intents::Generator;
    use crate::intents::Provenance;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn serde(ex: &Example, at: &str) -> String {
        serde_json::to_string(&ex.record(at)).unwrap()
    }

    fn ours(ex: &Example, at: &str) -> String {
        let mut buf = Vec::new();
        record(&mut buf, ex, at);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn same_bytes_as_serde_for_generated_examples() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let g = Generator::load(
            &root.join("templates/intents"),
            &root.join("data/intents"),
            5,
            300,
            400,
        )
        .unwrap();
        let mut edge_types = std::collections::HashSet::new();
        for i in 0..g.total() {
            let ex = g.example(i, (i % 3) as u32);
            if let Some(t) = ex.metadata.edge_case_type {
                edge_types.insert(t);
            }
            assert_eq!(
                ours(&ex, "2026-01-01T00:00:00Z"),
                serde(&ex, "2026-01-01T00:00:00Z")
            );
        }
        assert_eq!(edge_types.len(), crate::intents::edge::EDGE_TYPES.len());
    }

    #[test]
    fn plain_means_no_escape() {
        for b in 0u8..=255 {
            for at in 0..11 {
                let mut v = vec![b'a'; 11];
                v[at] = b;
                let want = ESCAPE[usize::from(b)] == 0;
                assert_eq!(is_plain(&v), want, "{b} at {at}");
            }
        }
    }

    #[test]
    fn strings_escape_as_serde_does() {
        let all: String = (0u32..0x100).filter_map(char::from_u32).collect();
        let mut texts = vec![all.clone(), "plain text of some length, no escapes".into()];
        for (i, c) in all.chars().enumerate() {
            texts.push(format!("{}{c}{}", "x".repeat(i % 11), "y".repeat(i % 7)));
        }
        for t in texts {
            let mut buf = Vec::new();
            string(&mut buf, &t);
            assert_eq!(
                String::from_utf8(buf).unwrap(),
                serde_json::to_string(&t).unwrap()
            );
        }
    }

    #[test]
    fn same_bytes_as_serde_for_crafted_records() {
        let mut p = Provenance::new(Arc::from("x/p\"1"));
        for (k, v) in [("a", "1"), ("b", "\\"), ("a", "2"), ("a", "\u{1}\u{7f}é")] {
            p.push(Arc::from(k), v);
        }
        for n in 0..20 {
            p.push(Arc::from(format!("s{}", n % 3).as_str()), "v");
        }
        let all_bytes: String = (0u8..0x80).map(char::from).collect();
        for (text, conf) in [
            (all_bytes.as_str(), 0.3),
            ("tab\there \"quoted\" / back\\slash 😀", 0.99),
            ("", 0.5),
            ("x", f64::NAN),
            ("y", 1.0),
            ("z", 1e-7),
        ] {
            let ex = Example {
                text: text.to_string(),
                intent: "reasoning",
                audience: "child",
                complexity: "simple",
                confidence: conf,
                metadata: ExampleMeta {
                    generation_method: Arc::from("llm"),
                    style: Arc::from("terse"),
                    technical_level: 5,
                    topic: Arc::from("t\nopic"),
                    edge_case_type: Some("typo"),
                    ambiguous_intents: Some(["reasoning", "conversation"]),
                    language: Some(Arc::from("de")),
                    transforms: vec!["swap:4".into(), "q\"".into()],
                    provenance: p.clone(),
                },
            };
            assert_eq!(ours(&ex, "now\u{0}"), serde(&ex, "now\u{0}"));
        }
    }
}
