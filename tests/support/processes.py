"""Run functions in real OS processes against the test database.

Forked children inherit the configured test database; each opens its own connection.
The parent closes its connections before forking so no socket is shared.
"""

import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections


def _child(fn: Callable[..., Any], args: tuple) -> Any:
    # The inherited connection objects belong to the parent: drop them without closing
    # the parent's sockets, then open fresh ones.
    for conn in connections.all(initialized_only=True):
        conn.connection = None
    try:
        return fn(*args)
    finally:
        connections.close_all()


def run_in_processes(fn: Callable[..., Any], arg_list: Sequence[tuple]) -> list[Any]:
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(len(arg_list)) as pool:
        return pool.starmap(_child, [(fn, args) for args in arg_list])
