from tests.reporting.conftest import hn_doc, people, periods  # noqa: F401  (the same fixtures)
