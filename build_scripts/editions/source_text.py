"""The source chapter split into sections and numbered paragraphs, for tracing the essay back to it.

chapter.txt was extracted from a PDF (see shared/source/README.md). Its lines are separated by blank
lines; a line that begins with a space straight after a non-blank line starts a new page; footnote
numbers are glued to words; Figure X.1 was an image and the page after its caption is lost.

The split is deterministic:

- The title block before "Abstract:" and the list of abbreviations are not paragraphs. A section
  starts at "Abstract:" or at one of the chapter's six headings (a line consisting of the heading).
- Lines are joined with spaces. A line that ends in a hyphen is joined to the next without one: in
  this text every such hyphen belongs to the word ("Co-operation", "counter-terrorism").
- The text is left-aligned, so a line breaks where the next word no longer fits. A line that ends a
  sentence is therefore a paragraph's last line when the next line's first word would still have
  fitted on it. Character counts cannot tell (capitals are wide, "i" and "l" narrow), so widths are
  measured with approximate advance widths of a sans-serif text face, and "fitted" means: narrower
  than the narrowest line that the text itself ever had to break in mid-sentence (MEASURE, found
  from the text). A line ending a sentence well short of that width is always a paragraph end.
- The Figure X.1 caption runs to the end of its page. The text on the next page resumes mid-sentence:
  it is a paragraph of its own, flagged as a fragment.
- Footnote numbers run 1, 2, 3 … through the chapter, so each is found in order as the digits that
  end a word or stand alone ("situations1", "developing 8.", "G2030" for G20 + note 30,
  "201535" for 2015 + note 35) and removed. Dropping any one or two digits after a letter, as the
  originality tool does for comparing words, would leave "G2030" and the glued years alone.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from build_scripts.paths import ROOT

CHAPTER = ROOT.parent / "shared" / "source" / "chapter.txt"

ABSTRACT = "abstract"
ABSTRACT_MARK = "Abstract:"
ABBREVIATIONS_MARK = "List of abbreviations"
FIGURE_MARK = "Figure X.1"
# The chapter's headings as printed, and the section ids the essay uses for them.
HEADINGS = {
    "Introduction": "introduction",
    "Elite Discourse": "elite-discourse",
    "Institutional Overlap in ‘Eurasia’": "institutional-overlap",
    "The discursive space of Eurasia": "discursive-space",
    "The geopolitical reality of Eurasia": "geopolitical-reality",
    "Conclusions": "conclusions",
}
SECTIONS = (ABSTRACT, *HEADINGS.values())

# A sentence ends with . ! ? or : (the themes are introduced by a colon), maybe a closing bracket or
# quote, maybe a footnote number glued on or standing apart ("strength10.", "developing 8.").
SENTENCE_END = re.compile(r"[.!?:][’”')]?\s*$")

# Approximate advance widths (thousandths of an em) of a sans-serif text face such as Calibri.
_WIDTHS = dict(zip("abcdefghijklmnopqrstuvwxyz",
                   (479, 525, 423, 525, 498, 305, 471, 525, 229, 239, 455, 229, 799, 525, 527, 525, 525, 349, 391,
                    335, 525, 452, 715, 433, 453, 395), strict=True))
_WIDTHS |= dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                    (579, 544, 533, 615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459,
                     487, 642, 567, 890, 519, 487, 468), strict=True))
_WIDTHS |= dict.fromkeys("0123456789", 507)
_WIDTHS |= {" ": 226, ".": 252, ",": 250, ":": 268, ";": 268, "'": 221, "’": 250, "‘": 250, "“": 420, "”": 420,
            "(": 303, ")": 303, "-": 306, "–": 488, "$": 507, "/": 386}
_DEFAULT_WIDTH = 488


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph of the chapter: its section, its number there (from 1), its text."""

    section: str
    number: int
    text: str
    fragment: bool = False  # starts mid-sentence, after the lost page
    line: int = 0  # line of chapter.txt where it starts

    @property
    def key(self) -> tuple[str, int]:
        return self.section, self.number

    def opening(self, words: int = 6) -> str:
        """The paragraph's first few words, to name it for humans."""
        return " ".join(self.text.split()[:words])


def width(text: str) -> float:
    """The approximate printed width of a line, in ems."""
    return sum(_WIDTHS.get(ch, _DEFAULT_WIDTH) for ch in text) / 1000


@dataclass(frozen=True)
class _Line:
    number: int  # in chapter.txt
    text: str  # stripped
    page_start: bool  # the first line of a new page


def _lines(raw: str) -> list[_Line]:
    out = []
    previous_blank = True
    for number, line in enumerate(raw.split("\n"), 1):
        if not line.strip():
            previous_blank = True
            continue
        out.append(_Line(number, line.strip(), line[:1].isspace() and not previous_blank))
        previous_blank = False
    return out


def _heading(line: _Line) -> str | None:
    return HEADINGS.get(line.text)


def _fit(line: _Line, following: _Line) -> float:
    """How wide the line would have been with the next line's first word on it."""
    return width(line.text) + width(" " + following.text.split()[0])


def _body(lines: list[_Line]) -> list[tuple[str, list[_Line]]]:
    """The lines of each section's running text, without title, abbreviations and figure caption."""
    sections: list[tuple[str, list[_Line]]] = []
    current: list[_Line] | None = None
    in_caption = False
    for line in lines:
        section = ABSTRACT if line.text == ABSTRACT_MARK else _heading(line)
        if section is not None:
            current = []
            sections.append((section, current))
            in_caption = False
        elif line.text.startswith(ABBREVIATIONS_MARK):
            current = None  # the list, then the title repeated, until the first heading
        elif line.text.startswith(FIGURE_MARK):
            in_caption = True
        elif in_caption and line.page_start:
            in_caption = False
        if section is None and current is not None and not in_caption and not line.text.startswith(FIGURE_MARK):
            current.append(line)
    return sections


def measure(lines: list[_Line]) -> float:
    """The narrowest a line plus the next word ever was where the text broke in mid-sentence."""
    widths = [_fit(line, following) for line, following in itertools.pairwise(lines)
              if not SENTENCE_END.search(line.text) and not line.text.endswith("-")
              and following.text[:1].islower()]
    return min(widths, default=max((width(line.text) for line in lines), default=0.0))


def _ends_paragraph(line: _Line, following: _Line | None, limit: float) -> bool:
    if following is None:
        return True
    return bool(SENTENCE_END.search(line.text)) and _fit(line, following) < limit


def _join(lines: list[_Line]) -> str:
    text = ""
    for line in lines:
        if text.endswith("-") and text[-2:-1].isalpha():
            text += line.text
        else:
            text += (" " if text else "") + line.text
    return text


def _strip_footnotes(texts: list[str]) -> list[str]:
    """Remove the footnote numbers 1, 2, 3 … in order, wherever each next one stands."""
    out = list(texts)
    where = (0, 0)  # paragraph, offset
    number, missed = 1, 0
    while missed < 3:  # a note lost with its page is skipped; three in a row end the search
        found = _find_footnote(out, number, where)
        number += 1
        if found is None:
            missed += 1
            continue
        missed = 0
        index, start, end = found
        text = out[index]
        out[index] = text[:start] + text[end:]
        where = (index, start)
    return [re.sub(r"\s+([,.;:])", r"\1", re.sub(r"\s{2,}", " ", t)).strip() for t in out]


def _find_footnote(texts: list[str], number: int, where: tuple[int, int]) -> tuple[int, int, int] | None:
    # the digits end a word (a letter, quote or bracket, or a year, before them) or stand alone
    pattern = re.compile(rf"(?:(?<=[A-Za-z’')])|(?<=\d)|\s)({number})(?!\d)(?=[\s,.;:)]|$)")
    first, offset = where
    for index in range(first, len(texts)):
        match = pattern.search(texts[index], offset if index == first else 0)
        if match:
            return index, match.start(), match.end()
    return None


def paragraphs(path: Path = CHAPTER) -> list[SourceParagraph]:
    """Every paragraph of the chapter, in order, numbered from 1 within its section."""
    lines = _lines(path.read_text(encoding="utf-8"))
    sections = _body(lines)
    limit = min((measure(body) for _, body in sections if body), default=0.0)
    raw: list[tuple[str, int, list[_Line]]] = []
    for section, body in sections:
        number, current = 0, []
        for i, line in enumerate(body):
            current.append(line)
            following = body[i + 1] if i + 1 < len(body) else None
            if _ends_paragraph(line, following, limit):
                number += 1
                raw.append((section, number, current))
                current = []
    texts = _strip_footnotes([_join(lines) for _, _, lines in raw])
    return [SourceParagraph(section, number, text, fragment=text[:1].islower(), line=lines[0].number)
            for (section, number, lines), text in zip(raw, texts, strict=True)]


def by_key(path: Path = CHAPTER) -> dict[tuple[str, int], SourceParagraph]:
    return {p.key: p for p in paragraphs(path)}


def main() -> None:
    """Print the split, for checking paragraph boundaries by eye."""
    for p in paragraphs():
        flag = " [fragment]" if p.fragment else ""
        print(f"== {p.section} {p.number} (line {p.line}){flag}\n{p.text}\n")


if __name__ == "__main__":
    main()
