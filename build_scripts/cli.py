"""The one command-line entry point: `python -m build_scripts check|docs|build|publish|serve|…`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from build_scripts import pipeline
from build_scripts.config import Config
from build_scripts.data import json_schemas
from build_scripts.editions import anchors
from build_scripts.errors import BuildError
from build_scripts.figures import new_figure
from build_scripts.pages import word_count
from build_scripts.pages.read import read_pages
from build_scripts.paths import CONTENT, DATA, ROOT, SITE, SITE_CONFIG
from build_scripts.publish import all_editions
from build_scripts.site import links

WATCHED = (DATA, CONTENT, ROOT / "build_scripts", SITE_CONFIG)


def report(exc: BuildError) -> int:
    print(f"{len(exc.problems)} problem(s) found:", file=sys.stderr)
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)
    print("Nothing was published: fix the problems above and run again.", file=sys.stderr)
    return 1


def check_links(site: Path, site_url: str | None) -> int:
    """Broken internal links and anchors of the built site (exit 1 if any), and its external links."""
    if not (site / "index.html").is_file():
        print(f"links: no built site in {site}: run `make build` first", file=sys.stderr)
        return 1
    report = links.check_site(site, site_url)
    print(links.format_report(report))
    return 1 if report.broken else 0


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
    sub.add_parser("publish", help="the published site: the latest edition, every earlier edition from its "
                   "release tag at v/<major>.<minor>/, and each edition's PDF (needs Chromium)")
    links_parser = sub.add_parser("links", help="check every internal link and anchor of the built site")
    links_parser.add_argument("--site", type=Path, default=SITE, help="built site folder (default: site/)")
    links_parser.add_argument("--site-url", default=None,
                              help="address the site was built for (default: read from its home page)")
    new_parser = sub.add_parser("new-figure", help="a working figure module, its test, and its placement")
    new_parser.add_argument("id", help="figure id, e.g. trade-shares")
    new_parser.add_argument("--page", required=True, help="page to place it on, e.g. content/5-geopolitical-reality.md")
    sub.add_parser("schemas", help="write the datasets' JSON Schemas, their reference in CONTRIBUTING.md, "
                   "and each YAML file's schema line")
    anchors_parser = sub.add_parser("anchors", help="check the anchor registry, or record the current anchors")
    anchors_parser.add_argument("--write", action="store_true", help="record every current anchor in anchors.json")
    sub.add_parser("words", help="words by paragraph kind on each chapter page, against the essay's budget")
    serve_parser = sub.add_parser("serve", help="serve with live reload")
    serve_parser.add_argument("--address", default="127.0.0.1:8000")
    args = parser.parse_args(argv)
    os.chdir(ROOT)  # relative paths in messages are relative to the repository
    config = Config.from_environment(os.environ)
    try:
        return run(args, config)
    except BuildError as exc:
        return report(exc)


def run(args: argparse.Namespace, config: Config) -> int:
    """Carry out one command."""
    if args.command == "check":
        ctx = pipeline.check(config.but(data=args.data.resolve(), content=args.content.resolve()))
        print(f"check: {sum(len(d.records) for d in ctx.data.items.values())} records in "
              f"{len(ctx.data.items)} datasets, {len(ctx.placements)} figures placed: no problems")
    elif args.command == "docs":
        start = time.perf_counter()
        result = pipeline.generate(config)
        print(f"docs: {len(result.written)} file(s) written, figures rendered: "
              f"{', '.join(result.rendered_fresh) or 'none (all cached)'} "
              f"({time.perf_counter() - start:.1f} s)")
    elif args.command == "build":
        print(f"build: site/ written in {pipeline.build(config):.1f} s")
    elif args.command == "publish":
        start = time.perf_counter()
        made = all_editions.publish(config)
        print(f"publish: site/ written in {time.perf_counter() - start:.1f} s with editions " + "; ".join(made))
    elif args.command == "new-figure":
        try:
            touched = new_figure.create(args.id, args.page)
        except ValueError as exc:
            print(f"new-figure: {exc}", file=sys.stderr)
            return 1
        print("new-figure: wrote " + ", ".join(str(p.relative_to(ROOT)) for p in touched))
    elif args.command == "schemas":
        changed = json_schemas.write()
        print(f"schemas: {len(changed)} file(s) updated" + (": " + ", ".join(changed) if changed else ""))
    elif args.command == "anchors":
        return registry_command(config, args.write)
    elif args.command == "links":
        return check_links(args.site.resolve(), args.site_url)
    elif args.command == "words":
        counts = word_count.page_counts(config.content)
        print(word_count.table(counts))
        for problem in word_count.over_limits(counts):
            print(problem, file=sys.stderr)
        return 1 if word_count.over_limits(counts) else 0
    elif args.command == "serve":
        return serve(args.address)
    return 0


def registry_command(config: Config, write: bool) -> int:
    """Check the anchor registry, or record every current anchor in it."""
    pages = read_pages(config.content)
    if write:
        print(f"anchors: {anchors.write_registry(pages)} anchors recorded in anchors.json")
        return 0
    problems = anchors.check_anchors(pages, anchors.load_registry(), {p.name for p in pages})
    if problems:
        raise BuildError(problems)
    print("anchors: every published anchor is present or redirected")
    return 0
