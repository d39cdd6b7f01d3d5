"""Shared fixtures: a real local instance (demo/) over real HTTP on 127.0.0.1.

    instance                      module-scoped, small deterministic seed; tokens["demo"], ["alice"], ...
    fresh_instance(**options)     a per-test instance, stopped at teardown; options are Settings fields
                                  (rate_limit=3, password_grant=False, ...) plus seed= and clock=
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

# CI runs the fuzzers derandomized: the same examples on every run, so a red CI always names a reproducible bug.
# Locally each run explores new inputs (and hypothesis keeps any failure it finds in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

from demo.server import running_instance, start_instance

pytest_plugins = ["tests.secret_watch"]  # fails the session if an issued token appears in a log, error or toast


@pytest.fixture(scope="module")
def instance():
    with running_instance(seed="small") as inst:
        yield inst


@pytest.fixture
def fresh_instance():
    started = []

    def start(seed="small", clock=None, **settings):
        inst = start_instance(seed=seed, clock=clock, **settings)
        started.append(inst)
        return inst

    yield start
    for inst in started:
        inst.stop()
