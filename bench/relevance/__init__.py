"""Search-quality benchmark: judged queries, three systems, nDCG@10 / MRR / P@10 / Recall@100."""
