"""Questions figures and pages ask of the datasets (who belonged where, on which day)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from build_scripts.data import dates
from build_scripts.data.datasets import Datasets
from build_scripts.data.models import FULL_MEMBER_STATUSES

CHAPTER_DAY = dt.date(2014, 7, 1)  # "mid-2014": the chapter's moment
YEAR_DAY = (7, 1)  # the year control shows 1 July of each year
FIRST_YEAR, LAST_YEAR = 1991, 2025


def holds_on(record: Any, day: dt.date) -> bool:
    """Whether a membership row is in force on `day`.

    A partial start date counts from its last possible day and a partial end date until its first,
    so that an imprecise date never claims a membership the source does not support.
    """
    if dates.end(record.from_) > day:
        return False
    return record.to is None or dates.start(record.to) > day


def full_members_on(data: Datasets, organisation: str, day: dt.date, partial_ok: bool = False) -> list[Any]:
    """Membership rows of full members of `organisation` on `day`.

    Refused for an organisation whose members are recorded only in part, unless the caller says it
    words the result as partial (`partial_ok`): a list drawn from partial data must not read as complete.
    """
    org = data["organisations"].by_id()[organisation]
    if org.full_members != "complete" and not partial_ok:
        raise ValueError(f"the full members of '{organisation}' are recorded {org.full_members}ly, not completely "
                         f"({org.members_note or 'none recorded'}): a list of them would read as complete")
    return [
        m for m in data.records("memberships")
        if m.organisation == organisation and m.status in FULL_MEMBER_STATUSES and holds_on(m, day)
    ]
