//! LeetCode problems: reading LeetCodeDataset records, running Python references, translating calls to q (pull-leetcode).
