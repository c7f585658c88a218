//! Which problems a run takes: --difficulty, --tags, --ids, --since and --shard.

use super::record::Problem;
use crate::shard::Shard;
use std::collections::HashSet;

/// The selection flags of one run; an empty list selects everything.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Difficulties, matched without regard to case.
    pub difficulty: Vec<String>,
    /// Tags; a problem with any of them is selected (case-insensitive).
    pub tags: Vec<String>,
    /// Question ids, task ids or directory names.
    pub ids: HashSet<String>,
    /// `YYYY-MM-DD`: problems whose estimated date is on or after it (undated ones are out).
    pub since: Option<String>,
    /// Only the problems whose directory name hashes to this shard.
    pub shard: Option<Shard>,
}

impl Filter {
    /// Whether `p` is selected.
    pub fn selects(&self, p: &Problem) -> bool {
        let any_eq = |list: &[String], value: &str| {
            list.iter().any(|x| x.trim().eq_ignore_ascii_case(value))
        };
        if !self.difficulty.is_empty() && !any_eq(&self.difficulty, &p.difficulty) {
            return false;
        }
        if !self.tags.is_empty() && !p.tags.iter().any(|t| any_eq(&self.tags, t)) {
            return false;
        }
        let name = p.dir_name();
        if !self.ids.is_empty()
            && ![&p.question_id, &p.task_id, &name]
                .iter()
                .any(|id| self.ids.contains(id.as_str()))
        {
            return false;
        }
        if let Some(since) = &self.since {
            match &p.date {
                Some(d) if d.get(..10).unwrap_or(d) >= since.as_str() => {}
                _ => return false,
            }
        }
        self.shard.is_none_or(|s| s.owns(&name))
    }
}

/// Whether `s` looks like `YYYY-MM-DD`.
pub fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(qid: u64, task: &str, diff: &str, tags: &[&str], date: Option<&str>) -> Problem {
        let mut v = json!({
            "task_id": task, "question_id": qid, "difficulty": diff, "tags": tags,
            "problem_description": "d", "starter_code": "s", "completion": "c",
            "entry_point": "Solution().f",
            "input_output": [{"input": "x = 1", "output": "1"}]
        });
        if let Some(d) = date {
            v["estimated_date"] = json!(d);
        }
        Problem::from_value(v).unwrap()
    }

    #[test]
    fn each_flag_narrows_the_selection() {
        let p = problem(
            1,
            "two-sum",
            "Easy",
            &["Array", "Hash Table"],
            Some("2015-08-07 00:00:00"),
        );
        assert!(Filter::default().selects(&p));
        let f = |f: Filter| f.selects(&p);
        assert!(f(Filter {
            difficulty: vec!["easy".into()],
            ..Default::default()
        }));
        assert!(!f(Filter {
            difficulty: vec!["Hard".into()],
            ..Default::default()
        }));
        assert!(f(Filter {
            tags: vec!["hash table".into(), "Graph".into()],
            ..Default::default()
        }));
        assert!(!f(Filter {
            tags: vec!["Graph".into()],
            ..Default::default()
        }));
        for id in ["1", "two-sum", "1_two-sum"] {
            assert!(
                f(Filter {
                    ids: [id.to_string()].into(),
                    ..Default::default()
                }),
                "{id}"
            );
        }
        assert!(!f(Filter {
            ids: ["2".to_string()].into(),
            ..Default::default()
        }));
        assert!(f(Filter {
            since: Some("2015-08-07".into()),
            ..Default::default()
        }));
        assert!(!f(Filter {
            since: Some("2015-08-08".into()),
            ..Default::default()
        }));
        let undated = problem(2, "x", "Easy", &[], None);
        assert!(!Filter {
            since: Some("2000-01-01".into()),
            ..Default::default()
        }
        .selects(&undated));
    }

    #[test]
    fn shards_split_without_overlap() {
        let ps: Vec<Problem> = (1..40)
            .map(|i| problem(i, "t", "Easy", &[], None))
            .collect();
        let in_shard = |k| {
            let f = Filter {
                shard: Some(Shard { index: k, count: 3 }),
                ..Default::default()
            };
            ps.iter().filter(|p| f.selects(p)).count()
        };
        assert_eq!(in_shard(1) + in_shard(2) + in_shard(3), ps.len());
        assert!(in_shard(1) > 0 && in_shard(2) > 0 && in_shard(3) > 0);
    }

    #[test]
    fn dates() {
        assert!(is_date("2024-01-31"));
        assert!(!is_date("2024-1-31"));
        assert!(!is_date("yesterday!"));
    }
}
