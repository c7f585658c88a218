//! The Python files of a problem directory: sol.py (prelude, reference completion,
//! `solve(...)`) and test_case_N.py (one call of solve).

use crate::leetcode::signature::{PyType, Signature};

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
}
