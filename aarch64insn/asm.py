"""The assembler: text -> words, driven by the same templates and operand kinds as the printer.

``assemble(text, pc=...)`` finds the rows and aliases whose template starts with
the mnemonic, matches the text against each template (literals exactly, white
space free, operands by their kinds' parsers), encodes, and keeps a candidate
only when decoding the word selects that same template again. So the word
printed back is the word assembled, and where several encodings print the
same text (``mov x0, #1``: MOVZ, not ORR) the printer's own preference, which
follows the Arm ARM's alias rules as llvm-mc does, decides.

``assemble_lines(source, base=...)`` adds labels (``name:``, numeric local
labels ``1:`` with ``1b``/``1f``), comments (``//``, ``;``) and the directives
``.word``, ``.quad``, ``.hword``, ``.byte``, ``.balign``, ``.align``, ``.p2align``,
``.global``/``.globl`` and section directives (recorded, not acted on).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache

from . import table
from .codec import ENCODINGS_BY_ID, decode, encode, format_insn
from .errors import AsmSyntaxError, DecodeError, EncodeError
from .operands import KINDS, Bound, canonical, derived_pattern
from .spec import Alias, Encoding, Opt, Placeholder

__all__ = ["Listing", "assemble", "assemble_lines"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    row: Encoding
    alias: Alias | None
    regex: re.Pattern[str]
    phs: tuple[tuple[str, Bound], ...]  # (group name, bound placeholder)
    flags: tuple[tuple[str, str], ...]  # (group name, field) of [[flag? ...]] groups
    fixed: tuple[tuple[str, int], ...]  # fields an alias's `when` fixes
    #: (regex of the template up to a top-level item, what the next item expects), for errors
    steps: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.alias.id if self.alias else self.row.id


def _lit(text: str, first_space: list[bool]) -> str:
    out = []
    for ch in text:
        if ch == " ":
            # the space after the mnemonic is required; others are optional
            out.append(r"\s+" if not first_space[0] else r"\s*")
            first_space[0] = True
        else:
            out.append(r"\s*" + re.escape(ch) + r"\s*" if ch in ",[]{}!" else re.escape(ch))
    return "".join(out)


def _candidate(row: Encoding, alias: Alias | None) -> _Candidate:
    template = alias.template if alias else row.template
    rid = alias.id if alias else row.id
    phs: list[tuple[str, Bound]] = []
    flags: list[tuple[str, str]] = []
    first_space = [False]

    def emit(items: tuple[object, ...] | list[object]) -> str:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(_lit(item, first_space))
            elif isinstance(item, Placeholder):
                name = f"p{len(phs)}"
                b = Bound(rid, item, tuple(row.fields[n] for n in item.fields))
                phs.append((name, b))
                kind = KINDS[item.kind]
                pat = kind.pattern or derived_pattern(kind, b) or r".+?"
                out.append(f"(?P<{name}>{pat})")
            elif isinstance(item, Opt):
                inner = emit(list(item.items))
                if item.flag is not None:
                    gname = f"f{len(flags)}"
                    flags.append((gname, item.flag))
                    out.append(f"(?P<{gname}>{inner})?")
                else:
                    out.append(f"(?:{inner})?")
        return "".join(out)

    items = list(template.items)
    pieces: list[str] = []
    steps: list[tuple[str, str]] = []
    for i, item in enumerate(items):
        pieces.append(emit([item]))
        steps.append((r"\s*" + "".join(pieces), _describe(items[i + 1 :])))
    body = "".join(pieces)
    regex = re.compile(r"\s*" + body + r"\s*", re.IGNORECASE)
    fixed: list[tuple[str, int]] = []
    if alias is not None:
        for f in row.fields.values():
            if (alias.mask & f.mask) == f.mask and (f.mask & ~row.mask):
                fixed.append((f.name, f.extract(alias.value)))
    return _Candidate(row, alias, regex, tuple(phs), tuple(flags), tuple(fixed), tuple(steps))


def _describe(rest: Sequence[object]) -> str:
    """What the template expects next, after some of its items matched (for error messages)."""
    for item in rest:
        if isinstance(item, str):
            if item.strip():
                return repr(item.strip()[0])
        elif isinstance(item, Placeholder):
            return KINDS[item.kind].expected
        elif isinstance(item, Opt):
            inner = _describe(item.items)
            after = _describe(rest[list(rest).index(item) + 1 :])
            return f"{inner} or {after}"
    return "the end of the instruction"


@cache
def _index() -> dict[str, tuple[tuple[Encoding, Alias | None], ...]]:
    out: dict[str, list[tuple[Encoding, Alias | None]]] = {}
    aliases: dict[str, list[Alias]] = {}
    for a in table.ALIASES:
        aliases.setdefault(a.of, []).append(a)
    for row in table.ENCODINGS:
        for a in aliases.get(row.id, ()):
            out.setdefault(_key(a.template.text), []).append((row, a))
        out.setdefault(_key(row.template.text), []).append((row, None))
    # aliases marked `prefer` first (stable), as llvm-mc picks MOVZ/MOVN before ORR
    return {k: tuple(sorted(v, key=lambda ra: not (ra[1] is not None and ra[1].prefer))) for k, v in out.items()}


def _key(template_text: str) -> str:
    m = re.match(r"[^ {[]*", template_text)
    assert m is not None
    return m[0].lower()


_CANDIDATES: dict[tuple[str, str | None], _Candidate] = {}


def _get_candidate(row: Encoding, alias: Alias | None) -> _Candidate:
    key = (row.id, alias.id if alias else None)
    c = _CANDIDATES.get(key)
    if c is None:
        c = _candidate(row, alias)
        _CANDIDATES[key] = c
    return c


def _candidates(mnemonic: str) -> list[_Candidate]:
    index = _index()
    out: list[_Candidate] = []
    m = mnemonic.lower()
    for n in range(len(m), 0, -1):
        for row, alias in index.get(m[:n], ()):
            out.append(_get_candidate(row, alias))
    return out


_MNEMONIC = re.compile(r"\s*([a-z0-9_.]+)", re.IGNORECASE)


def _solutions(
    c: _Candidate,
    m: re.Match[str],
    pc: int,
    symbols: Mapping[str, int],
    errors: list[EncodeError],
    rejects: list[tuple[int, str, str]],
) -> Iterator[dict[str, int]]:
    """Every consistent assignment of fields for a template match (bounded search).

    An operand its kind does not recognise is recorded in *rejects* as (column,
    token, expected); one out of range, as the kind's EncodeError in *errors*.
    """
    base: dict[str, int] = dict(c.fixed)
    for gname, fname in c.flags:
        base[fname] = 1 if m.group(gname) is not None else 0
    options: list[tuple[tuple[str, ...], list[tuple[int, ...]]]] = []
    for gname, b in c.phs:
        text = m.group(gname)
        if text is None:
            options.append((b.ph.fields, [b.ph.defaults]))
            continue
        try:
            cands = KINDS[b.ph.kind].parse(b, text, pc, symbols)
        except EncodeError as err:
            errors.append(err)
            return
        if not cands:
            rejects.append((m.start(gname) + 1, text.strip(), KINDS[b.ph.kind].expected))
            return
        options.append((b.ph.fields, cands))

    budget = [256]

    def walk(i: int, fields: dict[str, int]) -> Iterator[dict[str, int]]:
        if budget[0] <= 0:
            return
        if i == len(options):
            budget[0] -= 1
            yield fields
            return
        names, cands = options[i]
        for vals in cands:
            if all(fields.get(n, v) == v for n, v in zip(names, vals, strict=True)):
                nxt = dict(fields)
                nxt.update(zip(names, vals, strict=True))
                yield from walk(i + 1, nxt)

    yield from walk(0, base)


def _complete(c: _Candidate, fields: dict[str, int]) -> dict[str, int]:
    """Fill fields an alias leaves to its condition (``Rm == Rn``) and check the condition."""
    alias = c.alias
    if alias is None:
        return fields
    for left, right in alias.equalities():
        if left not in fields and right in fields:
            fields[left] = fields[right]
        elif right not in fields and left in fields:
            fields[right] = fields[left]
    return fields


def _encode(c: _Candidate, fields: dict[str, int]) -> int | None:
    row = c.row
    try:
        word = encode(row.id, **{n: v for n, v in fields.items() if n in row.fields})
    except EncodeError:
        return None
    try:
        insn = decode(word)
    except DecodeError:
        return None
    if insn.encoding is not row:
        return None
    if c.alias is not None and insn.alias is not c.alias:
        return None
    return word


_CACHE: dict[str, int] = {}
_PC_KINDS = frozenset({"LABEL", "PAGE"})


def assemble(text: str, *, pc: int = 0, symbols: Mapping[str, int] | None = None) -> int:
    """Assemble one instruction at address *pc*; branch and literal targets are absolute
    addresses or names from *symbols*.

    Raises :class:`AsmSyntaxError` (column, token, what was expected) when no
    template matches, or the :class:`EncodeError` of the best match when an
    operand is out of range. Never returns a word that does not print back as
    the same instruction.
    """
    word = _CACHE.get(text)
    if word is not None:
        return word
    m = _MNEMONIC.match(text)
    if m is None:
        raise AsmSyntaxError(text, 1, "a mnemonic", text.strip()[:1])
    cands = _candidates(m[1])
    if not cands:
        raise AsmSyntaxError(text, m.start(1) + 1, "a known mnemonic", m[1])
    syms = symbols or {}
    errors: list[EncodeError] = []
    rejects: list[tuple[int, str, str]] = []
    matched: list[_Candidate] = []
    fallback: int | None = None
    first: tuple[int, _Candidate] | None = None
    want = canonical(text)
    want_regs = _registers(text)
    for c in cands:
        mm = c.regex.fullmatch(text)
        if mm is None:
            continue
        n_errors, n_rejects = len(errors), len(rejects)
        for fields in _solutions(c, mm, pc, syms, errors, rejects):
            full = _complete(c, fields)
            w = _encode(c, full)
            if w is not None:
                printed = format_insn(decode(w), pc)
                if _registers(printed) != want_regs:
                    continue  # a register the text did not name: never a wrong encoding
                if canonical(printed) == want:
                    return _remember(text, c, w)
                if first is None:
                    first = (w, c)
            elif fallback is None and c.alias is not None:
                fallback = _alias_fallback(c, full)
        if len(errors) == n_errors and len(rejects) == n_rejects:
            matched.append(c)  # every operand parsed, yet no word prints as the text
    if first is not None:
        return _remember(text, first[1], first[0])
    if fallback is not None:
        return fallback
    if errors:
        raise errors[0]
    if matched:
        c = matched[0]
        raise EncodeError(
            f"{c.name}: the operands of {text.strip()!r} cannot be encoded "
            f"(reserved value or a combination the encoding does not allow)",
            encoding=c.name,
        )
    if rejects:
        # the operand that got furthest into some template is the one to point at
        col, token, expected = max(rejects, key=lambda r: r[0])
        raise AsmSyntaxError(text, col, expected, token)
    raise _syntax_error(text, m[1], cands)


_REG_TOKEN = re.compile(r"(?<![\w.])(?:[xwbhsdqvz][0-9]{1,2}|[xw]zr|w?sp)(?![\w])")
_REG_ALIASES = {"lr": "x30", "fp": "x29", "ip0": "x16", "ip1": "x17"}


def _registers(text: str) -> list[str]:
    """The register names in an instruction's operands, in order (lr/fp spelled as x30/x29)."""
    parts = text.strip().lower().split(None, 1)
    ops = parts[1] if len(parts) > 1 else ""
    for alt, name in _REG_ALIASES.items():
        ops = re.sub(rf"(?<![\w.]){alt}(?![\w])", name, ops)
    return list(_REG_TOKEN.findall(ops))


def _remember(text: str, c: _Candidate, word: int) -> int:
    if not any(b.ph.kind in _PC_KINDS for _, b in c.phs):
        if len(_CACHE) > 1 << 16:
            _CACHE.clear()
        _CACHE[text] = word
    return word


def _alias_fallback(c: _Candidate, fields: dict[str, int]) -> int | None:
    """An alias written where another alias is preferred is still valid syntax (Arm ARM)."""
    try:
        word = encode(c.row.id, **{n: v for n, v in fields.items() if n in c.row.fields})
        return word if decode(word).encoding is c.row else None
    except (EncodeError, DecodeError):
        return None


def _syntax_error(text: str, mnemonic: str, cands: list[_Candidate]) -> AsmSyntaxError:
    """Point at the furthest column some template reached, and say what it expected there."""
    best_col, best_expected = -1, ""
    for c in cands:
        template = c.alias.template.text if c.alias is not None else c.row.template.text
        for prefix, expected in reversed(c.steps):
            pm = re.match(prefix, text, re.IGNORECASE)
            if pm is None:
                continue
            col = pm.end() + len(text[pm.end() :]) - len(text[pm.end() :].lstrip())
            if col > best_col:
                best_col, best_expected = col, f"{expected} (as in {template!r})"
            break
    if best_col < 0:
        return AsmSyntaxError(text, 1, f"operands for {mnemonic}", mnemonic)
    return AsmSyntaxError(text, best_col + 1, best_expected, _token(text[best_col:]))


_TOKEN = re.compile(r"\{[^}]*\}(?:\[[^\]]*\])?|\[[^\]]*\]!?|,|[^\s,\[\]{}]+|\S")


def _token(rest: str) -> str:
    """The token at the start of *rest* (a bracketed list or address as a whole)."""
    m = _TOKEN.match(rest.lstrip())
    return m[0] if m else ""


# --------------------------------------------------------------------------------------
# Listings

_LABEL = re.compile(r"^\s*([A-Za-z_.$][\w.$]*|\d+):")
_LOCAL_REF = re.compile(r"(?<![\w.])(\d+)([bf])\b")


@dataclass
class Listing:
    """What :func:`assemble_lines` produced: bytes, symbols, and what it recorded."""

    data: bytes
    base: int
    symbols: dict[str, int] = field(default_factory=dict)
    globals: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    for marker in ("//", ";"):
        i = line.find(marker)
        if i >= 0:
            line = line[:i]
    return line.rstrip()


def _int(text: str, line: str, symbols: Mapping[str, int]) -> int:
    t = text.strip()
    if t in symbols:
        return symbols[t]
    try:
        return int(t, 0)
    except ValueError:
        raise AsmSyntaxError(line, max(1, line.find(t) + 1), "an integer or a known symbol", t) from None


def assemble_lines(source: str, *, base: int = 0) -> bytes:
    """Assemble a listing with labels and directives; the bytes it occupies from *base*."""
    return assemble_listing(source, base=base).data


def assemble_listing(source: str, *, base: int = 0) -> Listing:
    """As :func:`assemble_lines`, also returning the symbol table and recorded directives."""
    items: list[tuple[int, str, str, int]] = []  # (address, kind, text, line number)
    symbols: dict[str, int] = {}
    local: dict[str, list[int]] = {}
    listing = Listing(b"", base)
    pc = base
    for lineno, raw in enumerate(source.splitlines(), 1):
        line = _strip_comment(raw)
        while True:
            m = _LABEL.match(line)
            if m is None:
                break
            name = m[1]
            if name.isdigit():
                local.setdefault(name, []).append(pc)
            else:
                if name in symbols:
                    raise AsmSyntaxError(raw, m.start(1) + 1, "a new label", name)
                symbols[name] = pc
            line = line[m.end() :]
        stmt = line.strip()
        if not stmt:
            continue
        if stmt.startswith("."):
            directive, _, args = stmt.partition(" ")
            directive = directive.lower()
            if directive in (".word", ".4byte", ".long", ".inst"):
                n = len([a for a in args.split(",") if a.strip()])
                items.append((pc, directive, args, lineno))
                pc += 4 * n
            elif directive in (".quad", ".8byte", ".xword", ".dword"):
                n = len([a for a in args.split(",") if a.strip()])
                items.append((pc, directive, args, lineno))
                pc += 8 * n
            elif directive in (".hword", ".short", ".2byte"):
                n = len([a for a in args.split(",") if a.strip()])
                items.append((pc, directive, args, lineno))
                pc += 2 * n
            elif directive == ".byte":
                n = len([a for a in args.split(",") if a.strip()])
                items.append((pc, directive, args, lineno))
                pc += n
            elif directive in (".balign", ".align", ".p2align"):
                amount = _int(args.split(",")[0], raw, {})
                align = amount if directive == ".balign" else 1 << amount
                if align <= 0 or align & (align - 1):
                    raise AsmSyntaxError(raw, 1, "a power-of-two alignment", args.strip())
                pad = (-pc) % align
                items.append((pc, ".pad", str(pad), lineno))
                pc += pad
            elif directive in (".global", ".globl"):
                listing.globals.extend(a.strip() for a in args.split(",") if a.strip())
            elif directive in (".text", ".data", ".section", ".type", ".size", ".p2alignl", ".arch", ".cpu"):
                if directive in (".text", ".data", ".section"):
                    listing.sections.append(stmt)
            else:
                raise AsmSyntaxError(raw, 1, "a supported directive", directive)
            continue
        items.append((pc, "insn", stmt, lineno))
        pc += 4

    out = bytearray()
    lines = source.splitlines()
    for addr, kind, text, lineno in items:
        raw = lines[lineno - 1]
        if kind == "insn":
            resolved = _resolve_locals(text, local, addr, raw)
            try:
                word = assemble(resolved, pc=addr, symbols=symbols)
            except AsmSyntaxError as err:
                raise AsmSyntaxError(f"line {lineno}: {raw.strip()}", err.column, err.expected, err.token) from None
            except EncodeError as err:
                raise EncodeError(f"line {lineno}: {err}", encoding=err.encoding, argument=err.argument,
                                  value=err.value) from None
            out += word.to_bytes(4, "little")
        elif kind == ".pad":
            out += bytes(int(text))
        else:
            size = {".byte": 1, ".hword": 2, ".short": 2, ".2byte": 2, ".quad": 8, ".8byte": 8,
                    ".xword": 8, ".dword": 8}.get(kind, 4)
            for arg in (a for a in text.split(",") if a.strip()):
                value = _int(_resolve_locals(arg, local, addr, raw), raw, symbols)
                if not -(1 << (8 * size - 1)) <= value < (1 << (8 * size)):
                    raise AsmSyntaxError(raw, 1, f"a value that fits {size} byte(s)", arg.strip())
                out += (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
    listing.data = bytes(out)
    listing.symbols = symbols
    return listing


def _resolve_locals(text: str, local: dict[str, list[int]], addr: int, raw: str) -> str:
    """*text* with its local label references (``1b``, ``2f``) replaced by their addresses."""
    return _LOCAL_REF.sub(lambda m: str(_local(m, local, addr, raw)), text)


def _local(m: re.Match[str], local: dict[str, list[int]], addr: int, raw: str) -> int:
    name, direction = m[1], m[2]
    places = local.get(name, [])
    if direction == "b":
        before = [p for p in places if p <= addr]
        if before:
            return before[-1]
    else:
        after = [p for p in places if p > addr]
        if after:
            return after[0]
    raise AsmSyntaxError(raw, m.start() + 1, f"a local label {name}: {'before' if direction == 'b' else 'after'} this line",
                         m[0])


_ = ENCODINGS_BY_ID  # the codec's index is shared
