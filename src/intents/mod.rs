//! Template-based synthetic intent-classification data (gen-intents).

/// The ten intents, in the order datasets list them.
pub const INTENTS: [&str; 10] = [
    "question_answering",
    "creative_writing",
    "code_generation",
    "data_analysis",
    "reasoning",
    "summarization",
    "translation",
    "conversation",
    "task_planning",
    "problem_solving",
];

/// Audiences an example is written for.
pub const AUDIENCES: [&str; 5] = ["child", "beginner", "intermediate", "expert", "general"];

/// Complexity levels.
pub const COMPLEXITIES: [&str; 3] = ["simple", "moderate", "complex"];
