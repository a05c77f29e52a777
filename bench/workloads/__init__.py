"""One module per group of workloads; each exposes ``run(ctx) -> Iterator[dict]``."""
