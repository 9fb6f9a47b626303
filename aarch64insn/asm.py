"""The assembler: text -> words, driven by the same templates and operand kinds as the printer.

``assemble(text, pc=...)`` finds the rows and aliases whose template starts with
the mnemonic, matches the text against each template (literals exactly, white
space free, operands by their kinds' parsers), encodes, and keeps a candidate
only when decoding the word selects that same template again. So the word
printed back is the word assembled, and where several encodings print the
same text (``mov x0, #1``: MOVZ, not ORR) the printer's own preference, which
follows the Arm ARM's alias rules as llvm-mc does, decides.

Speed without a weaker check: each template remembers, per operand text, what
its kind parsed (kinds whose parse reads only the text) and the word bits that
gives; a line whose operands were all seen before is built by OR-ing those bits
into the template's constant part, then decoded and printed back as always.
The templates of a mnemonic are tried in order by one combined regex (see
``_Plan``), and an alias's condition discards the parses it rules out
before any word is built (``lsl x0, x1, #3``: one of 64).

``assemble_lines(source, base=..., symbols=...)`` adds labels (``name:``, numeric local
labels ``1:`` with ``1b``/``1f``), comments (``//``, ``;``) and the directives
``.word``, ``.quad``, ``.hword``, ``.byte``, ``.balign``, ``.align``, ``.p2align``,
``.global``/``.globl`` and section directives (recorded, not acted on); *symbols*
names addresses outside the listing.
"""

from __future__ import annotations

import dis
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import CodeType

from . import table
from .codec import ENCODINGS_BY_ID, decode, encode, format_insn
from .errors import AsmSyntaxError, DecodeError, EncodeError
from .insn import Insn
from .operands import KINDS, Bound, Kind, canonical, derived_pattern, reverse_map
from .spec import CONDITION_HELPERS, Alias, Encoding, Opt, Placeholder

__all__ = ["Listing", "assemble", "assemble_lines", "assemble_listing"]


@dataclass(frozen=True, slots=True)
class _Slot:
    """One placeholder of a candidate, with what matching it needs at hand."""

    group: str
    bound: Bound
    fields: tuple[str, ...]
    defaults: tuple[int, ...]
    kind: Kind
    #: parse results (or the EncodeError it raised) by operand text, when the kind's
    #: parse depends on the text alone
    memo: dict[str, list[tuple[int, ...]] | EncodeError] | None
    #: index of the group in ``Match.groups()``
    index: int = 0
    #: per field (lsb, limit, fixed mask, fixed value), as :func:`codec.encode` checks them
    checks: tuple[tuple[int, int, int, int], ...] = ()
    #: the word bits of an operand text whose parse is one valid field tuple (fast path)
    bits: dict[str, int] | None = None
    #: the word bits of the defaults, when the group is left out (None: not valid)
    default_bits: int | None = None
    #: the parses for which the alias's ``cond`` holds, by operand text (the cond slot only)
    passing: dict[str, list[tuple[int, ...]]] | None = None
    #: per (operand text, cond-filtered), what :func:`_walk` derived from its parses
    derived: dict[tuple[str, bool], dict[object, object]] | None = None


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
    slots: tuple[_Slot, ...] = ()
    #: no field is set twice (by `when`, a flag or placeholders): one parse each is one solution
    disjoint: bool = False
    #: the alias condition's ``a == b`` field equalities
    equalities: tuple[tuple[str, str], ...] = ()
    #: the text does not depend on the address (the word may be remembered by text)
    pc_free: bool = True
    #: the word is the OR of per-operand bits (see :func:`_fast_word`); None: no fast path
    fast_base: int | None = None
    #: (group index, bits when present, bits when absent) of each flag group
    flag_bits: tuple[tuple[int, int, int], ...] = ()
    #: the alias's ``cond``, and the index of the slot whose fields (with the fixed
    #: ones) are all it reads, or -1 (see :func:`_passing`)
    cond: CodeType | None = None
    cond_slot: int = -1

    @property
    def name(self) -> str:
        return self.alias.id if self.alias else self.row.id


def _lit(text: str, state: list[bool]) -> str:
    """The regex of a template literal. *state*: [a space was seen (the one after the
    mnemonic is required, others are optional), the regex so far ends in white space].

    White space is allowed around punctuation, but one run of it is matched by one
    ``\\s*`` only: adjacent ones would split it in several ways, and a text that does
    not match would try every split (``stp ..., [sp, #-0x20]!`` against the template
    without ``!`` took 11 us).
    """
    out = []
    for ch in text:
        if ch == " ":
            if not state[0]:
                out.append(r"\s+")
                state[0] = True
            elif not state[1]:
                out.append(r"\s*")
            state[1] = True
        elif ch in ",[]{}!":
            out.append(("" if state[1] else r"\s*") + re.escape(ch) + r"\s*")
            state[1] = True
        else:
            out.append(re.escape(ch))
            state[1] = False
    return "".join(out)


_PC_KINDS = frozenset({"LABEL", "PAGE"})
_MEMO_LIMIT = 1 << 12


def _loads(fn: object) -> set[object]:
    """The local names a function reads (everything, when it is not plain Python)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return {"pc", "symbols"}
    return {i.argval for i in dis.get_instructions(code) if i.opname.startswith("LOAD_FAST")}


@cache
def _text_only(name: str) -> bool:
    """Whether kind *name*'s parse depends on the operand text alone (not on pc or symbols)."""
    if name in _PC_KINDS:
        return False
    kind = KINDS[name]
    parse = type(kind).parse
    if parse is Kind.parse:
        return True
    used = _loads(parse)
    return "symbols" not in used and ("pc" not in used or "pc" not in _loads(type(kind).encode))


def _candidate(row: Encoding, alias: Alias | None) -> _Candidate:
    template = alias.template if alias else row.template
    rid = alias.id if alias else row.id
    phs: list[tuple[str, Bound]] = []
    flags: list[tuple[str, str]] = []
    state = [False, False]

    def emit(items: tuple[object, ...] | list[object]) -> str:
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(_lit(item, state))
            elif isinstance(item, Placeholder):
                name = f"p{len(phs)}"
                b = Bound(rid, item, tuple(row.fields[n] for n in item.fields))
                phs.append((name, b))
                kind = KINDS[item.kind]
                pat = kind.pattern or derived_pattern(kind, b) or r".+?"
                out.append(f"(?P<{name}>{pat})")
                state[1] = False
            elif isinstance(item, Opt):
                before = state[1]
                inner = emit(list(item.items))
                # after the group, the regex ends in white space whether the group matched or not
                state[1] = before and state[1]
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
    regex = re.compile(r"\s*" + body + ("" if state[1] else r"\s*"), re.IGNORECASE)
    fixed: list[tuple[str, int]] = []
    if alias is not None:
        for f in row.fields.values():
            if (alias.mask & f.mask) == f.mask and (f.mask & ~row.mask):
                fixed.append((f.name, f.extract(alias.value)))
    _, spec, variable = _encoder(row)
    cond = alias.cond_code if alias is not None else None
    reads = set(cond.co_names) - set(CONDITION_HELPERS) if cond is not None else set()
    cond_slot = -1
    slots: list[_Slot] = []
    for g, b in phs:
        checks = tuple(spec[n][:4] for n in b.ph.fields)
        text_only = _text_only(b.ph.kind)
        filters = cond is not None and text_only and reads <= set(b.ph.fields) | {n for n, _ in fixed}
        if filters and cond_slot < 0:
            cond_slot = len(slots)
        slots.append(_Slot(
            g, b, b.ph.fields, b.ph.defaults, KINDS[b.ph.kind], {} if text_only else None,
            index=regex.groupindex[g] - 1,
            checks=checks,
            bits={} if text_only else None,
            default_bits=_bits(checks, b.ph.defaults),
            passing={} if filters and cond_slot == len(slots) else None,
            derived={} if text_only else None,
        ))
    names = [n for n, _ in fixed] + [f for _, f in flags] + [n for _, b in phs for n in b.ph.fields]
    disjoint = len(names) == len(set(names))
    equalities = tuple(alias.equalities()) if alias is not None else ()
    fast_base, flag_bits = _fast_plan(row, regex, fixed, flags, names, disjoint and not equalities)
    return _Candidate(
        row, alias, regex, tuple(phs), tuple(flags), tuple(fixed), tuple(steps),
        slots=tuple(slots),
        disjoint=disjoint,
        equalities=equalities,
        pc_free=not any(b.ph.kind in _PC_KINDS for _, b in phs),
        fast_base=fast_base,
        flag_bits=flag_bits,
        cond=cond,
        cond_slot=cond_slot,
    )


def _bits(checks: Sequence[tuple[int, int, int, int]], vals: Sequence[int]) -> int | None:
    """The word bits of field values, or None where :func:`codec.encode` would refuse one."""
    if len(vals) != len(checks):
        return None
    out = 0
    for (lsb, limit, fmask, fvalue), value in zip(checks, vals, strict=True):
        if value.__class__ is not int and (isinstance(value, bool) or not isinstance(value, int)):
            return None
        if not 0 <= value < limit:
            return None
        placed = value << lsb
        if (placed ^ fvalue) & fmask:
            return None
        out |= placed
    return out


def _fast_plan(row: Encoding, regex: re.Pattern[str], fixed: Sequence[tuple[str, int]],
               flags: Sequence[tuple[str, str]], names: Sequence[str],
               eligible: bool) -> tuple[int | None, tuple[tuple[int, int, int], ...]]:
    """Whether a single solution's word is the OR of per-operand bits, and its constant part.

    It is when every field is set once (no alias equalities fill one in), the
    fields' bits do not overlap, every variable field is set, and the alias's
    fixed fields are valid; :func:`codec.encode` then builds the same word.
    """
    base, spec, variable = _encoder(row)
    if not eligible or not all(n in spec for n in names) or not set(variable) <= set(names):
        return None, ()
    union = 0
    for n in names:
        mask = ~spec[n][4]
        if union & mask:
            return None, ()
        union |= mask
    word = base & ~union
    for n, v in fixed:
        bits = _bits((spec[n][:4],), (v,))
        if bits is None:
            return None, ()
        word |= bits
    flag_bits = []
    for gname, fname in flags:
        on, off = _bits((spec[fname][:4],), (1,)), _bits((spec[fname][:4],), (0,))
        if on is None or off is None:
            return None, ()
        flag_bits.append((regex.groupindex[gname] - 1, on, off))
    return word, tuple(flag_bits)


def _fast_word(c: _Candidate, groups: tuple[str | None, ...]) -> int | _Slot | None:
    """The word of a match whose operands were all seen before with one valid parse each.

    A slot: the operand its kind did not recognise or found out of range (seen
    before too; the operands before it parsed). None: take the general path
    (:func:`_solutions`), which also remembers what it parsed.
    """
    word = c.fast_base
    assert word is not None
    for i, on, off in c.flag_bits:
        word |= off if groups[i] is None else on
    for s in c.slots:
        text = groups[s.index]
        if text is None:
            bits = s.default_bits
        else:
            memo = s.bits
            bits = memo.get(text) if memo is not None else None
            if bits is None and s.memo is not None:
                entry = s.memo.get(text)
                if entry is not None and (isinstance(entry, EncodeError) or not entry):
                    return s
        if bits is None:
            return None
        word |= bits
    return word


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
            out.setdefault(_key(a.asm), []).append((row, a))
        out.setdefault(_key(row.asm), []).append((row, None))
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


def _candidates(mnemonic: str) -> tuple[_Candidate, ...]:
    """The candidates of a mnemonic as written, in the order they are tried (all built)."""
    return _plan(mnemonic).every()


#: a use count after which a mnemonic's templates are matched by one combined regex
_COMBINE_AFTER = 32
#: a combined regex is not built from more pattern text than this (it compiles slowly)
_COMBINE_LIMIT = 1 << 17


def _is_punct(ch: str) -> bool:
    """Whether a template regex matches the literal *ch* as itself only (no case, no space)."""
    return not (ch.isspace() or ch.isalnum() or ch == "_")


#: a first operand's kind is asked for the texts it prints (to know their first characters)
#: when its fields have at most this many bits (more: too slow to list before it is needed)
_LEAD_BITS = 8


def _prefilter(row: Encoding, alias: Alias | None) -> _Filter:
    """What every text a template's regex matches has, worked out without building the regex.

    (the punctuation of its literals outside ``[[ ... ]]``, in order; the punctuation
    its last literal ends with, when it ends the template; its mnemonic and the
    first characters (lower case) its first operand can start with, or "" where
    that is not known cheaply). The regex matches punctuation literally, white
    space around it freely: a text whose characters do not hold the first in
    order, or whose non-space characters do not end with the second, cannot match
    (``stp x0, x1, [sp, #-16]!`` and the post-index or offset forms); nor can one
    whose first operand starts otherwise (``ldr x0, ...`` and the ``b``/``h``/``s``/
    ``d``/``q`` register forms).
    """
    template = alias.template if alias is not None else row.template
    items = template.items
    needed = "".join(ch for item in items if isinstance(item, str) for ch in item if _is_punct(ch))
    last = items[-1] if items else None
    tail = ""
    if isinstance(last, str):
        for ch in reversed("".join(last.split())):
            if not _is_punct(ch):
                break
            tail = ch + tail
    word, lead = "", ""
    if len(items) > 1 and isinstance(items[0], str) and isinstance(items[1], Placeholder):
        ph = items[1]
        kind = KINDS[ph.kind]
        mnemonic = items[0]
        if (kind.pattern is None and mnemonic.endswith(" ") and mnemonic.strip() and " " not in mnemonic.strip()
                and mnemonic.isascii()):
            b = Bound(alias.id if alias else row.id, ph, tuple(row.fields[n] for n in ph.fields))
            if sum(b.widths) <= _LEAD_BITS:
                texts = reverse_map(kind, b)
                # (an empty text: the pattern matches nothing, or may be left out; none: ".+?")
                if texts and "" not in texts:
                    word, lead = mnemonic.strip().lower(), "".join(sorted({t[0] for t in texts}))
    return needed, tail, word, lead


_Filter = tuple[str, str, str, str]


def _may_match(text: str, needed: str, tail: str, word: str, lead: str) -> bool:
    """Whether *text* passes a template's :func:`_prefilter` (False: its regex cannot match)."""
    pos = 0
    for ch in needed:
        pos = text.find(ch, pos) + 1
        if not pos:
            return False
    if tail and not "".join(text.split()).endswith(tail):
        return False
    if lead and text.isascii():  # (without case folding beyond ASCII, lower() is the regex's)
        rest = text.lstrip()
        n = len(word)
        if rest[:n].lower() == word and rest[n : n + 1].isspace():
            first = rest[n:].lstrip()[:1].lower()
            if first and first not in lead:
                return False
    return True


def _prefilter_regex(needed: str, tail: str, word: str, lead: str) -> str:
    """:func:`_may_match` as a regex (a branch of the combined regex standing for a template
    not built yet: it matches every text the template's regex matches, and as few others
    as :func:`_may_match` lets through, so that it is built when one comes)."""
    look = "".join(f"[^{re.escape(ch)}]*{re.escape(ch)}" for ch in needed)
    if lead:
        w, chars = re.escape(word), "".join(re.escape(ch) for ch in lead)
        look = f"(?:(?!\\s*{w}\\s)|(?=\\s*{w}\\s+[{chars}])|(?=\\s*{w}\\s*$))(?={look})"
    else:
        look = f"(?={look})"
    end = r"\s*".join(re.escape(ch) for ch in tail)
    return f"{look}(?s:.*){end}\\s*" if end else f"{look}(?s:.*)"


@dataclass(slots=True)
class _Plan:
    """The templates of one mnemonic (as written), and how to find the first that matches.

    A template's candidate (its regex, compiled, and what encoding needs) is built
    the first time a text reaches it and passes its :func:`_prefilter`: templates
    that cannot match what the process assembles (the other forms of ``stp``, the
    AdvSIMD ``mov`` aliases behind ``mov x0, x1``) are never compiled.

    Candidates that share a template regex (the 32- and 64-bit rows of most
    instructions) share one match. After a few uses, one alternation, each branch
    ending in an empty marker group, finds the first template that matches in a
    single call: the marker that closed last names it. Built templates have their
    regex as a branch; the others, their prefilter as a regex: when that branch is
    the first to match, the templates from there on are tried one by one (and
    built as needed).
    """

    entries: tuple[tuple[Encoding, Alias | None], ...]
    #: per entry, its prefilter (see :func:`_prefilter`)
    filters: tuple[_Filter, ...]
    #: per entry, its candidate once built
    built: list[_Candidate | None]
    #: per entry, the index of its regex in :attr:`regexes` (-1: not built)
    pids: list[int]
    #: the distinct regexes of the built candidates, in the order they were built
    regexes: list[re.Pattern[str]]
    #: per regex, the index of its first entry (among the built ones)
    firsts: list[int]
    uses: int = 0
    combined: re.Pattern[str] | None = None
    #: per branch of the combined regex, its groups' indices there
    spans: tuple[tuple[int, ...], ...] = ()
    #: end-marker group index in the combined regex -> (entry index, regex index or -1: a prefilter)
    ends: dict[int, tuple[int, int]] = field(default_factory=dict)

    def candidate(self, i: int) -> _Candidate:
        """Entry *i*'s candidate, built now if it was not."""
        c = self.built[i]
        if c is not None:
            return c
        row, alias = self.entries[i]
        c = self.built[i] = _get_candidate(row, alias)
        for p, regex in enumerate(self.regexes):
            if regex.pattern == c.regex.pattern:
                self.firsts[p] = min(self.firsts[p], i)
                break
        else:
            p = len(self.regexes)
            self.regexes.append(c.regex)
            self.firsts.append(i)
        self.pids[i] = p
        if self.combined is not None:  # a new branch: combine again after a few more uses
            self.combined, self.uses = None, 0
        return c

    def reaches(self, i: int, text: str) -> _Candidate | None:
        """Entry *i*'s candidate when it is built or *text* passes its prefilter (None: its
        regex does not match *text*)."""
        c = self.built[i]
        if c is None and _may_match(text, *self.filters[i]):
            c = self.candidate(i)
        return c

    def every(self) -> tuple[_Candidate, ...]:
        return tuple(self.candidate(i) for i in range(len(self.entries)))

    def first(self, text: str) -> tuple[int, tuple[str | None, ...], re.Match[str] | None]:
        """The index of the first entry whose regex matches *text* (-1: none), its groups,
        its match (None when the groups came from the combined regex)."""
        combined = self.combined
        start = 0
        if combined is None:
            self.uses += 1
            if self.uses >= _COMBINE_AFTER and len(self.entries) > 1:
                self._combine()
                combined = self.combined
        if combined is not None:
            m = combined.fullmatch(text)
            if m is None:
                return -1, (), None
            marker = m.lastindex or 0
            i, k = self.ends[marker]
            if k >= 0:
                span = self.spans[k]
                if len(span) > 1:
                    return i, m.group(*span), None
                return i, ((m.group(span[0]),) if span else ()), None
            start = i  # a template not built yet may match: one by one from there
        failed: set[int] = set()
        for i in range(start, len(self.entries)):
            c = self.reaches(i, text)
            if c is None:
                continue
            p = self.pids[i]
            if p in failed:
                continue
            mm = self.regexes[p].fullmatch(text)
            if mm is not None:
                return i, mm.groups(), mm
            failed.add(p)
        return -1, (), None

    def _combine(self) -> None:
        if sum(len(r.pattern) for r in self.regexes) > _COMBINE_LIMIT:
            return
        branches = []
        spans = []
        ends = {}
        seen: set[str] = set()
        n = 0
        for i, c in enumerate(self.built):
            if c is None:
                pattern = _prefilter_regex(*self.filters[i])
                k, groups = -1, 0
            else:
                k = self.pids[i]
                if self.firsts[k] != i:
                    continue  # the same regex as an earlier entry: that branch answers
                pattern = _GROUP_NAME.sub("(", c.regex.pattern)
                groups = c.regex.groups
            if pattern in seen:
                continue  # (a prefilter shown before: that branch answers)
            seen.add(pattern)
            # the same groups, unnamed (the names repeat across branches), then the marker
            branches.append(f"(?:{pattern})()")
            if k >= 0:
                spans.append((k, tuple(range(n + 1, n + groups + 1))))
            n += groups + 1
            ends[n] = (i, k)
        try:
            combined = re.compile("|".join(branches), re.IGNORECASE)
        except (re.error, RecursionError, OverflowError):
            return
        if combined.groups != n:
            return
        by_regex = dict(spans)
        self.spans = tuple(by_regex.get(k, ()) for k in range(len(self.regexes)))
        self.ends, self.combined = ends, combined


_GROUP_NAME = re.compile(r"\(\?P<[pf][0-9]+>")
#: the plans of mnemonics, as written (case and all)
_PLANS: dict[str, _Plan] = {}


def _plan(mnemonic: str) -> _Plan:
    found = _PLANS.get(mnemonic)
    if found is not None:
        return found
    index = _index()
    entries: list[tuple[Encoding, Alias | None]] = []
    m = mnemonic.lower()
    for n in range(len(m), 0, -1):
        entries.extend(index.get(m[:n], ()))
    if len(_PLANS) > _MEMO_LIMIT:
        _PLANS.clear()
    found = _PLANS[mnemonic] = _Plan(
        tuple(entries), tuple(_prefilter(row, alias) for row, alias in entries),
        [None] * len(entries), [-1] * len(entries), [], [],
    )
    return found


_MNEMONIC = re.compile(r"\s*([a-z0-9_.]+)", re.IGNORECASE)


def _solutions(
    c: _Candidate,
    m: re.Match[str],
    pc: int,
    symbols: Mapping[str, int],
    errors: list[EncodeError],
    rejects: list[tuple[re.Pattern[str], _Slot]],
    filtered: list[bool] | None = None,
) -> Iterable[dict[str, int]]:
    """Every consistent assignment of fields for a template match (bounded search).

    An operand its kind does not recognise is recorded in *rejects* as (the regex
    that matched, its slot); one out of range, as the kind's EncodeError in *errors*
    (a remembered one is shared: raise a copy).

    With *filtered*, the parses of the candidate's cond slot for which the alias's
    ``cond`` is false are left out (their words would not print as the alias), and
    ``filtered[0]`` says whether some were.
    """
    options: list[_Option] = []
    single = True
    empty = False
    for s in c.slots:
        text = m.group(s.group)
        if text is None:
            options.append((s.fields, (s.defaults,), None))
            continue
        memo = s.memo
        entry = memo.get(text) if memo is not None else None
        if isinstance(entry, EncodeError):
            errors.append(entry)
            return ()
        cands: list[tuple[int, ...]]
        if entry is not None:
            cands = entry
        else:
            try:
                cands = s.kind.parse(s.bound, text, pc, symbols)
            except EncodeError as err:
                errors.append(err)
                if memo is not None and type(err) is EncodeError:
                    if len(memo) > _MEMO_LIMIT:
                        memo.clear()
                    memo[text] = err  # later calls raise a copy (see _fresh)
                return ()
            if memo is not None:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()
                memo[text] = cands
                if s.bits is not None and len(cands) == 1:
                    bits = _bits(s.checks, cands[0])
                    if bits is not None:
                        if len(s.bits) > _MEMO_LIMIT:
                            s.bits.clear()
                        s.bits[text] = bits
        if not cands:
            rejects.append((m.re, s))
            return ()
        cut = False
        if filtered is not None and s.passing is not None and len(cands) > 1:
            kept = _passing(c, s, text, cands)
            if len(kept) < len(cands):
                filtered[0] = cut = True
                cands = kept
                empty = empty or not kept
        derived = None
        if len(cands) > 1:
            single = False
            if s.derived is not None:
                derived = s.derived.get((text, cut))
                if derived is None:
                    if len(s.derived) > _MEMO_LIMIT:
                        s.derived.clear()
                    derived = s.derived[(text, cut)] = {}
        options.append((s.fields, cands, derived))
    if empty:
        return ()
    base: dict[str, int] = dict(c.fixed)
    for gname, fname in c.flags:
        base[fname] = 1 if m.group(gname) is not None else 0
    if c.disjoint:
        if single:
            # one value per operand and no field shared: the one solution, without a search
            for names, vals, _ in options:
                base.update(zip(names, vals[0], strict=True))
            return (base,)
        return _product(options, base)
    return _walk(options, base)


def _passing(c: _Candidate, s: _Slot, text: str, cands: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """The parses of *text* in the cond slot *s* for which the alias's ``cond`` holds.

    ``lsl x0, x1, #3`` parses as 64 (immr, imms) pairs, of which one is LSL's.
    """
    assert s.passing is not None and c.cond is not None
    kept = s.passing.get(text)
    if kept is None:
        kept = []
        for vals in cands:
            env = dict(c.fixed)
            env.update(zip(s.fields, vals, strict=True))
            if not _fails(c.cond, env):
                kept.append(vals)
        if len(s.passing) > _MEMO_LIMIT:
            s.passing.clear()
        s.passing[text] = kept
    return kept


#: (field names, their value tuples, a memo of what was derived from them or None)
_Option = tuple[tuple[str, ...], Sequence[tuple[int, ...]], "dict[object, object] | None"]


def _product(options: list[_Option], base: dict[str, int]) -> Iterator[dict[str, int]]:
    """As :func:`_walk` when no field is set twice: every combination is consistent."""
    fixed = dict(base)
    multi: list[tuple[tuple[str, ...], Sequence[tuple[int, ...]]]] = []
    for names, tuples, _ in options:
        if len(tuples) == 1:
            fixed.update(zip(names, tuples[0], strict=True))
        else:
            multi.append((names, tuples))
    for combo in itertools.islice(itertools.product(*(tuples for _, tuples in multi)), 256):
        fields = dict(fixed)
        for (names, _), vals in zip(multi, combo, strict=True):
            fields.update(zip(names, vals, strict=True))
        yield fields


def _walk(options: list[_Option], base: dict[str, int]) -> Iterator[dict[str, int]]:
    """The consistent combinations of the operands' field tuples, depth first, at most 256.

    An operand's tuples are indexed by the fields an earlier operand (or *base*)
    already set, so only the consistent ones are visited; an operand's tuples that
    no tuple of the next one agrees with are left out before the search
    (``ubfiz x0, x1, #3, #4``: 64 (immr, imms) pairs for the lsb, 64 for the width,
    one in common). Both are remembered with the operand's parses.
    """
    plan: list[tuple[tuple[str, ...], tuple[int, ...], Mapping[tuple[int, ...], Sequence[tuple[int, ...]]] | None,
                     Sequence[tuple[int, ...]]]] = []
    bound = set(base)
    for names, cands, memo in options:
        shared = tuple(k for k, n in enumerate(names) if n in bound)
        index: _Index | None = None
        if shared:
            index = memo.get(shared) if memo is not None else None  # type: ignore[assignment]
            if index is None:
                index = _project(cands, shared)
                if memo is not None:
                    memo[shared] = index
        plan.append((names, shared, index, cands))
        bound.update(names)
    for i in range(len(plan) - 1):
        names, shared, own, cands = plan[i]
        later_names, later_shared, later_index, _ = plan[i + 1]
        if own is not None or later_index is None or len(cands) <= 4:
            continue
        # the next operand's key is made of this operand's fields alone (none was set before)
        keys = [later_names[k] for k in later_shared]
        if not all(n in names for n in keys):
            continue
        at = tuple(names.index(n) for n in keys)
        memo = options[i][2]
        proj: _Index | None = memo.get(("by", at)) if memo is not None else None  # type: ignore[assignment]
        if proj is None:
            proj = _project(cands, at)
            if memo is not None:
                memo[("by", at)] = proj
        common = proj.keys() & later_index.keys()
        if len(common) == len(proj):
            continue
        if len(common) == 1:
            kept: Sequence[tuple[int, ...]] = proj[next(iter(common))]
        else:
            kept = [vals for vals in cands if tuple([vals[k] for k in at]) in common]
        plan[i] = (names, shared, own, kept)
    budget = [256]

    def walk(i: int, fields: dict[str, int]) -> Iterator[dict[str, int]]:
        if budget[0] <= 0:
            return
        if i == len(plan):
            budget[0] -= 1
            yield fields
            return
        names, shared, index, cands = plan[i]
        if index is not None:
            cands = index.get(tuple([fields[names[k]] for k in shared]), ())
        for vals in cands:
            nxt = dict(fields)
            nxt.update(zip(names, vals, strict=True))
            yield from walk(i + 1, nxt)

    return walk(0, base)


_Index = dict[tuple[int, ...], list[tuple[int, ...]]]


def _project(cands: Sequence[tuple[int, ...]], at: tuple[int, ...]) -> _Index:
    """The tuples by their values at positions *at*, in order."""
    out: _Index = {}
    for vals in cands:
        out.setdefault(tuple([vals[k] for k in at]), []).append(vals)
    return out


def _complete(c: _Candidate, fields: dict[str, int]) -> dict[str, int]:
    """Fill fields an alias leaves to its condition (``Rm == Rn``) and check the condition."""
    for left, right in c.equalities:
        if left not in fields and right in fields:
            fields[left] = fields[right]
        elif right not in fields and left in fields:
            fields[right] = fields[left]
    return fields


_Encoder = tuple[int, dict[str, tuple[int, int, int, int, int]], tuple[str, ...]]
_ENCODERS: dict[str, _Encoder] = {}


def _encoder(row: Encoding) -> _Encoder:
    """What :func:`codec.encode` checks, per field: (lsb, limit, fixed mask, fixed value, ~mask)."""
    enc = _ENCODERS.get(row.id)
    if enc is None:
        lay = row.layout
        spec = {}
        for name, f in row.fields.items():
            fmask, fvalue = lay.fixed_in_field[name]
            spec[name] = (f.lsb, 1 << f.width, fmask, fvalue, ~f.mask)
        enc = _ENCODERS[row.id] = (row.value | lay.should_value, spec, tuple(lay.variable))
    return enc


def _encode(c: _Candidate, fields: dict[str, int]) -> Insn | None:
    """The decoded word of *fields* when it encodes and decodes as this same row and alias.

    As ``encode(row.id, **fields)`` (fields the row lacks ignored) without raising.
    """
    row = c.row
    word, spec, variable = _encoder(row)
    for name, value in fields.items():
        s = spec.get(name)
        if s is None:
            continue
        if value.__class__ is not int and (isinstance(value, bool) or not isinstance(value, int)):
            return None
        lsb, limit, fmask, fvalue, keep = s
        if not 0 <= value < limit:
            return None
        placed = value << lsb
        if (placed ^ fvalue) & fmask:
            return None
        word = (word & keep) | placed
    for name in variable:
        if name not in fields:
            return None
    return _check(c, word)


_COND_GLOBALS: dict[str, object] = dict(CONDITION_HELPERS)


def _fails(cond: CodeType, fields: dict[str, int]) -> bool:
    """Whether an alias's ``cond`` is false for these field values (False: true, or it reads
    a field not among them). As the decoder evaluates it: a word whose fields make it false
    does not print as the alias, and :func:`_encode` would return None."""
    try:
        return not eval(cond, _COND_GLOBALS, fields)  # noqa: S307 - the table's own expressions
    except NameError:
        return False


def _check(c: _Candidate, word: int) -> Insn | None:
    """The decoded *word*, when it decodes as the candidate's row and alias."""
    try:
        insn = decode(word)
    except DecodeError:
        return None
    if insn.encoding is not c.row:
        return None
    if c.alias is not None and insn.alias is not c.alias:
        return None
    return insn


_CACHE: dict[str, int] = {}
#: printed text -> (its lower-case words, its registers, its canonical form)
_PRINTED: dict[str, tuple[list[str], tuple[str, ...], str]] = {}


def _printed(text: str) -> tuple[list[str], tuple[str, ...], str]:
    got = _PRINTED.get(text)
    if got is None:
        if len(_PRINTED) > 1 << 16:
            _PRINTED.clear()
        got = _PRINTED[text] = (text.lower().split(), _registers(text), canonical(text))
    return got


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
    plan = _plan(m[1])
    if not plan.entries:
        raise AsmSyntaxError(text, m.start(1) + 1, "a known mnemonic", m[1])
    k0, groups0, match0 = plan.first(text)
    if k0 < 0:
        raise _syntax_error(text, m[1], list(plan.every()))
    pids, regexes, firsts, built = plan.pids, plan.regexes, plan.firsts, plan.built
    p0 = pids[k0]
    syms = symbols or {}
    errors: list[EncodeError] = []
    rejects: list[tuple[re.Pattern[str], _Slot]] = []
    matched: list[_Candidate] = []
    fallback: int | None = None
    first: tuple[int, _Candidate] | None = None
    want = _Wanted(text)
    want_words: list[str] | None = None
    others: dict[int, re.Match[str] | None] = {}
    #: fallbacks to work out in order, once one candidate's were left out (see _solutions)
    deferred: list[tuple[_Candidate, int | None, dict[str, int] | re.Match[str] | None]] = []
    for i in range(k0, len(plan.entries)):
        c = built[i]
        if c is None:
            c = plan.reaches(i, text)
            if c is None:
                continue  # not built, and its prefilter says its regex does not match
        p = pids[i]
        if p == p0:
            groups, mm = groups0, match0
        elif firsts[p] < k0:
            continue  # an entry before the first that matches has its regex: it does not
        else:
            mm = others[p] if p in others else others.setdefault(p, regexes[p].fullmatch(text))
            if mm is None:
                continue
            groups = mm.groups()
        if c.fast_base is not None:
            # the one solution, its word built from remembered per-operand bits
            w = _fast_word(c, groups)
            if w.__class__ is _Slot:
                assert isinstance(w, _Slot) and w.memo is not None
                entry = w.memo[groups[w.index]]  # type: ignore[index]
                if isinstance(entry, EncodeError):
                    errors.append(entry)
                else:
                    rejects.append((regexes[p], w))
                continue
            if w is not None:
                assert isinstance(w, int)
                insn = _check(c, w)
                if insn is None:
                    # as the general path: the word encodes but decodes as another row or alias
                    if c.alias is not None and fallback is None:
                        if deferred:
                            deferred.append((c, w, None))
                        else:
                            fallback = _as_row(c, w)
                    matched.append(c)
                    continue
                printed_text = format_insn(insn, pc)
                if printed_text == text:
                    return _remember(text, c, w)  # the same text: the same registers and form
                words, regs, printed = _printed(printed_text)
                if want_words is None:
                    want_words = text.lower().split()
                if words == want_words:
                    # only white space or case differs: the same registers, the same canonical form
                    return _remember(text, c, w)
                if printed == want.canonical():
                    # the same text but for spelling (numbers, case, spaces): the same registers too
                    return _remember(text, c, w)
                if first is None and regs == want.registers():
                    first = (w, c)
                matched.append(c)  # its one solution parsed, yet does not print as the text
                continue
        if mm is None:  # the groups came from the combined regex: match this template alone
            mm = match0 = regexes[p].fullmatch(text)
            assert mm is not None
        n_errors, n_rejects, n_deferred, had = len(errors), len(rejects), len(deferred), fallback
        cond = c.cond
        filtered = [False]
        for fields in _solutions(c, mm, pc, syms, errors, rejects, filtered):
            full = _complete(c, fields)
            insn = None
            if cond is None or not _fails(cond, full):
                insn = _encode(c, full)
            if insn is not None:
                w = insn.word
                printed_text = format_insn(insn, pc)
                if printed_text == text:
                    return _remember(text, c, w)
                _, regs, printed = _printed(printed_text)
                if printed == want.canonical():
                    return _remember(text, c, w)
                if first is None and regs == want.registers():  # else a register the text did not name
                    first = (w, c)
            elif c.alias is not None and fallback is None:
                if deferred:
                    deferred.append((c, None, full))
                else:
                    fallback = _alias_fallback(c, full)
        if filtered[0] and had is None:
            # solutions were left out: its fallback is the first of all of them, found if needed
            fallback = None
            del deferred[n_deferred:]
            deferred.append((c, None, mm))
        if len(errors) == n_errors and len(rejects) == n_rejects:
            matched.append(c)  # every operand parsed, yet no word prints as the text
    if first is not None:
        return _remember(text, first[1], first[0])
    if fallback is None:
        for c, w, extra in deferred:
            if w is not None:
                fallback = _as_row(c, w)
            elif isinstance(extra, dict):
                fallback = _alias_fallback(c, extra)
            elif extra is not None:
                fallback = _first_fallback(c, extra, pc, syms)
            if fallback is not None:
                break
    if fallback is not None:
        return fallback
    if errors:
        err = errors[0]
        raise _fresh(err) if type(err) is EncodeError else err  # (remembered ones are shared)
    if matched:
        c = matched[0]
        raise EncodeError(
            f"{c.name}: the operands of {text.strip()!r} cannot be encoded "
            f"(reserved value or a combination the encoding does not allow)",
            encoding=c.name,
        )
    if rejects:
        # the operand that got furthest into some template is the one to point at
        found = []
        for regex, s in rejects:
            rm = regex.fullmatch(text)
            assert rm is not None
            found.append((rm.start(s.group) + 1, rm.group(s.group).strip(), s.kind.expected))
        col, token, expected = max(found, key=lambda r: r[0])
        raise AsmSyntaxError(text, col, expected, token)
    raise _syntax_error(text, m[1], list(plan.every()))


def _forget() -> None:
    """Clear what :func:`assemble` remembers between calls (words by text, operand parses,
    printed forms); the compiled templates stay. For benchmarks and tests."""
    _CACHE.clear()
    _PRINTED.clear()
    for c in _CANDIDATES.values():
        for s in c.slots:
            if s.memo is not None:
                s.memo.clear()
            if s.bits is not None:
                s.bits.clear()
            if s.passing is not None:
                s.passing.clear()
            if s.derived is not None:
                s.derived.clear()


_REG_TOKEN = re.compile(r"(?<![\w.])(?:[xwbhsdqvz][0-9]{1,2}|[xw]zr|w?sp|lr|fp|ip0|ip1)(?![\w])")
_REG_ALIASES = {"lr": "x30", "fp": "x29", "ip0": "x16", "ip1": "x17"}


class _Wanted:
    """The canonical form and the registers of an input line, worked out when first asked for."""

    __slots__ = ("_canonical", "_registers", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._canonical: str | None = None
        self._registers: tuple[str, ...] | None = None

    def canonical(self) -> str:
        if self._canonical is None:
            self._canonical = canonical(self.text)
        return self._canonical

    def registers(self) -> tuple[str, ...]:
        if self._registers is None:
            self._registers = _registers(self.text)
        return self._registers


def _registers(text: str) -> tuple[str, ...]:
    """The register names in an instruction's operands, in order (lr/fp spelled as x30/x29)."""
    parts = text.lower().split(None, 1)
    if len(parts) < 2:
        return ()
    found = _REG_TOKEN.findall(parts[1])
    if "lr" in found or "fp" in found or "ip0" in found or "ip1" in found:
        aliases = _REG_ALIASES
        return tuple([aliases.get(r, r) for r in found])
    return tuple(found)


def _remember(text: str, c: _Candidate, word: int) -> int:
    if c.pc_free:
        if len(_CACHE) > 1 << 16:
            _CACHE.clear()
        _CACHE[text] = word
    return word


def _fresh(err: EncodeError) -> EncodeError:
    """A copy of a remembered parse error (the original may have been raised already)."""
    new = EncodeError(str(err), encoding=err.encoding, argument=err.argument, value=err.value)
    new.__cause__, new.__context__ = err.__cause__, err.__context__
    new.__suppress_context__ = err.__suppress_context__
    return new


def _as_row(c: _Candidate, word: int) -> int | None:
    """:func:`_alias_fallback` for a word known to encode."""
    alias = c.alias
    if alias is None or word & alias.mask != alias.value:
        return None
    try:
        return word if decode(word).encoding is c.row else None
    except DecodeError:
        return None


def _first_fallback(c: _Candidate, m: re.Match[str], pc: int, symbols: Mapping[str, int]) -> int | None:
    """The fallback of the first of all a match's solutions that has one, as found when none
    is left out."""
    for fields in _solutions(c, m, pc, symbols, [], []):
        full = _complete(c, fields)
        if (c.cond is not None and _fails(c.cond, full)) or _encode(c, full) is None:
            word = _alias_fallback(c, full)
            if word is not None:
                return word
    return None


def _alias_fallback(c: _Candidate, fields: dict[str, int]) -> int | None:
    """An alias written where another alias is preferred is still valid syntax (Arm ARM).

    Only where the alias's ``when`` holds: its template may show operands it
    does not cover (``mov w0, v1.h[1]`` is not MOV, whose element is ``.s``).
    """
    try:
        word = encode(c.row.id, **{n: v for n, v in fields.items() if n in c.row.fields})
    except EncodeError:
        return None
    return _as_row(c, word)


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
#: what every local label reference contains (a quick test before the substitution)
_LOCAL_HINT = re.compile(r"[0-9][bf]")


@dataclass
class Listing:
    """What :func:`assemble_lines` produced: bytes, symbols, and what it recorded."""

    data: bytes
    base: int
    symbols: dict[str, int] = field(default_factory=dict)
    globals: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)


def _strip_comment(line: str) -> str:
    if "/" not in line and ";" not in line:
        return line.rstrip()
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


def assemble_lines(source: str, *, base: int = 0, symbols: Mapping[str, int] | None = None) -> bytes:
    """Assemble a listing with labels and directives; the bytes it occupies from *base*.

    *symbols* maps names defined outside the listing to their addresses; the
    listing's instructions and data directives use them as they use its labels
    (``bl prepare_ftrace_return``, ``adrp x0, function_trace_op``).
    """
    return assemble_listing(source, base=base, symbols=symbols).data


def assemble_listing(source: str, *, base: int = 0, symbols: Mapping[str, int] | None = None) -> Listing:
    """As :func:`assemble_lines`, also returning the symbol table and recorded directives.

    The returned ``Listing.symbols`` holds the listing's own labels. A label
    that names one of the external *symbols* again is an :class:`AsmSyntaxError`,
    as a label defined twice is.

    >>> listing = assemble_listing("f: bl helper\\n ret", base=0x1000, symbols={"helper": 0x2000})
    >>> listing.symbols, listing.data.hex()
    ({'f': 4096}, '00040094c0035fd6')
    """
    external = symbols or {}
    labels: dict[str, int] = {}
    local: dict[str, list[int]] = {}
    listing = Listing(b"", base)
    lines = source.splitlines()
    # (address, line index, directive or "" for an instruction, its text)
    items: list[tuple[int, int, str, str]] = []
    pc = base
    for lineno, raw in enumerate(lines):
        line = raw
        if "/" in line or ";" in line:
            line = _strip_comment(line)
        while ":" in line:  # every label ends with one
            m = _LABEL.match(line)
            if m is None:
                break
            name = m[1]
            if name.isdigit():
                local.setdefault(name, []).append(pc)
            else:
                if name in labels:
                    raise AsmSyntaxError(raw, m.start(1) + 1, "a new label", name)
                if name in external:
                    raise AsmSyntaxError(raw, m.start(1) + 1, "a label that is not an external symbol", name)
                labels[name] = pc
            line = line[m.end() :]
        stmt = line.strip()
        if not stmt:
            continue
        if stmt[0] != ".":
            items.append((pc, lineno, "", stmt))
            pc += 4
            continue
        directive, _, args = stmt.partition(" ")
        directive = directive.lower()
        size = _DATA_SIZES.get(directive)
        if size is not None:
            n = len([a for a in args.split(",") if a.strip()])
            items.append((pc, lineno, directive, args))
            pc += size * n
        elif directive in (".balign", ".align", ".p2align"):
            amount = _int(args.split(",")[0], raw, {})
            align = amount if directive == ".balign" else 1 << amount
            if align <= 0 or align & (align - 1):
                raise AsmSyntaxError(raw, 1, "a power-of-two alignment", args.strip())
            pad = (-pc) % align
            items.append((pc, lineno, ".pad", str(pad)))
            pc += pad
        elif directive in (".global", ".globl"):
            listing.globals.extend(a.strip() for a in args.split(",") if a.strip())
        elif directive in (".text", ".data", ".section", ".type", ".size", ".p2alignl", ".arch", ".cpu"):
            if directive in (".text", ".data", ".section"):
                listing.sections.append(stmt)
        else:
            raise AsmSyntaxError(raw, 1, "a supported directive", directive)

    every = {**external, **labels} if external else labels
    out = bytearray()
    cache = _CACHE
    for addr, lineno, kind, text in items:
        if not kind:
            if _LOCAL_HINT.search(text) is not None:
                text = _resolve_locals(text, local, addr, lines[lineno])
            word = cache.get(text)
            if word is None:
                try:
                    word = assemble(text, pc=addr, symbols=every)
                except AsmSyntaxError as err:
                    raise AsmSyntaxError(f"line {lineno + 1}: {lines[lineno].strip()}", err.column, err.expected,
                                         err.token) from None
                except EncodeError as err:
                    raise EncodeError(f"line {lineno + 1}: {err}", encoding=err.encoding, argument=err.argument,
                                      value=err.value) from None
            out += word.to_bytes(4, "little")
        elif kind == ".pad":
            out += bytes(int(text))
        else:
            raw = lines[lineno]
            size = _DATA_SIZES[kind]
            for arg in (a for a in text.split(",") if a.strip()):
                value = _int(_resolve_locals(arg, local, addr, raw), raw, every)
                if not -(1 << (8 * size - 1)) <= value < (1 << (8 * size)):
                    raise AsmSyntaxError(raw, 1, f"a value that fits {size} byte(s)", arg.strip())
                out += (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
    listing.data = bytes(out)
    listing.symbols = labels
    return listing


#: the data directives and the size of one value
_DATA_SIZES = {
    ".word": 4, ".4byte": 4, ".long": 4, ".inst": 4,
    ".quad": 8, ".8byte": 8, ".xword": 8, ".dword": 8,
    ".hword": 2, ".short": 2, ".2byte": 2,
    ".byte": 1,
}


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
