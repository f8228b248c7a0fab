"""The legal working clock, as flat tables the peer engines can index (benchmark helper).

Mirrors `WorkingTime.WorkCalendar`'s contract: office intervals (default 08:00-12:00 and
13:00-17:00) on working days (Monday-Friday, minus official days off, plus make-up Saturdays).
Working seconds up to an instant t:

    W(t) = ordinal(day(t)) * per_day + (working day ? sum of clip(sod(t) - start, 0, end - start) : 0)

where ordinal(day) is the number of working days before `day`. `advance(t, p)` is the earliest
instant u with W(u) = W(t) + p: an instant on the end of an office interval stays there.

Timestamps are seconds since 1970-01-01 00:00 in Vietnam local time (as `tthc` counts them).
The day lists below are the 2024-2026 schedules of Guides/WorkingTime.md; `--days-off`/`--workdays` files (one
yyyy-MM-dd per line) can replace them so the peers follow the same calendar as `tthc`.
"""

from __future__ import annotations

import datetime as dt

OFFICE = [(8 * 3600, 12 * 3600), (13 * 3600, 17 * 3600)]

# Official days off on weekdays and make-up Saturdays (Guides/WorkingTime.md, 2024-2026 schedules).
DAYS_OFF = [
    # 2024
    "2024-01-01", "2024-02-08", "2024-02-09", "2024-02-12", "2024-02-13", "2024-02-14", "2024-04-18",
    "2024-04-29", "2024-04-30", "2024-05-01", "2024-09-02", "2024-09-03",
    # 2025
    "2025-01-01", "2025-01-27", "2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-07",
    "2025-04-30", "2025-05-01", "2025-05-02", "2025-09-01", "2025-09-02",
    # 2026
    "2026-01-01", "2026-01-02", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
    "2026-04-27", "2026-04-30", "2026-05-01", "2026-08-31", "2026-09-01", "2026-09-02",
]
MAKEUP_SATURDAYS = ["2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"]

EPOCH = dt.date(1970, 1, 1)


def day_number(d: dt.date) -> int:
    return (d - EPOCH).days


class WorkCalendar:
    def __init__(self, first: dt.date, last: dt.date, days_off=None, workdays=None, office=None,
                 weekends_only: bool = False):
        self.office = office or OFFICE
        self.per_day = sum(e - s for s, e in self.office)
        off = set() if weekends_only else {dt.date.fromisoformat(x) for x in (days_off or DAYS_OFF)}
        extra = set() if weekends_only else {dt.date.fromisoformat(x) for x in (workdays or MAKEUP_SATURDAYS)}
        # Pad so every instant of the log and every advanced due falls inside the tables.
        self.first = day_number(first) - 400
        self.last = day_number(last) + 800
        self.working = []   # per day index: 1 when a working day
        self.ordinal = []   # per day index: working days before it
        self.workday_by_ordinal = []  # ordinal -> day number
        count = 0
        for n in range(self.first, self.last + 1):
            d = EPOCH + dt.timedelta(days=n)
            w = (d.weekday() < 5 and d not in off) or d in extra
            self.working.append(1 if w else 0)
            self.ordinal.append(count)
            if w:
                self.workday_by_ordinal.append(n)
                count += 1

    # Scalar versions, the reference for the vectorized expressions and for tests.
    def w(self, t: int) -> int:
        day, sod = divmod(t, 86400)
        i = day - self.first
        within = sum(min(max(sod - s, 0), e - s) for s, e in self.office) if self.working[i] else 0
        return self.ordinal[i] * self.per_day + within

    def advance(self, t: int, p: int) -> int:
        if p <= 0:
            return t
        target = self.w(t) + p
        k = (target - 1) // self.per_day
        r = target - k * self.per_day
        day = self.workday_by_ordinal[k]
        for s, e in self.office:
            if r <= e - s:
                return day * 86400 + s + r
            r -= e - s
        raise AssertionError("unreachable")
