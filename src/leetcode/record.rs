//! LeetCodeDataset records: both layouts (flat v0.3+ fields, and older records that nest
//! question_id, difficulty, question_title and the starter code `lang_code` under
//! `meta`) read into one `Problem`, with a clear message for each missing field.

use serde_json::{Map, Value};

/// One recorded test: the input as the dataset writes it (`nums = [1,2], k = 3`) and
/// the output Python printed (or `Error: ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedTest {
    pub input: String,
    pub output: String,
}

/// A problem as pull-leetcode needs it, whatever the record's layout.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The slug, e.g. `two-sum`.
    pub task_id: String,
    /// The LeetCode number, as text.
    pub question_id: String,
    pub title: Option<String>,
    /// Easy, Medium, Hard (`Unknown` when the record has none).
    pub difficulty: String,
    pub tags: Vec<String>,
    /// problem_description.txt.
    pub description: String,
    /// The `class Solution` stub the signature is read from.
    pub starter_code: String,
    /// The imports and helpers the solution needs (the record's `prompt`).
    pub prelude: Option<String>,
    /// The reference solution.
    pub completion: String,
    /// `Solution().methodName` in every record seen so far.
    pub entry_point: String,
    /// The record's `estimated_date` (for --since).
    pub date: Option<String>,
    pub tests: Vec<RecordedTest>,
    /// The source record as read.
    pub record: Map<String, Value>,
}

impl Problem {
    /// `<question_id>_<task_id>`, the directory name (DESIGN.md "Problem directory").
    pub fn dir_name(&self) -> String {
        format!("{}_{}", self.question_id, self.task_id)
    }

    /// The method name the entry point calls (`Solution().twoSum` → `twoSum`).
    pub fn method(&self) -> Option<&str> {
        let m = self.entry_point.rsplit('.').next()?.trim();
        let ok = !m.is_empty() && m.chars().all(|c| c.is_alphanumeric() || c == '_');
        ok.then_some(m)
    }

    /// Reads a record of either layout; the error names the first problem found.
    pub fn from_value(v: Value) -> Result<Problem, String> {
        let Value::Object(record) = v else {
            return Err("record is not a JSON object".into());
        };
        let meta = record.get("meta").and_then(Value::as_object);
        let get = |key: &str, meta_key: &str| -> Option<&Value> {
            record
                .get(key)
                .filter(|v| !v.is_null())
                .or_else(|| meta.and_then(|m| m.get(meta_key)).filter(|v| !v.is_null()))
        };
        let text = |key: &str, meta_key: &str| -> Result<String, String> {
            match get(key, meta_key) {
                Some(Value::String(s)) => Ok(s.clone()),
                Some(Value::Number(n)) => Ok(n.to_string()),
                Some(_) => Err(format!("field \"{key}\" is not a string")),
                None => Err(format!("missing field \"{key}\"")),
            }
        };
        let opt_text = |key: &str, meta_key: &str| text(key, meta_key).ok();

        let task_id = text("task_id", "task_id")?;
        let question_id = text("question_id", "question_id")?;
        let safe = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
                && s != "."
                && s != ".."
        };
        if !safe(&task_id) {
            return Err(format!("task_id {task_id:?} cannot name a directory"));
        }
        if !safe(&question_id) {
            return Err(format!(
                "question_id {question_id:?} cannot name a directory"
            ));
        }
        let starter_code = text("starter_code", "lang_code")?;
        let completion = text("completion", "completion")?;
        let entry_point = text("entry_point", "entry_point")?;
        let description = text("problem_description", "problem_description")
            .or_else(|_| text("problem_description", "query"))?;
        let difficulty = opt_text("difficulty", "difficulty").unwrap_or_else(|| "Unknown".into());
        let tags = match get("tags", "tags") {
            Some(Value::Array(items)) => items
                .iter()
                .map(|t| {
                    t.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| "field \"tags\" holds a non-string".to_string())
                })
                .collect::<Result<Vec<_>, _>>()?,
            // Some exports flatten the list to "Array, Hash Table".
            Some(Value::String(s)) => s
                .split(',')
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
            Some(_) => return Err("field \"tags\" is not a list".into()),
            None => Vec::new(),
        };
        let tests = match get("input_output", "input_output") {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let input = t.get("input").and_then(Value::as_str).map(str::to_string);
                    // An output stored as JSON (a number, a list) is read as its JSON text.
                    let output = match t.get("output") {
                        Some(Value::String(s)) => Some(s.clone()),
                        Some(Value::Null) | None => None,
                        Some(v) => Some(v.to_string()),
                    };
                    match (input, output) {
                        (Some(input), Some(output)) => Ok(RecordedTest { input, output }),
                        _ => Err(format!(
                            "input_output[{i}] needs a string \"input\" and an \"output\""
                        )),
                    }
                })
                .collect::<Result<Vec<_>, _>>()?,
            Some(_) => return Err("field \"input_output\" is not a list".into()),
            None => return Err("missing field \"input_output\"".into()),
        };
        if tests.is_empty() {
            return Err("field \"input_output\" is empty".into());
        }
        Ok(Problem {
            title: opt_text("question_title", "question_title"),
            prelude: opt_text("prompt", "prompt"),
            date: opt_text("estimated_date", "estimated_date"),
            task_id,
            question_id,
            difficulty,
            tags,
            description,
            starter_code,
            completion,
            entry_point,
            tests,
            record,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn flat() -> Value {
        json!({
            "task_id": "two-sum", "question_id": 1, "difficulty": "Easy",
            "tags": ["Array", "Hash Table"], "problem_description": "Given nums...",
            "starter_code": "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n",
            "prompt": "from typing import *\n", "completion": "class Solution: ...",
            "entry_point": "Solution().twoSum", "estimated_date": "2015-08-07",
            "input_output": [{"input": "nums = [2,7], target = 9", "output": "[0, 1]"}]
        })
    }

    #[test]
    fn reads_the_flat_layout() {
        let p = Problem::from_value(flat()).unwrap();
        assert_eq!(p.dir_name(), "1_two-sum");
        assert_eq!(p.difficulty, "Easy");
        assert_eq!(p.tags, vec!["Array", "Hash Table"]);
        assert_eq!(p.method(), Some("twoSum"));
        assert_eq!(p.date.as_deref(), Some("2015-08-07"));
        assert_eq!(p.tests[0].output, "[0, 1]");
    }

    #[test]
    fn reads_the_meta_layout() {
        let v = json!({
            "task_id": "two-sum", "problem_description": "Given nums...",
            "prompt": "import math\n", "completion": "class Solution: ...",
            "entry_point": "Solution().twoSum",
            "meta": {"question_id": 1, "difficulty": "Easy", "question_title": "Two Sum",
                     "lang_code": "class Solution:\n    def twoSum(self, nums: List[int], target: int) -> List[int]:\n"},
            "input_output": [{"input": "nums = [2,7], target = 9", "output": "[0, 1]"}]
        });
        let p = Problem::from_value(v).unwrap();
        assert_eq!(p.question_id, "1");
        assert_eq!(p.difficulty, "Easy");
        assert_eq!(p.title.as_deref(), Some("Two Sum"));
        assert!(p.starter_code.contains("twoSum"));
        assert!(p.tags.is_empty());
    }

    #[test]
    fn names_what_is_missing() {
        for (field, msg) in [
            ("task_id", "missing field \"task_id\""),
            ("completion", "missing field \"completion\""),
            ("input_output", "missing field \"input_output\""),
            ("starter_code", "missing field \"starter_code\""),
        ] {
            let mut v = flat();
            v.as_object_mut().unwrap().remove(field);
            assert_eq!(Problem::from_value(v).unwrap_err(), msg);
        }
        let mut v = flat();
        v["input_output"] = json!([{"input": "x = 1"}]);
        assert!(Problem::from_value(v)
            .unwrap_err()
            .contains("input_output[0]"));
        let mut v = flat();
        v["input_output"] = json!([]);
        assert!(Problem::from_value(v).unwrap_err().contains("empty"));
        assert!(Problem::from_value(json!([1])).is_err());
    }

    #[test]
    fn accepts_flattened_tags_and_json_outputs() {
        let mut v = flat();
        v["tags"] = json!("Array, Hash Table");
        v["input_output"] =
            json!([{"input": "x = 1", "output": [0, 1]}, {"input": "x = 2", "output": true}]);
        let p = Problem::from_value(v).unwrap();
        assert_eq!(p.tags, vec!["Array", "Hash Table"]);
        assert_eq!(p.tests[0].output, "[0,1]");
        assert_eq!(p.tests[1].output, "true");
    }

    #[test]
    fn refuses_ids_that_escape_the_output_folder() {
        let mut v = flat();
        v["task_id"] = json!("../../etc");
        assert!(Problem::from_value(v).unwrap_err().contains("cannot name"));
    }
}
