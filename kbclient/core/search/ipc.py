"""Length-prefixed pickle messages between `parts.build` and its worker processes."""

from __future__ import annotations

import pickle
import struct
from typing import Any, BinaryIO

_LEN = struct.Struct("!Q")


def send(stream: BinaryIO, obj: Any) -> None:
    """Write one message."""
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LEN.pack(len(data)) + data)
    stream.flush()


def recv(stream: BinaryIO) -> Any:
    """Read one message; EOFError at the end of the stream."""
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        raise EOFError
    n = _LEN.unpack(head)[0]
    data = stream.read(n)
    if len(data) < n:
        raise EOFError
    return pickle.loads(data)
