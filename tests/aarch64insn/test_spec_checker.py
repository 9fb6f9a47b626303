"""One negative test per table check (the decodetree err_* idea): each SpecError names the row."""

from __future__ import annotations

import pytest

from aarch64insn.errors import SpecError
from aarch64insn.operands import KINDS
from aarch64insn.spec import Alias, Encoding, KernelFunc, OverlapGroup, check_table, parse_diagram, parse_template


def _check(encs=(), aliases=(), kfs=(), groups=()):  # type: ignore[no-untyped-def]
    check_table(encs, aliases, kfs, groups, kinds=KINDS, kind_arity=lambda k: KINDS[k].arity)


B = Encoding("B_only_branch_imm", "op=0 00101 imm26:26", "b {LABEL:imm26*4}")
BL = Encoding("BL_only_branch_imm", "op=1 00101 imm26:26", "bl {LABEL:imm26*4}")


def test_diagram_parser_matches_the_kernel_masks() -> None:
    # mask/value of the kernel's __AARCH64_INSN_FUNCS(b/bl/hint/ret/brk) lines
    assert (B.mask, B.value) == (0xFC000000, 0x14000000)
    assert (BL.mask, BL.value) == (0xFC000000, 0x94000000)
    hint = parse_diagram("1101010100 0 00 011 0010 CRm:4 op2:3 11111")
    assert (hint.mask, hint.value) == (0xFFFFF01F, 0xD503201F)
    ret = parse_diagram("1101011 Z=0 0 op=10 11111 0000 A=0 M=0 Rn:5 Rm=00000")
    assert (ret.mask, ret.value) == (0xFFFFFC1F, 0xD65F0000)


def test_partial_fields_and_should_be_bits() -> None:
    lay = parse_diagram("sf=0 opc=10 100101 hw=0x imm16:16 (0)(1)(1)(1)(1)")
    assert lay.variable == ("hw", "imm16")
    assert lay.mask & (1 << 22) and not lay.mask & (1 << 21)
    assert (lay.should_mask, lay.should_value) == (0x1F, 0x0F)


@pytest.mark.parametrize(
    ("diagram", "message"),
    [
        ("op=0 00101 imm26:25", "covers 31 bits, expected 32"),
        ("op=0 00101 imm26:27", "covers 33 bits"),
        ("op=0 00101 imm26:26 1", "covers 33 bits"),
        ("op=0 00101 imm26:13 imm26:13", "field 'imm26' appears twice"),
        ("op=0 00101 imm!:26", "bad diagram token"),
        ("op=0 00101 x:0 imm26:26", "has width 0"),
    ],
)
def test_bad_diagrams_are_refused(diagram: str, message: str) -> None:
    row = Encoding("X_bad", diagram, "b {LABEL:imm26*4}")  # rows parse lazily; the check forces them
    with pytest.raises(SpecError, match="^X_bad: .*" + message.replace("(", r"\(").replace(")", r"\)")):
        _check([row])


def test_duplicate_ids_are_refused() -> None:
    with pytest.raises(SpecError, match="B_only_branch_imm: duplicate encoding ID"):
        _check([B, B])


def test_undeclared_overlap_is_refused_and_a_group_allows_it() -> None:
    nop = Encoding("NOP_HI_hints", "1101010100 0 00 011 0010 CRm=0000 op2=000 11111", "nop")
    hint = Encoding("HINT_HM_hints", "1101010100 0 00 011 0010 CRm:4 op2:3 11111", "hint {IMM:CRm,op2}")
    with pytest.raises(SpecError, match="overlaps .* no OverlapGroup orders them"):
        _check([nop, hint])
    _check([nop, hint], groups=[OverlapGroup("hints", ("NOP_HI_hints", "HINT_HM_hints"))])


def test_exclusion_resolves_an_overlap() -> None:
    dsb = Encoding("DSB_BO_barriers", "1101010100 0 00 011 0011 CRm:4 op2=100 11111", "dsb {BARRIER:CRm}",
                   exclude=("CRm == 0",))
    ssbb = Encoding("SSBB_only_barriers", "1101010100 0 00 011 0011 CRm=0000 op2=100 11111", "ssbb")
    _check([dsb, ssbb])


def test_group_naming_unknown_row_is_refused() -> None:
    with pytest.raises(SpecError, match="overlap group names unknown encoding 'NOPE'"):
        _check([B], groups=[OverlapGroup("g", ("B_only_branch_imm", "NOPE"))])


def test_alias_of_unknown_base_is_refused() -> None:
    with pytest.raises(SpecError, match="MOV_x: alias of unknown encoding 'ORR_nope'"):
        _check([B], aliases=[Alias("MOV_x", "ORR_nope", "", "mov")])


def test_alias_must_specialise_its_base() -> None:
    al = Alias("X_B", "B_only_branch_imm", "op=1", "x {LABEL:imm26*4}")
    with pytest.raises(SpecError, match="X_B: not a specialisation of B_only_branch_imm"):
        _check([B], aliases=[al])


def test_alias_condition_on_unknown_field_is_refused() -> None:
    with pytest.raises(SpecError, match="condition names unknown field 'Rd'"):
        _check([B], aliases=[Alias("X_B2", "B_only_branch_imm", "Rd=11111", "b {LABEL:imm26*4}")])


def test_kernel_value_outside_mask_is_refused() -> None:
    with pytest.raises(SpecError, match=r"aarch64_insn_is_b: value 0x14000001 has bits outside mask 0xfc000000"):
        _check([B], kfs=[KernelFunc("b", 0xFC000000, 0x14000001)])


def test_kernel_cover_outside_match_is_refused() -> None:
    with pytest.raises(SpecError, match="aarch64_insn_is_bl: covers B_only_branch_imm .* not inside"):
        _check([B, BL], kfs=[KernelFunc("bl", 0xFC000000, 0x94000000, covers=("B_only_branch_imm",))])


def test_kernel_cover_of_unknown_row_is_refused() -> None:
    with pytest.raises(SpecError, match="covers unknown encoding 'B_nope'"):
        _check([B], kfs=[KernelFunc("b", 0xFC000000, 0x14000000, covers=("B_nope",))])


def test_template_must_show_every_free_field() -> None:
    row = Encoding("BRK_EX_exception", "11010100 opc=001 imm16:16 op2=000 LL=00", "brk")
    with pytest.raises(SpecError, match="does not show field\\(s\\) imm16"):
        _check([row])


def test_template_unknown_field_kind_and_arity_are_refused() -> None:
    with pytest.raises(SpecError, match="names unknown field 'imm9'"):
        _check([Encoding("X_f", "op=0 00101 imm26:26", "b {LABEL:imm9}")])
    with pytest.raises(SpecError, match="unknown operand kind NOPE"):
        _check([Encoding("X_k", "op=0 00101 imm26:26", "b {NOPE:imm26}")])
    with pytest.raises(SpecError, match="operand kind SHIFT64 takes 2 field\\(s\\), template gives 1"):
        _check([Encoding("X_a", "op=0 00101 imm26:26", "b {SHIFT64:imm26}")])


def test_template_syntax_errors() -> None:
    with pytest.raises(SpecError, match="unclosed"):
        parse_template("ret[[ {X:Rn}", row="T")
    with pytest.raises(SpecError, match="shows no field and has no flag"):
        parse_template("x[[, lsl #12]]", row="T")
    with pytest.raises(SpecError, match="stray brace"):
        parse_template("x {X:Rn", row="T")


def test_the_table_check_is_skipped_only_for_a_checked_digest() -> None:
    from aarch64insn import table

    digest = table._digest()
    assert digest is not None and len(digest) == 24
    table.check()  # the real table passes every check


def test_bad_condition_is_refused() -> None:
    with pytest.raises(SpecError, match="X_c: condition 'imm26 ==' does not parse"):
        _check([Encoding("X_c", "op=0 00101 imm26:26", "b {LABEL:imm26*4}", exclude=("imm26 ==",))])
    with pytest.raises(SpecError, match="X_d: condition 'Rt == 1' names unknown Rt"):
        _check([Encoding("X_d", "op=0 00101 imm26:26", "b {LABEL:imm26*4}", exclude=("Rt == 1",))])
