//! Running a problem's Python reference: the text of sol.py and test_case_N.py, and the
//! harness (harness.py, embedded) that runs every test of one problem in one python3
//! subprocess under the sandbox, each test under its own time limit, and reports one
//! JSON event per test.

use super::signature::{PyType, Signature};
use crate::sandbox::{self, Ending, Limits};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// The harness script (runs in the problem's working folder next to sol.py).
pub const SCRIPT: &str = include_str!("harness.py");

/// Imports and node classes the dataset's solutions rely on, for records that carry no `prompt`.
pub const DEFAULT_PRELUDE: &str = "import random\nimport functools\nimport collections\nimport string\nimport math\nimport datetime\n\nfrom typing import *\nfrom functools import *\nfrom collections import *\nfrom itertools import *\nfrom heapq import *\nfrom bisect import *\nfrom string import *\nfrom operator import *\nfrom math import *\n\ninf = float('inf')\n\n\nclass ListNode:\n    def __init__(self, val=0, next=None):\n        self.val = val\n        self.next = next\n\n\nclass TreeNode:\n    def __init__(self, val=0, left=None, right=None):\n        self.val = val\n        self.left = left\n        self.right = right\n";

/// Converts list values to and from ListNode/TreeNode, for problems kept with
/// --include-unsupported (their solve takes and returns plain lists).
const NODE_HELPERS: &str = r#"
# dsforge: plain lists in and out of ListNode/TreeNode, so solve() takes and returns lists.
def _dsforge_list(values):
    head = None
    for v in reversed(values or []):
        head = ListNode(v, head)
    return head


def _dsforge_tree(values):
    if not values or values[0] is None:
        return None
    root = TreeNode(values[0])
    queue, i = deque([root]), 1
    while queue and i < len(values):
        node = queue.popleft()
        if i < len(values) and values[i] is not None:
            node.left = TreeNode(values[i])
            queue.append(node.left)
        i += 1
        if i < len(values) and values[i] is not None:
            node.right = TreeNode(values[i])
            queue.append(node.right)
        i += 1
    return root


def _dsforge_plain(v):
    if isinstance(v, (list, tuple)):
        return [_dsforge_plain(x) for x in v]
    if hasattr(v, "val") and hasattr(v, "next"):
        out = []
        while v is not None:
            out.append(v.val)
            v = v.next
        return out
    if hasattr(v, "val") and hasattr(v, "left"):
        out, queue = [], deque([v])
        while queue:
            node = queue.popleft()
            out.append(None if node is None else node.val)
            if node is not None:
                queue.append(node.left)
                queue.append(node.right)
        while out and out[-1] is None:
            out.pop()
        return out
    return v
"#;

/// The text of sol.py: the prelude, the reference completion, and
/// `def solve(params...): return Solution().method(params...)`.
pub fn sol_source(
    prelude: Option<&str>,
    completion: &str,
    sig: &Signature,
    header: &str,
) -> String {
    let names: Vec<&str> = sig.params.iter().map(|p| p.name.as_str()).collect();
    let uses_nodes = sig
        .params
        .iter()
        .map(|p| &p.py_type)
        .chain(std::iter::once(&sig.return_type))
        .any(|t| node_kind(t).is_some());
    let call_args: Vec<String> = sig
        .params
        .iter()
        .map(|p| match node_kind(&p.py_type) {
            Some("ListNode") => format!("_dsforge_list({})", p.name),
            Some(_) => format!("_dsforge_tree({})", p.name),
            None => p.name.clone(),
        })
        .collect();
    let call = format!("Solution().{}({})", sig.name, call_args.join(", "));
    let body = if uses_nodes {
        format!("_dsforge_plain({call})")
    } else {
        call
    };
    let mut s = String::new();
    s.push_str(&format!("# {header}\n"));
    s.push_str(prelude.unwrap_or(DEFAULT_PRELUDE).trim_end());
    s.push_str("\n\n");
    s.push_str(completion.trim_end());
    s.push_str("\n\n");
    if uses_nodes {
        s.push_str(NODE_HELPERS);
        s.push('\n');
    }
    s.push_str(&format!(
        "\ndef solve({}):\n    return {body}\n",
        names.join(", ")
    ));
    s
}

fn node_kind(t: &PyType) -> Option<&'static str> {
    match t {
        PyType::Other(name) if name.contains("ListNode") => Some("ListNode"),
        PyType::Other(name) if name.contains("TreeNode") => Some("TreeNode"),
        PyType::List(inner) => node_kind(inner).map(|_| "nested"),
        _ => None,
    }
    .filter(|k| *k != "nested")
}

/// The text of test_case_N.py: one call of solve with the arguments as Python literals.
pub fn test_case_source(args_py: &[String]) -> String {
    format!(
        "from sol import *\n\nprint(solve({}))\n",
        args_py.join(", ")
    )
}

/// What the harness reported about one test case (`index` into the request's tests).
#[derive(Debug, Clone, PartialEq)]
pub enum TestEvent {
    Kept {
        index: usize,
        args: Vec<Value>,
        args_py: Vec<String>,
        printed: String,
        answer: String,
    },
    Dropped {
        index: usize,
        reason: String,
    },
}

impl TestEvent {
    pub fn index(&self) -> usize {
        match self {
            TestEvent::Kept { index, .. } | TestEvent::Dropped { index, .. } => *index,
        }
    }
}

/// Everything one harness run reported.
#[derive(Debug, Clone, PartialEq)]
pub struct HarnessReport {
    /// sol.py did not load (syntax error, exception at import, no solve, prints).
    pub load_error: Option<String>,
    pub tests: Vec<TestEvent>,
    /// The harness reported `done`; when false, the run was cut short and `cut_reason` says how.
    pub finished: bool,
    pub cut_reason: Option<String>,
}

/// The limits of one harness run.
#[derive(Debug, Clone)]
pub struct RunLimits {
    pub per_test_seconds: f64,
    pub sandbox: Limits,
}

/// Runs the harness in `dir` (which holds sol.py) over `tests` (pairs of recorded input
/// and output), stopping once `max_kept` tests agree. Errors only when python3 cannot start.
pub fn run(
    python: &Path,
    dir: &Path,
    params: &[String],
    tests: &[(String, String)],
    max_kept: usize,
    limits: &RunLimits,
) -> std::io::Result<HarnessReport> {
    let request = json!({
        "params": params,
        "tests": tests.iter().map(|(i, o)| json!({"input": i, "output": o})).collect::<Vec<_>>(),
        "max_kept": max_kept,
        "timeout": limits.per_test_seconds,
        "load_timeout": limits.per_test_seconds.max(5.0),
    });
    let mut cmd = Command::new(python);
    cmd.arg("-B").arg("-s").arg("-c").arg(SCRIPT);
    cmd.current_dir(dir);
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1")
        .env("LC_ALL", "C.UTF-8");
    let out = sandbox::run(cmd, Some(request.to_string().as_bytes()), &limits.sandbox)?;
    let mut report = parse_events(&out.stdout);
    if !report.finished && report.load_error.is_none() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        report.cut_reason = Some(match out.ending {
            Ending::TimedOut => format!(
                "the problem ran past its {}s time limit",
                limits.sandbox.wall.as_secs_f64()
            ),
            Ending::Signaled(9) => "killed (SIGKILL, likely out of memory)".to_string(),
            Ending::Signaled(s) => format!("killed by signal {s}"),
            Ending::Exited(_) if out.stdout_truncated => {
                "the harness output passed its size limit".to_string()
            }
            Ending::Exited(c) if last.is_empty() => format!("python3 exited with code {c}"),
            Ending::Exited(c) => format!("python3 exited with code {c}: {}", clip(last, 200)),
        });
    }
    Ok(report)
}

/// Reads the harness's JSON lines; a line that is not an event is ignored.
pub fn parse_events(stdout: &[u8]) -> HarnessReport {
    let mut report = HarnessReport {
        load_error: None,
        tests: Vec::new(),
        finished: false,
        cut_reason: None,
    };
    for line in stdout.split(|b| *b == b'\n') {
        let Ok(v) = serde_json::from_slice::<Value>(line) else {
            continue;
        };
        let str_of = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        match v.get("event").and_then(Value::as_str) {
            Some("load_error") => {
                report.load_error = Some(str_of("reason").unwrap_or_default());
                report.finished = true;
            }
            Some("done") => report.finished = true,
            Some("test") => {
                let Some(index) = v.get("index").and_then(Value::as_u64) else {
                    continue;
                };
                let index = index as usize;
                match v.get("status").and_then(Value::as_str) {
                    Some("kept") => {
                        let args = v
                            .get("args")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        let args_py = v
                            .get("args_py")
                            .and_then(Value::as_array)
                            .map(|a| {
                                a.iter()
                                    .filter_map(|x| x.as_str().map(str::to_string))
                                    .collect()
                            })
                            .unwrap_or_default();
                        match (str_of("printed"), str_of("answer")) {
                            (Some(printed), Some(answer)) => report.tests.push(TestEvent::Kept {
                                index,
                                args,
                                args_py,
                                printed,
                                answer,
                            }),
                            _ => report.tests.push(TestEvent::Dropped {
                                index,
                                reason: "harness reported no answer".into(),
                            }),
                        }
                    }
                    _ => report.tests.push(TestEvent::Dropped {
                        index,
                        reason: str_of("reason").unwrap_or_else(|| "dropped".into()),
                    }),
                }
            }
            _ => {}
        }
    }
    report
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}...", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leetcode::signature::parse_starter;

    #[test]
    fn sol_exposes_solve_with_the_method_parameters() {
        let sig = parse_starter(
            "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n",
            None,
        )
        .unwrap();
        let s = sol_source(
            Some("from typing import *\n"),
            "class Solution:\n    pass\n",
            &sig,
            "x",
        );
        assert!(s.starts_with("# x\nfrom typing import *\n"));
        assert!(
            s.ends_with("def solve(nums, target):\n    return Solution().twoSum(nums, target)\n")
        );
        assert!(!s.contains("_dsforge"));
        let s = sol_source(None, "class Solution: pass", &sig, "x");
        assert!(s.contains("from collections import *"));
    }

    #[test]
    fn node_problems_convert_lists() {
        let sig = parse_starter(
            "class Solution:\n    def f(self, root: Optional[TreeNode], head: ListNode, k: int) -> ListNode:\n",
            None,
        )
        .unwrap();
        let s = sol_source(None, "", &sig, "x");
        assert!(s.contains(
            "return _dsforge_plain(Solution().f(_dsforge_tree(root), _dsforge_list(head), k))"
        ));
    }

    #[test]
    fn test_case_calls_solve() {
        assert_eq!(
            test_case_source(&["[2, 7]".into(), "'a'".into()]),
            "from sol import *\n\nprint(solve([2, 7], 'a'))\n"
        );
    }

    #[test]
    fn reads_events_and_ignores_noise() {
        let out = b"{\"event\": \"loaded\"}\nnoise\n{\"event\": \"test\", \"index\": 0, \"status\": \"kept\", \"args\": [[1]], \"args_py\": [\"[1]\"], \"printed\": \"1\\n\", \"answer\": \"1\"}\n{\"event\": \"test\", \"index\": 1, \"status\": \"dropped\", \"reason\": \"timeout after 4s\"}\n";
        let r = parse_events(out);
        assert!(!r.finished);
        assert_eq!(r.tests.len(), 2);
        assert_eq!(r.tests[1].index(), 1);
        match &r.tests[0] {
            TestEvent::Kept {
                printed, answer, ..
            } => {
                assert_eq!(printed, "1\n");
                assert_eq!(answer, "1");
            }
            other => panic!("{other:?}"),
        }
        let r = parse_events(b"{\"event\": \"load_error\", \"reason\": \"bad\"}\n");
        assert_eq!(r.load_error.as_deref(), Some("bad"));
    }
}
