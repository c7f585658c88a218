//! q-verify's settings that come from text: `--timeout` and `--memory-limit` values, and
//! the `q_bin` key of an optional dsforge.toml (flags > environment > dsforge.toml).

use std::path::PathBuf;
use std::time::Duration;

/// `10` or `10s` (seconds), `1.5`, `500ms`, `2m`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim().to_ascii_lowercase();
    let (num, scale) = if let Some(n) = t.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix('m') {
        (n, 60.0)
    } else {
        (t.as_str(), 1.0)
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a duration (e.g. 10s, 500ms, 2m)"))?;
    let secs = v * scale;
    if !secs.is_finite() || secs <= 0.0 || secs > 86_400.0 {
        return Err(format!(
            "{text:?}: the time limit must be above 0 and at most a day"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// An address-space limit: `2g`, `512m`, `1.5G`, `800MiB`, a plain number in MiB (as
/// q's `-w`), or `0`/`none` for no limit.
pub fn parse_memory(text: &str) -> Result<Option<u64>, String> {
    let t = text.trim().to_ascii_lowercase();
    if t == "none" || t == "off" || t == "0" {
        return Ok(None);
    }
    let t = t.trim_end_matches("ib").trim_end_matches('b').to_string();
    let (num, scale) = match t.chars().last() {
        Some('k') => (&t[..t.len() - 1], 1u64 << 10),
        Some('m') => (&t[..t.len() - 1], 1 << 20),
        Some('g') => (&t[..t.len() - 1], 1 << 30),
        Some('t') => (&t[..t.len() - 1], 1 << 40),
        _ => (t.as_str(), 1 << 20),
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a memory size (e.g. 2g, 512m, none)"))?;
    let bytes = v * scale as f64;
    if !bytes.is_finite() || bytes < (16u64 << 20) as f64 {
        return Err(format!(
            "{text:?}: a memory limit below 16 MiB leaves q no room to start"
        ));
    }
    Ok(Some(bytes as u64))
}

/// The `q_bin` value in dsforge.toml text: a top-level key, or one in a `[q-verify]`
/// (or `[q_verify]`) table. `Err((line, message))` for a value that is not a string.
pub fn toml_q_bin(text: &str) -> Result<Option<PathBuf>, (u64, String)> {
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            table = name
                .trim_end_matches(']')
                .trim()
                .trim_matches('"')
                .to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() != "q_bin" || !matches!(table.as_str(), "" | "q-verify" | "q_verify") {
            continue;
        }
        let lineno = i as u64 + 1;
        return toml_string(value.trim())
            .map(|s| Some(PathBuf::from(s)))
            .map_err(|m| (lineno, format!("q_bin: {m}")));
    }
    Ok(None)
}

/// A TOML basic (`"..."`, with `\\` `\"` `\n` `\t` escapes) or literal (`'...'`) string,
/// followed by nothing but a comment.
fn toml_string(v: &str) -> Result<String, String> {
    let mut chars = v.chars();
    let rest_ok = |rest: &str| {
        let r = rest.trim();
        r.is_empty() || r.starts_with('#')
    };
    match chars.next() {
        Some('\'') => {
            let body = chars.as_str();
            let end = body.find('\'').ok_or("unterminated string")?;
            if !rest_ok(&body[end + 1..]) {
                return Err("unexpected text after the string".into());
            }
            Ok(body[..end].to_string())
        }
        Some('"') => {
            let mut out = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '"' => {
                        return if rest_ok(chars.as_str()) {
                            Ok(out)
                        } else {
                            Err("unexpected text after the string".into())
                        }
                    }
                    '\\' => match chars.next() {
                        Some('\\') => out.push('\\'),
                        Some('"') => out.push('"'),
                        Some('n') => out.push('\n'),
                        Some('t') => out.push('\t'),
                        other => {
                            return Err(format!("unsupported escape \\{}", other.unwrap_or(' ')))
                        }
                    },
                    c => out.push(c),
                }
            }
            Err("unterminated string".into())
        }
        _ => Err("expected a quoted path".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("10").unwrap(), Duration::from_secs(10));
        assert_eq!(parse_duration("2s").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("fast").is_err());
    }

    #[test]
    fn memory_sizes() {
        assert_eq!(parse_memory("2g").unwrap(), Some(2 << 30));
        assert_eq!(parse_memory("512MB").unwrap(), Some(512 << 20));
        assert_eq!(parse_memory("800MiB").unwrap(), Some(800 << 20));
        assert_eq!(parse_memory("1024").unwrap(), Some(1 << 30));
        assert_eq!(parse_memory("none").unwrap(), None);
        assert_eq!(parse_memory("0").unwrap(), None);
        assert!(parse_memory("1k").is_err());
        assert!(parse_memory("lots").is_err());
    }

    #[test]
    fn q_bin_from_toml() {
        assert_eq!(
            toml_q_bin("# cfg\nq_bin = \"/opt/kx/q\" # licensed\n").unwrap(),
            Some(PathBuf::from("/opt/kx/q"))
        );
        assert_eq!(
            toml_q_bin("[q-verify]\nq_bin = '/a b/q'\n").unwrap(),
            Some(PathBuf::from("/a b/q"))
        );
        assert_eq!(toml_q_bin("[llm]\nq_bin = \"x\"\n").unwrap(), None);
        assert_eq!(toml_q_bin("").unwrap(), None);
        let (line, msg) = toml_q_bin("\n\nq_bin = 3\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(msg.contains("quoted"), "{msg}");
        assert!(toml_q_bin("q_bin = \"/q").is_err());
    }
}
