"""``aarch64insn.kernel``: a bit-exact mirror of the Linux kernel's arm64 instruction API.

Pinned to mainline ``arch/arm64/lib/insn.c`` at commit
36ec807b627b4c0a0a382f0ae48eac7187d14b2b and the matching
``arch/arm64/include/asm/insn.h``, built with ``CONFIG_ARM64_LSE_ATOMICS=y``. Every name is
spelled as in C (a parameter named ``type`` is ``type_``), enum values are the kernel's,
and generators return ``AARCH64_BREAK_FAULT`` (0xd4202000) and log through
``logging.getLogger("aarch64insn.kernel")`` exactly where the kernel does; where the kernel
calls ``BUG()`` the mirror raises :class:`KernelBUG`. docs/kernel-mirror.md maps every C
function to its Python name and lists the reproduced quirks.

>>> from aarch64insn.kernel import *
>>> hex(aarch64_insn_gen_move_reg(AARCH64_INSN_REG_9, AARCH64_INSN_REG_LR,
...                               AARCH64_INSN_VARIANT_64BIT))
'0xaa1e03e9'
>>> aarch64_insn_gen_branch_imm(0, 0x8000000, AARCH64_INSN_BRANCH_LINK) == AARCH64_BREAK_FAULT
True
"""

from __future__ import annotations

from . import aarch32, enums, funcs, gen, imm
from .aarch32 import *  # noqa: F403
from .enums import *  # noqa: F403
from .funcs import *  # noqa: F403
from .gen import *  # noqa: F403
from .imm import *  # noqa: F403

__all__: list[str] = []
__all__ += enums.__all__
__all__ += funcs.__all__
__all__ += gen.__all__
__all__ += imm.__all__
__all__ += aarch32.__all__
