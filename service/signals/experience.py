"""Dates of experience: the job periods each experience line belongs to, years of experience,
and the lines where job titles stand."""

from __future__ import annotations

import re
from datetime import date

from service.documents import Line
from service.sections import Section
from service.signals.base import EducationEntry, Period, TitleLine
from service.signals.education import degree_level
from skill_taxonomy.lexicon import Lexicon

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
POINT = (  # one date; "@" stands for the group-name prefix of the start or the end point
    rf"(?:(?P<@m>{MONTH})\s*,?\s*'?(?P<@y>(?:19|20)\d\d)"
    # a whole date, month first as US resumes write it: "9/26/2022"
    r"|(?<!\d)(?P<@dn>0?[1-9]|1[0-2])/[0-3]?\d/(?P<@dy>(?:19|20)\d\d)"
    r"|(?P<@n>\d{1,2})\s*[/.-]\s*(?P<@ny>(?:19|20)\d\d)"
    r"|(?P<@iy>(?:19|20)\d\d)\s*[/.-]\s*(?P<@im>\d{1,2})\b|(?P<@o>(?:19|20)\d\d))"
)
YEAR_DIGITS = re.compile(r"(?:19|20)\d\d")  # every date range starts with a year: lines without one are skipped
# the end of a range still open: "Present", or an ellipsis ("Oct 2024 – ...")
NOW = r"(?P<now>present|current(?:ly)?|now|today|ongoing|till date|to date|date|\.{3}|…)"
# A range open at its end: nothing after the dash ("2021 -"), or a dash joined to the year and the
# job's title after it, as margin-dated CVs write the current job ("2020– Applied Scientist, Acme").
DATE_RANGE = re.compile(
    POINT.replace("@", "a")
    + r"(?:\s*(?:-|–|—|to|until|till|through|~|\u2212)\s*(?:"
    + POINT.replace("@", "b")
    + "|"
    + NOW
    + r"|(?P<open>$))|(?P<attached>[–—])(?=\s+[A-Z][a-z]))",
    re.I,
)
STATED_YEARS = re.compile(r"\b(\d{1,2}(?:\.\d)?)\+?\s*(?:years?|yrs?)\b(?:\s+of)?(?:\s+\w+){0,3}?\s+experience", re.I)
EXPERIENCE_SECTIONS = {"experience"}
TITLE_SECTIONS = {"header", "experience", "summary", "education", "projects", "other"}
HEADLINE_LINES = 6  # the name, contact lines and the headline under them stand in the first lines
RECENT_MONTHS = 6  # a job that ended this close to the latest one is current too


def unheaded_jobs(sections: list[Section], lexicon: Lexicon) -> list[Section]:
    """The sections, with jobs that stand under no experience heading taken into experience
    sections, where a resume has none: jobs listed under the name and contact lines ("Applied
    Scientist — Acme   Jan 2022 – Present" right below the contact line, with its bullets or more
    jobs after it), and jobs listed after the degrees of an education section whose own heading
    the reader could not see ("Machine Learning Engineer 9/2022 - Present" below the last degree)."""
    if not sections or any(section.name == "experience" for section in sections):
        return sections
    out = _header_jobs(sections[0], lexicon) if sections[0].name == "header" else [sections[0]]
    for section in sections[1:]:
        out += _education_jobs(section, lexicon) if section.name == "education" else [section]
    return out


def _header_jobs(header: Section, lexicon: Lexicon) -> list[Section]:
    dated = [i for i, line in enumerate(header.lines) if i and _dated_job(line.text, lexicon)]
    # one dated title under the name with nothing below it before a heading is a headline; with
    # its bullets below it, a job
    if not dated or (len(dated) == 1 and dated[0] == len(header.lines) - 1):
        return [header]
    start = dated[0]
    return [Section("header", header.heading, header.lines[:start]), Section("experience", "", header.lines[start:])]


def _education_jobs(education: Section, lexicon: Lexicon) -> list[Section]:
    """An education section split where dated jobs begin after its first entries: the first dated
    line naming a job and no degree, with another such line after it (one alone may be a research
    assistantship beside a degree)."""
    jobs = [i for i, line in enumerate(education.lines) if _dated_job(line.text, lexicon) and degree_level(line.text, lexicon) is None]
    if len(jobs) < 2 or jobs[0] == 0:  # the degrees stand first
        return [education]
    start = jobs[0]
    return [Section("education", education.heading, education.lines[:start]), Section("experience", "", education.lines[start:])]


def _dated_job(text: str, lexicon: Lexicon) -> bool:
    """A line holding a date range and a job noun: a job entry's title line."""
    return bool(YEAR_DIGITS.search(text) and DATE_RANGE.search(text)) and lexicon.names_a_job(text)


# A doctorate in progress is a position held now: its line reads as this title (which the
# taxonomy's roles may list), although no job entry names it.
DOCTORAL_STUDENT = "PhD student"


def title_lines(
    sections: list[Section], periods: dict[Line, list[Period]], lexicon: Lexicon, education: list[EducationEntry]
) -> list[TitleLine]:
    """Lines where job titles stand; every line when the resume has no experience section
    (text pasted as one block puts "Role: Database Administrator" anywhere).

    A degree line is not one ("M.Sc. Data Science" names a subject, not a job held), except a
    doctorate in progress, which stands as a current DOCTORAL_STUDENT title. A line is recent when
    it is the headline at the top, the summary, or belongs to the latest job: the strongest
    evidence of the role the candidate holds."""
    structured = any(section.name == "experience" for section in sections)
    ends = [end for found in periods.values() for _, end in found]
    latest = max(ends) if ends else None
    out: list[TitleLine] = []
    for index, section in enumerate(sections):
        if structured and section.name not in TITLE_SECTIONS:
            continue
        first_job = _first_job_heading(section, periods) if section.name == "experience" else {}
        for position, line in enumerate(section.lines):
            if section.name == "education" and degree_level(line.text, lexicon):
                continue
            found = periods.get(line) or first_job.get(position, [])
            headline = (index == 0 and section.name == "header" and position < HEADLINE_LINES) or section.name == "summary"
            recent = latest is None or headline or any(end >= latest - RECENT_MONTHS for _, end in found)
            following = section.lines[position + 1] if position + 1 < len(section.lines) else None
            out.append(TitleLine(_unwrapped(line, following, lexicon), section.name, line.page, found, recent))
    doctorates = [e for e in education if e.degree_level == "doctorate" and e.in_progress]
    out += [TitleLine(f"{DOCTORAL_STUDENT}: {e.evidence}", "education", e.page) for e in doctorates[:1]]
    return out


FIRST_JOB_HEADING_LINES = 4  # title, employer, place and a stray link may stand above the first job's dates


def _unwrapped(line: Line, following: Line | None, lexicon: Lexicon) -> str:
    """A title wrapped over two lines in a narrow column, read whole: "Senior Computer Vision"
    above "Engineer & SDK Team Lead". The line names no job itself and the next opens on a job
    noun; else the line as it is."""
    if following is None or len(line.text.split()) > MAX_WRAPPED_TITLE_WORDS or lexicon.names_a_job(line.text):
        return line.text
    first = following.text.split(maxsplit=1)[0] if following.text.strip() else ""
    if not first[:1].isupper() or not lexicon.names_a_job(first):
        return line.text
    return f"{line.text} {following.text}"


MAX_WRAPPED_TITLE_WORDS = 5  # the first part of a wrapped title is short: "Senior Computer Vision"


def _first_job_heading(section: Section, periods: dict[Line, list[Period]]) -> dict[int, list[Period]]:
    """The lines above the first dated line of the experience section belong to its first job
    (its title, employer and place, however many lines they take): position -> that job's dates."""
    for index, line in enumerate(section.lines):
        if periods.get(line):
            return {position: periods[line] for position in range(max(0, index - FIRST_JOB_HEADING_LINES), index)}
    return {}


def _month_index(match: re.Match[str], p: str) -> int | None:
    groups = match.groupdict()
    if groups.get(f"{p}m"):
        return int(groups[f"{p}y"]) * 12 + MONTHS[groups[f"{p}m"].lower()[:3]] - 1
    if groups.get(f"{p}dn"):
        return int(groups[f"{p}dy"]) * 12 + int(groups[f"{p}dn"]) - 1
    if groups.get(f"{p}n"):
        month = int(groups[f"{p}n"])
        return int(groups[f"{p}ny"]) * 12 + month - 1 if 1 <= month <= 12 else None
    if groups.get(f"{p}iy"):
        month = int(groups[f"{p}im"])
        return int(groups[f"{p}iy"]) * 12 + month - 1 if 1 <= month <= 12 else None
    if groups.get(f"{p}o"):
        return int(groups[f"{p}o"]) * 12
    return None


def _line_ranges(text: str, now: int) -> list[Period]:
    """The date ranges written on one line ("Jan 2020 - Present", "03/2019 - 02/2022")."""
    periods: list[Period] = []
    if not YEAR_DIGITS.search(text):
        return periods
    for match in DATE_RANGE.finditer(text):
        start = _month_index(match, "a")
        is_open = match.group("now") is not None or match.group("open") is not None or match.group("attached") is not None
        end = now if is_open else _month_index(match, "b")
        if start is None or end is None:
            continue
        end = min(end, now)
        if start < 1960 * 12 or start > end or end - start > 50 * 12:
            continue
        periods.append((start, end))
    return periods


def merged_months(periods: list[Period]) -> int:
    """Months covered by the periods, overlaps counted once."""
    total, current = 0, None
    for start, end in sorted(periods):
        if current is None or start > current[1]:
            total += current[1] - current[0] if current else 0
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    return total + (current[1] - current[0] if current else 0)


def line_periods(sections: list[Section], today: date) -> dict[Line, list[Period]]:
    """For each line of the experience section, the dates of the job it belongs to: a job's
    date line and the lines after it, and the one or two title lines just above it."""
    now = today.year * 12 + today.month - 1
    periods: dict[Line, list[Period]] = {}
    for section in sections:
        if section.name not in EXPERIENCE_SECTIONS:
            continue
        current: list[Period] = []
        pending: list[Line] = []  # lines before the first date of a job: its title and employer
        for index, line in enumerate(section.lines):
            following = section.lines[index + 1].text if index + 1 < len(section.lines) else ""
            found = _line_ranges(line.text, now) or _split_range(line.text, following, now)
            if found:
                current = found
                for above in pending[-2:]:
                    periods[above] = found
                pending = []
            elif _heads_a_job(line.text):
                pending.append(line)
            else:
                pending = []
            if current:
                periods[line] = current
    return periods


# A range split over two lines of a margin column, each merged with the text beside it:
# "May 2021 — Position: Applied Scientist" above "Present Employer: Amazon".
RANGE_START = re.compile(r"^\s*" + POINT.replace("@", "a") + r"\s*(?:-|–|—|\u2212|to\b)", re.I)
RANGE_END = re.compile(r"^\s*(?:" + POINT.replace("@", "b") + "|" + NOW + r")\b", re.I)


def _split_range(text: str, following: str, now: int) -> list[Period]:
    """The range whose start ends this line and whose end starts the next one."""
    start, end = RANGE_START.match(text), RANGE_END.match(following)
    return _line_ranges(f"{start.group(0)} {end.group(0)}", now) if start and end else []


def _heads_a_job(text: str) -> bool:
    """A title or employer line ("Data Engineer, Initech"), not a sentence about the work."""
    return len(text.split()) <= 8 and not text.rstrip().endswith((".", ";")) and text[:1].isupper()


STATED_MONTHS = re.compile(r"\bexperience\b\W{0,3}(\d{1,3})\s*(?:\+\s*)?months?\b", re.I)


def stated_months(text: str) -> int | None:
    """Months a skills line states ("Python - Experience - 24 months")."""
    match = STATED_MONTHS.search(text)
    return int(match.group(1)) if match else None


def experience_years(sections: list[Section], periods: dict[Line, list[Period]]) -> tuple[float | None, str]:
    """Years covered by the date ranges of the experience section (`_line_periods`: every range
    it holds, each on its lines), overlaps merged and "present" meaning today; else the years
    (or months) the resume states."""
    spans = [period for found in periods.values() for period in found]
    if spans:
        return round(merged_months(spans) / 12, 1), "date-ranges"
    stated = [float(m.group(1)) for s in sections for line in s.lines for m in STATED_YEARS.finditer(line.text)]
    stated += [months / 12 for s in sections for line in s.lines if (months := stated_months(line.text))]
    stated = [years for years in stated if 0 < years <= 50]
    if stated:
        return round(max(stated), 1), "stated"
    return None, "none"
