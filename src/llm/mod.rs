//! The one language-model client every command uses: providers, rate limits, retries, cache, cost.
