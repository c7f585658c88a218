//! Template-based synthetic intent-classification data (gen-intents).
