"""Works around Qt-binding defects found in the PySide6 version we run on.

PySide6 6.12.0: `SignalInstance.emit()` returns `True` without taking a reference, so
every emit made from Python steals one reference to the `True` singleton; after enough
emits Python aborts ("bool_dealloc: deallocating True or False"). All GUI code emits
through `emit()` below, which measures the defect once and gives the reference back.
Never connect a signal to another signal's `.emit` (that path leaks too): use `emit`.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _emit_steals_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.ping.emit()
    after = sys.getrefcount(True)
    if after < before:
        _incref(True)  # give back what the probe took
        return True
    return False


EMIT_STEALS_REFERENCE = _emit_steals_reference()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, safe against the reference leak described above."""
    result = signal.emit(*args)
    if EMIT_STEALS_REFERENCE and isinstance(result, bool):
        _incref(result)
