"""The planning models: pure functions of (baseline, scenario) returning tidy frames."""
