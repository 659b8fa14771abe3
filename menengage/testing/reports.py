"""What tests leave in their reports for the end of the run (xdist workers' output is not
shown, but their reports travel back): read by the conftests' terminal summaries."""


def reported(terminalreporter, name, *, when):
    """Each value tests recorded under `name` (`record_property` or `user_properties`), from the
    reports of their `when` phase ("call" or "teardown")."""
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != when:
                continue
            for key, value in getattr(report, "user_properties", ()):
                if key == name:
                    yield value
