"""A sparse, little-endian, 64-bit address space with per-region permissions.

Regions are mapped explicitly (:meth:`Memory.map`), never overlap and are each
backed by one ``bytearray``.  Normal accesses check permissions: data reads need
``R``, data writes need ``W``, instruction fetches need ``X``.  Text is therefore
written only through :meth:`Memory.poke`, the privileged path that the
text-patching mirror uses (the kernel writes through a writable fixmap alias of
the same page).  Every write and poke is reported to the write observers as
``(addr, size)``, after the bytes have changed, so that pre-decoded instructions
can be invalidated precisely (the idea of py65's ObservableMemory).

An access to an unmapped byte raises :class:`Fault` ``UNMAPPED``; a permission
failure raises :class:`Fault` ``PERMISSION``; both carry the address in
``Fault.addr``.  The CPU fills in ``cpu``, ``pc`` and ``word`` on the way up.

The fixed-width accessors are the simulator's hot path: each checks a one-entry
cache of the last region used (one for data, one for fetch) and reads with a
precompiled :class:`struct.Struct`; only a miss goes through the sorted region
index.
"""

from __future__ import annotations

import bisect
import enum
import struct
from collections.abc import Callable, Iterable

from ftrace_sim.errors import Fault, FaultKind, MapError

__all__ = ["ADDRESS_LIMIT", "Memory", "Perm", "Region", "WriteObserver"]

ADDRESS_LIMIT = 1 << 64
"""One past the highest address of the 64-bit address space."""

WriteObserver = Callable[[int, int], None]
"""A callback ``(addr, size)`` run after every write or poke."""

_U8 = struct.Struct("<B")
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
_U64 = struct.Struct("<Q")

# Bound, typed unpackers: one global lookup on the hot path, and no int() wrapper for mypy.
_Unpack = Callable[[bytearray, int], tuple[int]]
_unpack_u16: _Unpack = _U16.unpack_from
_unpack_u32: _Unpack = _U32.unpack_from
_unpack_u64: _Unpack = _U64.unpack_from
_pack_u32 = _U32.pack_into
_pack_u64 = _U64.pack_into
_MAX_U32 = (1 << 32) - 1
_MAX_U64 = (1 << 64) - 1


class Perm(enum.IntFlag):
    """Access permissions of a region."""

    NONE = 0
    R = 1
    W = 2
    X = 4
    RW = R | W
    RX = R | X
    RWX = R | W | X

    def describe(self) -> str:
        """Return the permissions as ``rwx`` with ``-`` for a missing right (``r-x``)."""
        return "".join(c if self & p else "-" for c, p in (("r", Perm.R), ("w", Perm.W), ("x", Perm.X)))


class Region:
    """One mapped, contiguous range ``[base, base + size)`` with its permissions and bytes.

    ``data`` is the backing store; code outside this module should go through
    :class:`Memory` so that permissions are checked and observers run.
    """

    __slots__ = ("base", "data", "end", "executable", "name", "perms", "readable", "size", "writable")

    def __init__(self, base: int, size: int, perms: Perm, name: str, data: bytearray) -> None:
        self.base = base
        self.size = size
        self.end = base + size
        self.perms = perms
        self.name = name
        self.data = data
        # Plain bools: testing an IntFlag on every access is measurably slower.
        self.readable = bool(perms & Perm.R)
        self.writable = bool(perms & Perm.W)
        self.executable = bool(perms & Perm.X)

    def __contains__(self, addr: object) -> bool:
        return isinstance(addr, int) and self.base <= addr < self.end

    def __repr__(self) -> str:
        return f"Region({self.name!r}, {self.base:#x}-{self.end:#x}, {self.perms.describe()})"


# A region that matches no address: the initial value of the lookup caches.
_NO_REGION = Region(0, 0, Perm.NONE, "<none>", bytearray())


class Memory:
    """A sparse 64-bit little-endian address space made of non-overlapping regions."""

    __slots__ = ("_bases", "_data_cache", "_fetch_cache", "_observers", "_regions")

    def __init__(self) -> None:
        self._regions: list[Region] = []
        self._bases: list[int] = []
        self._data_cache = _NO_REGION
        self._fetch_cache = _NO_REGION
        self._observers: list[WriteObserver] = []

    # ------------------------------------------------------------------ mapping

    def map(self, base: int, size: int, perms: Perm, name: str, data: bytes | bytearray | None = None) -> Region:
        """Map ``[base, base + size)`` with ``perms`` under ``name`` and return the region.

        The region is zero-filled, or starts with ``data`` (at most ``size`` bytes,
        the rest zero).  Raises :class:`MapError` if the range is empty, leaves the
        64-bit address space, or overlaps an existing region (both are named).
        """
        if not isinstance(perms, Perm):
            raise MapError(f"map {name!r}: perms must be a Perm, not {perms!r}")
        if size <= 0:
            raise MapError(f"map {name!r}: size must be positive, got {size:#x}")
        if base < 0 or base + size > ADDRESS_LIMIT:
            raise MapError(f"map {name!r}: range {base:#x}+{size:#x} is outside the 64-bit address space")
        if data is not None and len(data) > size:
            raise MapError(f"map {name!r}: {len(data):#x} bytes of initial data do not fit in size {size:#x}")
        i = bisect.bisect_right(self._bases, base)
        for j in (i - 1, i):
            if 0 <= j < len(self._regions):
                other = self._regions[j]
                if base < other.end and other.base < base + size:
                    raise MapError(
                        f"map {name!r} at {base:#x}-{base + size:#x} overlaps region "
                        f"{other.name!r} at {other.base:#x}-{other.end:#x}"
                    )
        store = bytearray(size)
        if data:
            store[: len(data)] = data
        region = Region(base, size, perms, name, store)
        self._regions.insert(i, region)
        self._bases.insert(i, base)
        return region

    def unmap(self, base: int) -> None:
        """Remove the region that starts exactly at ``base`` (MapError if there is none)."""
        i = bisect.bisect_left(self._bases, base)
        if i == len(self._bases) or self._bases[i] != base:
            raise MapError(f"unmap: no region starts at {base:#x}")
        del self._regions[i]
        del self._bases[i]
        self._data_cache = _NO_REGION
        self._fetch_cache = _NO_REGION

    def region_at(self, addr: int) -> Region | None:
        """Return the region containing ``addr``, or None if it is unmapped."""
        i = bisect.bisect_right(self._bases, addr) - 1
        if i >= 0:
            region = self._regions[i]
            if addr < region.end:
                return region
        return None

    def regions(self) -> tuple[Region, ...]:
        """Return every region, sorted by base address."""
        return tuple(self._regions)

    def is_mapped(self, addr: int, size: int = 1) -> bool:
        """Return True if every byte of ``[addr, addr + size)`` is mapped."""
        try:
            self._spans(addr, size)
        except Fault:
            return False
        return True

    # ---------------------------------------------------------------- observers

    def add_write_observer(self, observer: WriteObserver) -> None:
        """Call ``observer(addr, size)`` after every write and poke."""
        self._observers.append(observer)

    def remove_write_observer(self, observer: WriteObserver) -> None:
        """Stop calling ``observer`` (ValueError if it was not added)."""
        self._observers.remove(observer)

    def _notify(self, addr: int, size: int) -> None:
        for observer in self._observers:
            observer(addr, size)

    # ------------------------------------------------------------- slow paths

    def _spans(self, addr: int, size: int) -> list[tuple[Region, int, int]]:
        """Split ``[addr, addr + size)`` into (region, offset, length) pieces; Fault if a byte is unmapped."""
        if size < 0:
            raise ValueError(f"negative access size {size}")
        pieces: list[tuple[Region, int, int]] = []
        cur, end = addr, addr + size
        while cur < end:
            region = self.region_at(cur) if 0 <= cur < ADDRESS_LIMIT else None
            if region is None:
                raise Fault(
                    FaultKind.UNMAPPED,
                    f"access of {size} byte(s) at {addr:#x} touches unmapped {cur:#x}",
                    addr=cur,
                )
            length = min(end, region.end) - cur
            pieces.append((region, cur - region.base, length))
            cur += length
        return pieces

    def _checked_spans(self, addr: int, size: int, right: Perm, what: str) -> list[tuple[Region, int, int]]:
        pieces = self._spans(addr, size)
        for region, off, _ in pieces:
            if not region.perms & right:
                raise Fault(
                    FaultKind.PERMISSION,
                    f"{what} of {size} byte(s) at {addr:#x} needs {right.describe()} but region "
                    f"{region.name!r} is {region.perms.describe()}",
                    addr=region.base + off,
                )
        return pieces

    def _read_slow(self, addr: int, size: int) -> bytes:
        pieces = self._checked_spans(addr, size, Perm.R, "read")
        if len(pieces) == 1:
            self._data_cache = pieces[0][0]
        return b"".join(bytes(r.data[off : off + n]) for r, off, n in pieces)

    def _write_slow(self, addr: int, data: bytes | bytearray | memoryview, *, privileged: bool) -> None:
        size = len(data)
        if privileged:
            pieces = self._spans(addr, size)
        else:
            pieces = self._checked_spans(addr, size, Perm.W, "write")
            if len(pieces) == 1:
                self._data_cache = pieces[0][0]
        pos = 0
        for region, off, n in pieces:
            region.data[off : off + n] = data[pos : pos + n]
            pos += n
        if self._observers and size:
            self._notify(addr, size)

    # ------------------------------------------------------------ byte access

    def read(self, addr: int, n: int) -> bytes:
        """Read ``n`` bytes at ``addr`` (needs R on every byte; may span adjacent regions)."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off and off + n <= r.size and r.readable and n >= 0:
            return bytes(r.data[off : off + n])
        return self._read_slow(addr, n)

    def write(self, addr: int, data: bytes | bytearray | memoryview) -> None:
        """Write ``data`` at ``addr`` (needs W on every byte); observers are told afterwards."""
        n = len(data)
        r = self._data_cache
        off = addr - r.base
        if 0 <= off and off + n <= r.size and r.writable:
            r.data[off : off + n] = data
            if self._observers and n:
                self._notify(addr, n)
            return
        self._write_slow(addr, data, privileged=False)

    def poke(self, addr: int, data: bytes | bytearray | memoryview) -> None:
        """Privileged write: ignores permissions (text patching), but the bytes must be mapped.

        Observers are told, as for :meth:`write`.
        """
        self._write_slow(addr, data, privileged=True)

    def peek(self, addr: int, n: int) -> bytes:
        """Privileged read: ignores permissions, but the bytes must be mapped."""
        return b"".join(bytes(r.data[off : off + k]) for r, off, k in self._spans(addr, n))

    # ---------------------------------------------------- fixed-width reads

    def read_u8(self, addr: int) -> int:
        """Read an unsigned byte."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off < r.size and r.readable:
            return r.data[off]
        return self._read_slow(addr, 1)[0]

    def read_u16(self, addr: int) -> int:
        """Read an unsigned little-endian 16-bit value."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - 2 and r.readable:
            return _unpack_u16(r.data, off)[0]
        return int.from_bytes(self._read_slow(addr, 2), "little")

    def read_u32(self, addr: int) -> int:
        """Read an unsigned little-endian 32-bit value (data access: needs R, not X)."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - 4 and r.readable:
            return _unpack_u32(r.data, off)[0]
        return int.from_bytes(self._read_slow(addr, 4), "little")

    def read_u64(self, addr: int) -> int:
        """Read an unsigned little-endian 64-bit value."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - 8 and r.readable:
            return _unpack_u64(r.data, off)[0]
        return int.from_bytes(self._read_slow(addr, 8), "little")

    def fetch_u32(self, addr: int) -> int:
        """Fetch an instruction word: needs X and a 4-byte aligned address.

        Raises Fault ``ALIGNMENT`` for a misaligned ``addr``, ``UNMAPPED`` or
        ``PERMISSION`` otherwise.
        """
        r = self._fetch_cache
        off = addr - r.base
        if 0 <= off <= r.size - 4 and r.executable and not addr & 3:
            return _unpack_u32(r.data, off)[0]
        if addr & 3:
            raise Fault(FaultKind.ALIGNMENT, f"instruction fetch from misaligned {addr:#x}", addr=addr)
        pieces = self._checked_spans(addr, 4, Perm.X, "instruction fetch")
        if len(pieces) == 1:
            self._fetch_cache = pieces[0][0]
        return int.from_bytes(b"".join(bytes(r.data[o : o + n]) for r, o, n in pieces), "little")

    # --------------------------------------------------- fixed-width writes

    def _write_int(self, addr: int, value: int, size: int, packer: struct.Struct) -> None:
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - size and r.writable:
            try:
                packer.pack_into(r.data, off, value)
            except struct.error:
                raise ValueError(
                    f"value {value:#x} does not fit in an unsigned {size * 8}-bit write at {addr:#x}"
                ) from None
            if self._observers:
                self._notify(addr, size)
            return
        if not 0 <= value < 1 << (size * 8):
            raise ValueError(f"value {value:#x} does not fit in an unsigned {size * 8}-bit write at {addr:#x}")
        self._write_slow(addr, value.to_bytes(size, "little"), privileged=False)

    def write_u8(self, addr: int, value: int) -> None:
        """Write an unsigned byte (ValueError if ``value`` is outside 0..0xff)."""
        self._write_int(addr, value, 1, _U8)

    def write_u16(self, addr: int, value: int) -> None:
        """Write an unsigned little-endian 16-bit value."""
        self._write_int(addr, value, 2, _U16)

    def write_u32(self, addr: int, value: int) -> None:
        """Write an unsigned little-endian 32-bit value."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - 4 and r.writable and 0 <= value <= _MAX_U32:
            _pack_u32(r.data, off, value)
            if self._observers:
                self._notify(addr, 4)
            return
        self._write_int(addr, value, 4, _U32)

    def write_u64(self, addr: int, value: int) -> None:
        """Write an unsigned little-endian 64-bit value."""
        r = self._data_cache
        off = addr - r.base
        if 0 <= off <= r.size - 8 and r.writable and 0 <= value <= _MAX_U64:
            _pack_u64(r.data, off, value)
            if self._observers:
                self._notify(addr, 8)
            return
        self._write_int(addr, value, 8, _U64)

    # -------------------------------------------------------------- helpers

    def map_many(self, specs: Iterable[tuple[int, int, Perm, str]]) -> list[Region]:
        """Map several ``(base, size, perms, name)`` ranges; stops at the first MapError."""
        return [self.map(base, size, perms, name) for base, size, perms, name in specs]

    def __repr__(self) -> str:
        return f"Memory({', '.join(repr(r) for r in self._regions)})"
