"""Is the built site the same? Build an earlier commit and the working tree, both for the same address,
and compare every file of the two sites.

    python bench/compare_sites.py --base v1.0.0          # any commit, tag or branch
    python bench/compare_sites.py --base HEAD --keep     # keep build/compare/ to look at the files

Each side is built from a plain copy of its files (`git archive` for the commit; the tracked and
untracked, not ignored, files for the working tree) inside build/compare/, with this checkout's
Python environment and node_modules, by the side's own `python -m build_scripts build`. Both copies
sit outside any git history, so both date their pages the same way (the release date).

What legitimately differs is normalised before comparing, and said here:
- dates MkDocs stamps on a build (the sitemap's <lastmod>), and gzip's own header (a .gz file is
  compared by its content);
- the spelling of two character references in HTML: Jinja's autoescape writes a quote as &#34; and an
  apostrophe as &#39;, Python's html.escape as &quot; and &#x27; (the same characters once read);
- with `--squeeze`, whitespace between two tags (a template may write the same HTML on other lines).
Everything else must be equal byte for byte: pages, the hashes in each page's Content Security Policy,
figures, downloads, images. Exits 1 when any file differs or exists on one side only. A change meant
to alter the site can be set aside to see that nothing else changed: `--drop REGEX` removes what the
expression matches from both sides, `--skip GLOB` leaves files out.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "compare"
SITE_URL = "http://127.0.0.1:8000/multivector/"
LASTMOD = re.compile(rb"<lastmod>[^<]*</lastmod>")
BETWEEN_TAGS = re.compile(rb">\s+<")
SPELLINGS = ((b"&#34;", b"&quot;"), (b"&#39;", b"&#x27;"))


def copy_commit(rev: str, target: Path) -> None:
    archive = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")


def copy_working_tree(target: Path) -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def build(tree: Path, site_url: str) -> Path:
    """The side's own build of its copy, for `site_url`; returns its site folder."""
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("REPO_URL", None)  # both sides find the same origin remote
    result = subprocess.run([sys.executable, "-m", "build_scripts", "build"], cwd=tree, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the build of {tree.name} failed:\n{result.stderr[-3000:]}{result.stdout[-2000:]}")
    return tree / "site"


def normalised(path: Path, squeeze: bool, drop: list[re.Pattern[bytes]]) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod>(date)</lastmod>", data)
    if path.suffix == ".html":
        for spelling, same in SPELLINGS:
            data = data.replace(spelling, same)
    if squeeze and path.suffix in (".html", ".xml"):
        data = BETWEEN_TAGS.sub(b"><", data)
    for pattern in drop:
        data = pattern.sub(b"", data)
    return data


def first_difference(a: bytes, b: bytes, name: str) -> str:
    """Where the two differ first: the line, and some characters of each side around the first change."""
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    line = a.count(b"\n", 0, at) + 1
    start = max(0, at - 80)
    left, right = (side[start:at + 160].decode("utf-8", "replace").replace("\n", "⏎") for side in (a, b))
    return (f"    line {line}, byte {at} ({len(a)} and {len(b)} bytes)\n"
            f"    base: …{left}…\n    tree: …{right}…")


def compare(base: Path, tree: Path, squeeze: bool, drop: list[re.Pattern[bytes]], skip: list[str]) -> list[str]:
    files = {p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()}
    files |= {p.relative_to(tree).as_posix() for p in tree.rglob("*") if p.is_file()}
    files = {name for name in files if not any(fnmatch.fnmatch(name, glob) for glob in skip)}
    report = []
    for name in sorted(files):
        a, b = base / name, tree / name
        if not a.exists() or not b.exists():
            report.append(f"  only in {'the working tree' if b.exists() else 'the base'}: {name}")
            continue
        left, right = normalised(a, squeeze, drop), normalised(b, squeeze, drop)
        if left != right:
            report.append(f"  differs: {name}\n{first_difference(left, right, name)}")
    print(f"compared {len(files)} files")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="the commit to compare with (default: HEAD)")
    parser.add_argument("--site-url", default=SITE_URL, help=f"the address both are built for ({SITE_URL})")
    parser.add_argument("--squeeze", action="store_true", help="ignore whitespace between tags")
    parser.add_argument("--keep", action="store_true", help="keep build/compare/ afterwards")
    parser.add_argument("--drop", action="append", default=[], help="a regular expression to remove from both sides")
    parser.add_argument("--skip", action="append", default=[], help="files to leave out (a glob, e.g. 'assets/js/*')")
    args = parser.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    base, tree = WORK / "base", WORK / "tree"
    copy_commit(args.base, base)
    copy_working_tree(tree)
    print(f"building {args.base} and the working tree for {args.site_url} …", flush=True)
    drop = [re.compile(pattern.encode()) for pattern in args.drop]
    report = compare(build(base, args.site_url), build(tree, args.site_url), args.squeeze, drop, args.skip)
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)
    if report:
        print(f"{len(report)} file(s) differ:\n" + "\n".join(report))
        return 1
    print("the two sites are the same (after normalising build dates, two entities' spelling"
          + (" and whitespace between tags)" if args.squeeze else ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
