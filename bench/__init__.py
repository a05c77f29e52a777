"""Benchmarks: ``make bench`` (``bench/run.py``). Never imported by the product or its tests."""
