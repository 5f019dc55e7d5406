"""Evaluation: gold files, the SPEC scorer and its report (see ../shared/eval/SPEC.md)."""
