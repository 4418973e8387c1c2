"""Editions: which edition a build is, what changed since the last one, and publishing it."""
