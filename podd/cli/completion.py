"""``podd completion bash|zsh|tcsh``: the shell's completion script for
every podd command and flag, generated from podd's own argparse parser by
shtab (maintained, on PyPI; it reads the parser, so completion never falls
behind the flags).

    source <(podd completion bash)            # bash, this shell
    podd completion zsh > "${fpath[1]}/_podd"  # zsh
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

__all__ = ["SHELLS", "add_completion", "script"]

SHELLS = ("bash", "zsh", "tcsh")


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab

    text = shtab.complete(parser, shell=shell)
    return str(text) if text.endswith("\n") else f"{text}\n"


def add_completion(sub: Any, parser: argparse.ArgumentParser) -> None:
    """``podd completion SHELL`` for ``parser`` (the whole ``podd``)."""
    p = sub.add_parser(
        "completion",
        help="print the shell completion script (bash, zsh, tcsh)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS)

    def completion(args: argparse.Namespace) -> int:
        sys.stdout.write(script(parser, args.shell))
        return 0

    p.set_defaults(func=completion)
