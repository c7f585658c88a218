//! The method signature of a LeetCode problem, read from its Python starter code:
//! parameter names and annotated types, the return type, and whether the q pipeline
//! can carry them (plain ints, floats, bools, strings and lists of those).

use serde::Serialize;
use std::fmt;

/// A Python type annotation as far as the q translator cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PyType {
    Int,
    Float,
    Bool,
    Str,
    /// `List[T]` (also `list[T]`).
    List(Box<PyType>),
    /// Anything else (TreeNode, Optional[ListNode], Dict[...], a bare `List` ...), as written.
    Other(String),
}

impl PyType {
    /// Parses an annotation such as `List[List[int]]`; unknown types become `Other`.
    pub fn parse(text: &str) -> PyType {
        let t = text.trim().trim_matches(|c| c == '\'' || c == '"').trim();
        match t {
            "int" => return PyType::Int,
            "float" => return PyType::Float,
            "bool" => return PyType::Bool,
            "str" => return PyType::Str,
            _ => {}
        }
        for prefix in ["List[", "list[", "typing.List["] {
            if let Some(inner) = t.strip_prefix(prefix).and_then(|r| r.strip_suffix(']')) {
                if balanced(inner) {
                    return PyType::List(Box::new(PyType::parse(inner)));
                }
            }
        }
        PyType::Other(t.to_string())
    }

    /// The first type inside this one the q translator cannot carry, if any.
    pub fn unsupported_part(&self) -> Option<&str> {
        match self {
            PyType::Int | PyType::Float | PyType::Bool | PyType::Str => None,
            PyType::List(inner) => inner.unsupported_part(),
            PyType::Other(name) => Some(name),
        }
    }
}

impl fmt::Display for PyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PyType::Int => write!(f, "int"),
            PyType::Float => write!(f, "float"),
            PyType::Bool => write!(f, "bool"),
            PyType::Str => write!(f, "str"),
            PyType::List(inner) => write!(f, "List[{inner}]"),
            PyType::Other(name) => write!(f, "{name}"),
        }
    }
}

impl Serialize for PyType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One parameter of the method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Param {
    pub name: String,
    pub py_type: PyType,
}

/// The method the tests call: `def name(self, params...) -> return_type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signature {
    pub name: String,
    pub params: Vec<Param>,
    pub return_type: PyType,
}

impl Signature {
    /// Why the q pipeline cannot carry this problem, or `None` when it can.
    pub fn unsupported_reason(&self) -> Option<String> {
        for p in &self.params {
            if let Some(t) = p.py_type.unsupported_part() {
                return Some(format!("parameter {} has type {t}", p.name));
            }
        }
        match &self.return_type {
            PyType::Other(t) if t == "None" => {
                Some("returns None (modifies its input in place)".to_string())
            }
            t => t
                .unsupported_part()
                .map(|part| format!("return type {part}")),
        }
    }
}

/// Reads the signature of method `method` (or, when `None`, the first method that
/// takes `self`) from the starter code of a `class Solution`.
pub fn parse_starter(code: &str, method: Option<&str>) -> Result<Signature, String> {
    let mut rest = code;
    while let Some(at) = find_def(rest) {
        let after = &rest[at + 4..];
        let name_len = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..name_len];
        let tail = after[name_len..].trim_start();
        rest = &after[name_len..];
        if !tail.starts_with('(') {
            continue;
        }
        let close = matching_paren(tail).ok_or_else(|| format!("unclosed ( after def {name}"))?;
        let params_text = &tail[1..close];
        let after_params = &tail[close + 1..];
        let parts = split_top_level(params_text);
        if parts.first().map(|p| p.trim()) != Some("self") {
            continue;
        }
        if method.is_some_and(|m| m != name) {
            continue;
        }
        let mut params = Vec::new();
        for part in parts.iter().skip(1) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            // `name: type = default` or `name = default` or `name`
            let (head, _default) = match split_top_level_once(part, '=') {
                Some((h, d)) => (h, Some(d)),
                None => (part, None),
            };
            let (pname, ptype) = match head.split_once(':') {
                Some((n, t)) => (n.trim(), PyType::parse(t)),
                None => (head.trim(), PyType::Other("unannotated".into())),
            };
            if pname.starts_with('*') {
                return Err(format!(
                    "method {name} takes {pname}, which has no fixed position"
                ));
            }
            params.push(Param {
                name: pname.to_string(),
                py_type: ptype,
            });
        }
        let ret = after_params.trim_start();
        let return_type = match ret.strip_prefix("->") {
            Some(r) => {
                let end = top_level_colon(r).ok_or_else(|| format!("no ':' after def {name}"))?;
                PyType::parse(&r[..end])
            }
            None => PyType::Other("unannotated".into()),
        };
        return Ok(Signature {
            name: name.to_string(),
            params,
            return_type,
        });
    }
    Err(match method {
        Some(m) => format!("no method {m}(self, ...) in the starter code"),
        None => "no method taking self in the starter code".to_string(),
    })
}

/// Position of the next `def ` that starts a statement (not inside a comment line).
fn find_def(code: &str) -> Option<usize> {
    let mut offset = 0;
    for line in code.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with("def ") {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

fn balanced(s: &str) -> bool {
    let mut depth = 0i32;
    for c in s.chars() {
        match c {
            '[' | '(' => depth += 1,
            ']' | ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Index of the `)` that closes the `(` at the start of `s`.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn split_top_level(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

fn split_top_level_once(s: &str, sep: char) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            c if c == sep && depth == 0 => return Some((&s[..i], &s[i + 1..])),
            _ => {}
        }
    }
    None
}

fn top_level_colon(s: &str) -> Option<usize> {
    split_top_level_once(s, ':').map(|(head, _)| head.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(t: PyType) -> PyType {
        PyType::List(Box::new(t))
    }

    #[test]
    fn parses_types() {
        assert_eq!(PyType::parse("int"), PyType::Int);
        assert_eq!(PyType::parse(" List[List[int]] "), list(list(PyType::Int)));
        assert_eq!(PyType::parse("list[str]"), list(PyType::Str));
        assert_eq!(
            PyType::parse("Optional[TreeNode]"),
            PyType::Other("Optional[TreeNode]".into())
        );
        assert_eq!(PyType::parse("List"), PyType::Other("List".into()));
        assert_eq!(list(list(PyType::Float)).to_string(), "List[List[float]]");
    }

    #[test]
    fn reads_a_simple_starter() {
        let code = "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n        ";
        let s = parse_starter(code, None).unwrap();
        assert_eq!(s.name, "twoSum");
        assert_eq!(s.params.len(), 2);
        assert_eq!(s.params[0].name, "nums");
        assert_eq!(s.params[0].py_type, list(PyType::Int));
        assert_eq!(s.params[1].py_type, PyType::Int);
        assert_eq!(s.return_type, list(PyType::Int));
        assert_eq!(s.unsupported_reason(), None);
    }

    #[test]
    fn reads_multiline_and_dict_types() {
        let code = "class Solution:\n    def f(\n        self, a: Dict[str, int],\n        b: List[List[str]] = None\n    ) -> float:\n        pass";
        let s = parse_starter(code, Some("f")).unwrap();
        assert_eq!(s.params[0].py_type, PyType::Other("Dict[str, int]".into()));
        assert_eq!(s.params[1].name, "b");
        assert_eq!(s.params[1].py_type, list(list(PyType::Str)));
        assert_eq!(s.return_type, PyType::Float);
        assert_eq!(
            s.unsupported_reason().as_deref(),
            Some("parameter a has type Dict[str, int]")
        );
    }

    #[test]
    fn skips_commented_class_definitions() {
        let code = "# Definition for a binary tree node.\n# class TreeNode:\n#     def __init__(self, val=0, left=None, right=None):\n#         self.val = val\nclass Solution:\n    def kth(self, root: Optional[TreeNode], k: int) -> int:\n        ";
        let s = parse_starter(code, None).unwrap();
        assert_eq!(s.name, "kth");
        assert_eq!(
            s.unsupported_reason().as_deref(),
            Some("parameter root has type Optional[TreeNode]")
        );
    }

    #[test]
    fn picks_the_named_method() {
        let code = "class Solution:\n    def helper(self, x: int) -> int:\n        pass\n    def main(self, s: str) -> bool:\n        pass";
        assert_eq!(
            parse_starter(code, Some("main")).unwrap().params[0].name,
            "s"
        );
        assert!(parse_starter(code, Some("missing")).is_err());
    }

    #[test]
    fn return_types_decide_support() {
        let code = "class Solution:\n    def rotate(self, nums: List[int], k: int) -> None:\n";
        let s = parse_starter(code, None).unwrap();
        assert!(s.unsupported_reason().unwrap().contains("returns None"));
        let code = "class Solution:\n    def mid(self, head: ListNode) -> ListNode:\n";
        assert!(parse_starter(code, None)
            .unwrap()
            .unsupported_reason()
            .unwrap()
            .contains("ListNode"));
    }

    #[test]
    fn bad_starters_are_errors() {
        assert!(parse_starter("", None).is_err());
        assert!(parse_starter("class Solution:\n    def f(self, a: int", None).is_err());
        assert!(parse_starter("def f(x):\n  pass", None).is_err());
    }
}
