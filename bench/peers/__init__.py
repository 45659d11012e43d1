"""The blog workload, one module per peer (see bench/run.py)."""
