"""Tools for the tests and benchmarks: building the real site in a scratch folder, finding Chromium."""
