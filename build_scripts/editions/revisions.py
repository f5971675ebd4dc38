"""Revision notices: which paragraphs changed since an earlier edition, and the note under each that
links to its earlier wording (the anchor registry each release froze holds a hash of every text)."""

from __future__ import annotations

from dataclasses import dataclass

from build_scripts import templating
from build_scripts.cite import addresses
from build_scripts.editions.versions import Version


@dataclass(frozen=True)
class Revision:
    anchor: str
    revised_in: str  # edition whose text differs from the one before, e.g. "1.1"
    earlier: str  # the edition holding the wording before that, e.g. "1.0"
    earlier_page: str  # the page it was on there, e.g. "3-institutional-overlap.md"

    def earlier_href(self, root_path: str) -> str:
        return f"{root_path}v/{self.earlier}/{addresses.page_path(self.earlier_page)}#{self.anchor}"


def revisions(current: dict[str, str], current_version: Version,
              history: list[tuple[Version, dict[str, dict[str, str]]]]) -> dict[str, Revision]:
    """The latest revision of each current anchor ({anchor: text hash}) across the editions, oldest first.

    A paragraph counts as revised in an edition when it was present in the edition before with other
    text; a paragraph that is new in an edition is not a revision.
    """
    chain: list[tuple[str, dict[str, tuple[str, str]]]] = [
        (version.edition, {anchor: (page, digest) for page, ids in registry.items() for anchor, digest in ids.items()})
        for version, registry in history
    ]
    chain.append((current_version.edition, {anchor: ("", digest) for anchor, digest in current.items()}))
    found: dict[str, Revision] = {}
    for anchor in current:
        for k in range(len(chain) - 2, -1, -1):
            before, after = chain[k][1].get(anchor), chain[k + 1][1].get(anchor)
            if before is None or after is None:
                break  # not in that edition: the paragraph was added later, not revised
            if before[1] != after[1]:
                found[anchor] = Revision(anchor, chain[k + 1][0], chain[k][0], before[0])
                break
    return found


def notice(revision: Revision, root_path: str) -> str:
    """The note under a revised paragraph, linking to its wording in the edition before."""
    return templating.render("fragments/revision-notice.html", revision=revision,
                             href=revision.earlier_href(root_path))
