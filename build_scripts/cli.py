"""The one command-line entry point: `python -m build_scripts check|docs|build|serve`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from . import build
from .errors import BuildError
from .paths import CONTENT, DATA, ROOT, SITE_CONFIG

WATCHED = (DATA, CONTENT, ROOT / "build_scripts", SITE_CONFIG)


def report(exc: BuildError) -> int:
    print(f"{len(exc.problems)} problem(s) found:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)
    print("Nothing was published: fix the problems above and run again.", file=sys.stderr)
    return 1


def snapshot() -> dict[Path, float]:
    return {p: p.stat().st_mtime for folder in WATCHED for p in folder.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def serve(address: str) -> int:
    """Generate the docs tree, serve it with live reload, regenerate whenever a source changes."""
    regenerate = [sys.executable, "-m", "build_scripts", "docs"]
    if subprocess.run(regenerate, cwd=ROOT).returncode != 0:
        return 1
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", address], cwd=ROOT)
    seen = snapshot()
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = snapshot()
            if now != seen:
                seen = now
                # a fresh process, so that edited figure modules are imported anew
                subprocess.run(regenerate, cwd=ROOT)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="validate data and content; write nothing")
    check_parser.add_argument("--data", type=Path, default=DATA, help="datasets folder (default: data/)")
    check_parser.add_argument("--content", type=Path, default=CONTENT, help="chapters folder (default: content/)")
    sub.add_parser("docs", help="build figures and write the generated docs tree (build/docs)")
    sub.add_parser("build", help="the whole static site into site/")
    serve_parser = sub.add_parser("serve", help="serve with live reload")
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # relative paths in messages are relative to the repository
    try:
        if args.command == "check":
            ctx = build.check(args.data.resolve(), args.content.resolve())
            print(f"check: {sum(len(d.records) for d in ctx.data.items.values())} records in "
                  f"{len(ctx.data.items)} datasets, {len(ctx.placements)} figures placed: no problems")
        elif args.command == "docs":
            start = time.perf_counter()
            result = build.generate()
            print(f"docs: {len(result.written)} file(s) written, figures rendered: "
                  f"{', '.join(result.rendered_fresh) or 'none (all cached)'} "
                  f"({time.perf_counter() - start:.1f} s)")
        elif args.command == "build":
            print(f"build: site/ written in {build.build():.1f} s")
        elif args.command == "serve":
            return serve(args.address)
    except BuildError as exc:
        return report(exc)
    return 0
