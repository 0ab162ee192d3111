"""Plain helpers the tests import: functions, classes and constants, no fixtures (those live in
the nearest conftest.py that covers every test using them)."""
