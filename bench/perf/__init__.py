"""Speed benchmark: indexing, search latency, HTTP throughput and memory, with baselines."""
