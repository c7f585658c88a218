//! The run protocol, as pure text functions: clean a model-written sol.q, read the call
//! out of a q_test_case_N.q line, build runner.q (solution, then each test guarded and
//! announced by a marker line), and split q's stdout back into one section per test.
//!
//! runner.q reads:
//! ```text
//! <cleaned sol.q>
//! -1 "@@dsforge-test 1@@";
//! @[{-1 .j.j value x};"solve[1 2 3;\"ab\"]";{-1 "@@dsforge-error ",x}];
//! ...
//! -1 "@@dsforge-end@@";
//! exit 0
//! ```
//! It runs unchanged under licensed kdb+ q and under qlite.

/// The line printed before test N's call.
pub fn test_marker(n: usize) -> String {
    format!("@@dsforge-test {n}@@")
}
/// The prefix the error handler prints before q's error message.
pub const ERROR_MARKER: &str = "@@dsforge-error ";
/// The line printed after the last test: the batch ran to its end.
pub const END_MARKER: &str = "@@dsforge-end@@";

/// A model-written sol.q made loadable: CRLF and a byte-order mark dropped; when the
/// text holds markdown code fences only the fenced code is kept; everything from a
/// line that ends the script (`\\`, or a lone `\` outside a comment block) dropped;
/// trailing `exit 0` lines dropped; an unterminated `/` comment block closed so the
/// test lines after it still run. Ends with a newline.
pub fn clean_solution(source: &str) -> String {
    let text = source.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let fenced = lines.iter().any(|l| l.trim_start().starts_with("```"));
    let mut kept: Vec<&str> = Vec::new();
    if fenced {
        let mut inside = false;
        for l in &lines {
            if l.trim_start().starts_with("```") {
                inside = !inside;
            } else if inside {
                kept.push(l);
            }
        }
    } else {
        kept = lines;
    }
    // Walk as q reads a script: `/` alone opens a comment block, `\` alone closes it;
    // outside a block, `\` alone or `\\` ends the script.
    let mut out: Vec<&str> = Vec::new();
    let mut in_comment = false;
    for l in kept {
        let t = l.trim_end();
        if in_comment {
            if t == "\\" {
                in_comment = false;
            }
            out.push(l);
            continue;
        }
        if t == "/" {
            in_comment = true;
            out.push(l);
            continue;
        }
        if t == "\\" || t == "\\\\" {
            break;
        }
        out.push(l);
    }
    if in_comment {
        while out.last().is_some_and(|l| l.trim().is_empty()) {
            out.pop();
        }
        out.push("\\");
    }
    while let Some(last) = out.last() {
        let t = last.trim();
        if t.is_empty() || is_exit(t) {
            out.pop();
        } else {
            break;
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

fn is_exit(t: &str) -> bool {
    let t = t.trim_end_matches(';').trim();
    t == "exit 0" || t == "exit 0i" || t == "exit[0]"
}

/// The q expression of a test file's call: the one statement in `q_test_case_N.q`
/// (lines starting with `/` are comments), with a leading `-1 .j.j`, `.j.j`, `show`
/// or `-1` and the trailing `;` taken off. `Err` says what is wrong.
pub fn extract_call(source: &str) -> Result<String, String> {
    let source = source.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('/'))
        .collect();
    let line = match lines.as_slice() {
        [] => return Err("no call found (the file is empty)".into()),
        [one] => *one,
        _ => return Err(format!("expected one call, found {} lines", lines.len())),
    };
    let mut expr = line.trim_end_matches(';').trim();
    for prefix in ["-1 .j.j", ".j.j", "show ", "-1 "] {
        if let Some(rest) = expr.strip_prefix(prefix) {
            expr = rest.trim_start();
            break;
        }
    }
    if expr.is_empty() {
        return Err(format!("no call found in {line:?}"));
    }
    Ok(expr.to_string())
}

/// `text` as a q string literal body: `\` and `"` escaped, control bytes as `\n`,
/// `\r`, `\t` or three-digit octal.
pub fn q_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\{:03o}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// runner.q for `solution` (already cleaned) and the numbered calls.
pub fn build_runner(solution: &str, calls: &[(usize, &str)]) -> String {
    let mut s = String::with_capacity(solution.len() + calls.len() * 96);
    s.push_str(solution);
    if !s.ends_with('\n') {
        s.push('\n');
    }
    for (n, call) in calls {
        s.push_str(&format!("-1 \"{}\";\n", test_marker(*n)));
        s.push_str(&format!(
            "@[{{-1 .j.j value x}};\"{}\";{{-1 \"{}\",x}}];\n",
            q_escape(call),
            ERROR_MARKER
        ));
    }
    s.push_str(&format!("-1 \"{END_MARKER}\";\nexit 0\n"));
    s
}

/// What q printed for one test.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// The text between the test's marker and the next marker (or the end of output).
    pub text: String,
    /// Whether a later marker followed, so the test finished.
    pub closed: bool,
}

/// q's stdout split by the markers of `tests` (in run order). Markers are looked for
/// in that order, each after the previous one, so text a solution prints that imitates
/// a later marker cannot reorder the sections. Returns the sections found and whether
/// the end marker was printed.
pub fn split_sections(stdout: &str, tests: &[usize]) -> (Vec<(usize, Section)>, bool) {
    let mut found: Vec<(usize, usize, usize)> = Vec::new(); // (test, marker start, body start)
    let mut pos = 0;
    for &n in tests {
        let m = test_marker(n);
        match stdout[pos..].find(&m) {
            Some(i) => {
                let start = pos + i;
                let mut body = start + m.len();
                if stdout[body..].starts_with('\n') {
                    body += 1;
                }
                found.push((n, start, body));
                pos = body;
            }
            None => break,
        }
    }
    let end = stdout[pos..].rfind(END_MARKER).map(|i| pos + i);
    let mut sections = Vec::with_capacity(found.len());
    for (k, &(n, _, body)) in found.iter().enumerate() {
        let (stop, closed) = match found.get(k + 1) {
            Some(&(_, next, _)) => (next, true),
            None => match end {
                Some(e) => (e, true),
                None => (stdout.len(), false),
            },
        };
        sections.push((
            n,
            Section {
                text: stdout[body..stop.max(body)].to_string(),
                closed,
            },
        ));
    }
    (sections, end.is_some())
}

/// What a finished section says.
#[derive(Debug, Clone, PartialEq)]
pub enum Printed {
    /// The guarded call failed with this q error.
    Error(String),
    /// The last line printed (the `.j.j` of the result).
    Line(String),
    /// Nothing at all.
    Nothing,
}

/// Reads a section: the error handler's message, else the last non-empty line.
pub fn read_section(text: &str) -> Printed {
    if let Some(i) = text.rfind(ERROR_MARKER) {
        let msg = text[i + ERROR_MARKER.len()..].lines().next().unwrap_or("");
        return Printed::Error(msg.trim_end().to_string());
    }
    match text.lines().rev().find(|l| !l.trim().is_empty()) {
        Some(l) => Printed::Line(l.trim_end().to_string()),
        None => Printed::Nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_fences_and_exit() {
        let src = "Here is the code:\r\n```q\r\nsolve:{x+y}\r\n```\r\nexit 0\r\n";
        assert_eq!(clean_solution(src), "solve:{x+y}\n");
        let src = "solve:{x+y}\n\nexit 0;\n\n";
        assert_eq!(clean_solution(src), "solve:{x+y}\n");
        let src = "\u{feff}solve:{x}\n\\\\\nshow 1\n";
        assert_eq!(clean_solution(src), "solve:{x}\n");
    }

    #[test]
    fn cleaning_keeps_every_fenced_block() {
        let src = "```q\nf:{x}\n```\nthen\n```\nsolve:{f x}\n```\n";
        assert_eq!(clean_solution(src), "f:{x}\nsolve:{f x}\n");
    }

    #[test]
    fn cleaning_closes_an_open_comment_block() {
        let src = "solve:{x}\n/\nnotes that never end\n";
        assert_eq!(
            clean_solution(src),
            "solve:{x}\n/\nnotes that never end\n\\\n"
        );
        // A closed block stays as it is; a lone `\` outside one ends the script.
        let src = "/\nnote\n\\\nsolve:{x}\n\\\nafter\n";
        assert_eq!(clean_solution(src), "/\nnote\n\\\nsolve:{x}\n");
    }

    #[test]
    fn calls_are_extracted() {
        assert_eq!(
            extract_call("-1 .j.j solve[1 2 3;\"ab\"];\n").unwrap(),
            "solve[1 2 3;\"ab\"]"
        );
        assert_eq!(extract_call("/ test 1\nsolve[5]").unwrap(), "solve[5]");
        assert_eq!(extract_call(".j.j solve[`a]").unwrap(), "solve[`a]");
        assert!(extract_call("\n\n").is_err());
        assert!(extract_call("solve[1];\nsolve[2];").is_err());
    }

    #[test]
    fn escaping_for_q_strings() {
        assert_eq!(q_escape(r#"solve["a\b"]"#), r#"solve[\"a\\b\"]"#);
        assert_eq!(q_escape("a\nb\x01"), "a\\nb\\001");
    }

    #[test]
    fn runner_has_one_guarded_call_per_test() {
        let r = build_runner("solve:{x}", &[(1, "solve[\"a\"]"), (2, "solve[2]")]);
        assert_eq!(
            r,
            "solve:{x}\n\
             -1 \"@@dsforge-test 1@@\";\n\
             @[{-1 .j.j value x};\"solve[\\\"a\\\"]\";{-1 \"@@dsforge-error \",x}];\n\
             -1 \"@@dsforge-test 2@@\";\n\
             @[{-1 .j.j value x};\"solve[2]\";{-1 \"@@dsforge-error \",x}];\n\
             -1 \"@@dsforge-end@@\";\nexit 0\n"
        );
    }

    #[test]
    fn sections_split_by_markers() {
        let out = "loading noise\n@@dsforge-test 1@@\n[1,2]\n@@dsforge-test 2@@\nchatter\n\"x\"\n@@dsforge-test 3@@\n@@dsforge-error type\n@@dsforge-end@@\n";
        let (s, ended) = split_sections(out, &[1, 2, 3]);
        assert!(ended);
        assert_eq!(s.len(), 3);
        assert_eq!(read_section(&s[0].1.text), Printed::Line("[1,2]".into()));
        assert_eq!(read_section(&s[1].1.text), Printed::Line("\"x\"".into()));
        assert_eq!(read_section(&s[2].1.text), Printed::Error("type".into()));
        assert!(s.iter().all(|(_, sec)| sec.closed));
    }

    #[test]
    fn an_unfinished_batch_leaves_the_last_section_open() {
        let out = "@@dsforge-test 1@@\n1\n@@dsforge-test 2@@\n";
        let (s, ended) = split_sections(out, &[1, 2, 3]);
        assert!(!ended);
        assert_eq!(s.len(), 2);
        assert!(s[0].1.closed);
        assert!(!s[1].1.closed);
        assert_eq!(read_section(&s[1].1.text), Printed::Nothing);
    }

    #[test]
    fn markers_after_text_without_newline_are_found() {
        // `1 "abc"` prints no newline: the next marker shares its line.
        let out = "@@dsforge-test 1@@\nabc7\n@@dsforge-test 2@@\n8\n@@dsforge-end@@\n";
        let (s, _) = split_sections(out, &[1, 2]);
        assert_eq!(read_section(&s[0].1.text), Printed::Line("abc7".into()));
        let out = "@@dsforge-test 1@@\nabc@@dsforge-test 2@@\n8\n@@dsforge-end@@\n";
        let (s, _) = split_sections(out, &[1, 2]);
        assert_eq!(read_section(&s[0].1.text), Printed::Line("abc".into()));
        assert_eq!(read_section(&s[1].1.text), Printed::Line("8".into()));
    }

    #[test]
    fn an_imitated_later_marker_does_not_reorder() {
        let out =
            "@@dsforge-test 1@@\n@@dsforge-test 2@@\n[9]\n@@dsforge-test 2@@\n5\n@@dsforge-end@@\n";
        let (s, _) = split_sections(out, &[1, 2]);
        // Test 1 printed a fake marker 2: its own section ends there (no result), and
        // test 2's section starts at the fake; its last line is still its own result.
        assert_eq!(read_section(&s[0].1.text), Printed::Nothing);
        assert_eq!(read_section(&s[1].1.text), Printed::Line("5".into()));
    }
}
