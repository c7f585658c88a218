//! Script loading: multi-line definitions, `/` ... `\` comment blocks, open brackets.

/// How many brackets are open at the end of `s` (ignoring strings and comments).
pub fn open_brackets(s: &str) -> i64 {
    let b = s.as_bytes();
    let mut depth = 0i64;
    let mut i = 0;
    let mut in_str = false;
    let mut prev_space = true;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' {
                i += 2;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'/' if prev_space => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    prev_space = true;
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                _ => {}
            }
        }
        prev_space = c == b' ' || c == b'\t' || c == b'\n';
        i += 1;
    }
    if in_str {
        depth.max(1)
    } else {
        depth
    }
}

/// Split a script into console entries.
pub fn script_chunks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut in_block = false;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.trim().is_empty() {
            out.push(std::mem::take(cur));
        } else {
            cur.clear();
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let t = line.trim_end();
        if in_block {
            if t == "\\" {
                in_block = false;
            }
            continue;
        }
        if t == "/" && open_brackets(&cur) <= 0 {
            flush(&mut cur, &mut out);
            in_block = true;
            continue;
        }
        if t == "\\" && open_brackets(&cur) <= 0 {
            // a lone backslash ends the script
            flush(&mut cur, &mut out);
            return out;
        }
        let continuation = !cur.is_empty()
            && (line.starts_with(' ') || line.starts_with('\t') || open_brackets(&cur) > 0);
        if line.starts_with('/') && !continuation {
            continue;
        }
        if continuation {
            cur.push('\n');
            cur.push_str(line);
        } else {
            flush(&mut cur, &mut out);
            if line.trim().is_empty() {
                continue;
            }
            cur.push_str(line);
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_join_indented_lines() {
        let c = script_chunks("f:{[x]\n  x+1}\n/ comment\ng:2\n/\nblock\n\\\nh:3\n");
        assert_eq!(
            c,
            vec!["f:{[x]\n  x+1}".to_string(), "g:2".into(), "h:3".into()]
        );
    }
}
