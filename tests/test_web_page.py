"""The web page at `/`, in a real headless Chromium: upload a PDF, see the bars, open a role,
read the problems in plain words. Skips where no Chromium and ChromeDriver are installed
(`.ci/run` installs Debian's)."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import builders
import pytest

from skill_taxonomy import load_taxonomy

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
WAIT_SECONDS = 20

browser_missing = not (Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file())


def test_the_page_and_its_assets_are_served_by_the_app(client):
    page = client.get("/")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    page.close()
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert sorted(assets) == ["/static/app.css", "/static/app.js"]
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200 and response.headers["X-Content-Type-Options"] == "nosniff"
        response.close()
    assert "http://" not in html and "https://" not in html  # nothing from elsewhere
    assert all(f'for="{name}"' in html for name in ("resume", "job"))  # every field has a label


def test_the_page_is_open_when_api_keys_are_set():
    from service import create_app

    app = create_app({"TESTING": True, "RATE_LIMIT": "", "API_KEYS": "s3cret", "SPACY_MODEL": "blank:en"})
    client = app.test_client()
    for path in ("/", "/static/app.js"):
        response = client.get(path)
        assert response.status_code == 200
        response.close()
    assert client.post("/v1/analyses", json={"text": builders.TEXT_RESUME}).status_code == 401


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if browser_missing:
        pytest.skip("Chromium and ChromeDriver are not installed (Debian: apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="rolefit-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--window-size=1200,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT_SECONDS)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _upload(browser, live_server: str, path: Path, job: str = "") -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.find_element(By.ID, "resume").send_keys(str(path))
    if job:
        browser.find_element(By.ID, "job").send_keys(job)
    browser.find_element(By.ID, "submit").click()


def _wait(browser, condition) -> object:  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, WAIT_SECONDS).until(condition)


def test_upload_a_pdf_see_the_bars_and_open_a_role(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "jane.pdf"
    resume.write_bytes(builders.one_column_pdf())
    _upload(browser, live_server, resume)
    roles = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    assert len(roles) == 6
    assert browser.find_element(By.ID, "results").is_displayed()
    widths = [float(el.value_of_css_property("width").removesuffix("px")) for el in browser.find_elements(By.CSS_SELECTOR, ".bar span")]
    scores = [float(el.text.split(" /")[0]) for el in browser.find_elements(By.CSS_SELECTOR, ".score")]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1] >= 0  # bar length follows the score
    assert browser.switch_to.active_element.get_attribute("id") == "results-title"  # focus moved to the answer

    first = roles[0].find_element(By.TAG_NAME, "details")
    assert first.get_attribute("open") is None
    first.find_element(By.TAG_NAME, "summary").click()
    assert first.get_attribute("open") is not None
    assert "What the resume shows" in first.text and "What is missing" in first.text
    marks = [m.text for m in first.find_elements(By.TAG_NAME, "mark")]
    assert marks and all(marks)  # the names highlighted inside their evidence
    assert "To do:" in first.text  # advice for what is missing
    assert re.search(r"asked by \d+% of \d+ .+ postings and \d+% of other roles' postings, Feb 2026", first.text)


def test_a_role_opens_from_the_keyboard(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    resume = tmp_path / "notes.txt"
    resume.write_text(builders.TEXT_RESUME)
    _upload(browser, live_server, resume)
    details = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles details"))
    summary = details[1].find_element(By.TAG_NAME, "summary")
    browser.execute_script("arguments[0].focus()", summary)
    summary.send_keys(Keys.ENTER)
    assert details[1].get_attribute("open") is not None


def test_a_job_description_adds_its_role_first(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "jane.pdf"
    resume.write_bytes(builders.one_column_pdf())
    _upload(
        browser, live_server, resume, job="Senior ML Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Kubernetes in production"
    )
    roles = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    assert roles[0].get_attribute("data-role") == "job-description"
    assert browser.find_element(By.ID, "posting").text.startswith("The job description reads closest to the ML engineer role (similarity")


def test_a_role_held_at_its_cap_says_why(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "academic.txt"
    resume.write_text(builders.ACADEMIC_CV_WITH_AN_INTERNSHIP)
    _upload(browser, live_server, resume)
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    role = browser.find_element(By.CSS_SELECTOR, '#roles > li[data-role="applied-scientist"] details')
    role.find_element(By.TAG_NAME, "summary").click()
    applied = next(r for r in load_taxonomy().roles["applied-scientist"].requirements if r.id == "applied")
    assert f"Held at {applied.cap:g} of 100 while this is missing: Machine learning applied in a product or business." in role.text


def test_the_page_says_what_the_resume_reads_as(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "jane.txt"
    resume.write_text(
        "Jane Roe\nExperience\nSenior Research Engineer, Example AI (2021 - Present)\nTrained large models with PyTorch on GPUs."
    )
    _upload(browser, live_server, resume)
    _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    reading = browser.find_element(By.ID, "reads-as")
    assert reading.is_displayed() and reading.text.startswith("Reads as Research engineer, from")
    assert [m.text for m in reading.find_elements(By.TAG_NAME, "mark")] == ["Senior Research Engineer"]


def test_problems_are_shown_in_plain_words(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    picture = tmp_path / "photo.pdf"
    picture.write_bytes(builders.gif_bytes())
    _upload(browser, live_server, picture)
    problem = _wait(browser, lambda b: b.find_element(By.ID, "problem") if b.find_element(By.ID, "problem").is_displayed() else None)
    assert "not a PDF, a Word (DOCX) document, plain text, or a PNG, JPEG or TIFF scan" in problem.text
    assert problem.get_attribute("role") == "alert"


def test_asking_without_a_file_says_so(browser, live_server):
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.find_element(By.ID, "submit").click()
    problem = _wait(browser, lambda b: b.find_element(By.ID, "problem") if b.find_element(By.ID, "problem").is_displayed() else None)
    assert "Choose a resume file first" in problem.text


def test_text_from_the_resume_is_never_run_as_html(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "tricky.txt"
    resume.write_text(
        "Experience\n<img src=x onerror=\"document.title='owned'\"> Built Python services with Docker <b>fast</b>.\n"
        "Skills\nPython, Docker, SQL\n"
    )
    _upload(browser, live_server, resume)
    details = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles details"))
    for item in details:
        item.find_element(By.TAG_NAME, "summary").click()
    assert browser.title != "owned"
    assert not browser.find_elements(By.CSS_SELECTOR, "#roles img, #roles b")
    assert "<b>fast</b>" in browser.find_element(By.ID, "roles").text


def test_a_resume_dropped_on_the_page_is_analysed(browser, live_server):
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.execute_script(
        """
        const transfer = new DataTransfer();
        transfer.items.add(new File([arguments[0]], "dropped.txt", {type: "text/plain"}));
        const zone = document.getElementById("drop");
        zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        """,
        builders.TEXT_RESUME,
    )
    _wait(browser, lambda b: b.find_element(By.ID, "chosen").text == "Chosen: dropped.txt")
    browser.find_element(By.ID, "submit").click()
    roles = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    assert len(roles) == 6
    assert "over" not in browser.find_element(By.ID, "drop").get_attribute("class").split()  # the drop ended the highlight


def test_a_photo_of_a_resume_is_read_and_the_page_says_so(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(builders.image_bytes(format="JPEG"))
    _upload(browser, live_server, photo)
    roles = _wait(browser, lambda b: b.find_elements(By.CSS_SELECTOR, "#roles > li"))
    assert len(roles) == 6
    assert "read from a scan or photo by OCR" in browser.find_element(By.ID, "profile").text
    assert any("OCR" in item.text for item in browser.find_elements(By.CSS_SELECTOR, "#warnings li"))


def test_a_target_role_shows_the_plan_as_a_checklist_with_its_chart(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select

    resume = tmp_path / "notes.txt"
    resume.write_text(builders.TEXT_RESUME)
    browser.get(live_server + "/")
    picker = _wait(
        browser, lambda b: b.find_element(By.ID, "target") if len(b.find_elements(By.CSS_SELECTOR, "#target option")) == 7 else None
    )
    assert browser.find_element(By.CSS_SELECTOR, 'label[for="target"]').text.startswith("Role you want")
    Select(picker).select_by_value("research-scientist")
    browser.find_element(By.ID, "resume").send_keys(str(resume))
    browser.find_element(By.ID, "submit").click()
    plan = _wait(browser, lambda b: b.find_element(By.ID, "plan") if b.find_element(By.ID, "plan").is_displayed() else None)
    assert browser.find_element(By.ID, "plan-title").text == "Your plan: Research scientist"
    assert "the role you chose" in browser.find_element(By.ID, "plan-summary").text
    goals = plan.find_elements(By.TAG_NAME, "fieldset")
    assert goals and all(re.match(r"To (partial|good|strong) \(\d+\): ", g.find_element(By.TAG_NAME, "legend").text) for g in goals)
    last_steps = goals[-1].find_elements(By.CSS_SELECTOR, "ol > li")
    # the chart: one point for today and one per step of the last goal, its text equivalent beside it
    points = browser.find_element(By.CSS_SELECTOR, "#plan-svg polyline").get_attribute("points").split()
    assert len(points) == len(last_steps) + 1 == len(browser.find_elements(By.CSS_SELECTOR, "#plan-svg circle"))
    heights = [float(point.split(",")[1]) for point in points]
    assert heights == sorted(heights, reverse=True)  # the score climbs (up is a smaller y)
    caption = browser.find_element(By.ID, "plan-chart-caption").text
    assert browser.find_element(By.ID, "plan-svg").get_attribute("aria-labelledby") == "plan-chart-caption"
    assert caption.startswith("Research scientist: ") and f"after step {len(last_steps)}" in caption
    # a step is ticked from the keyboard
    box = last_steps[0].find_element(By.CSS_SELECTOR, "input[type=checkbox]")
    browser.execute_script("arguments[0].focus()", box)
    box.send_keys(Keys.SPACE)
    assert box.is_selected()
    assert browser.find_element(By.CSS_SELECTOR, f'label[for="{box.get_attribute("id")}"]').text.startswith(("Learn: ", "Show: "))


def test_without_a_target_the_plan_is_for_the_nearest_role(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "jane.pdf"
    resume.write_bytes(builders.one_column_pdf())
    _upload(browser, live_server, resume)
    _wait(browser, lambda b: b.find_element(By.ID, "plan") if b.find_element(By.ID, "plan").is_displayed() else None)
    assert "the role nearest its next band" in browser.find_element(By.ID, "plan-summary").text


POSTING = "Senior ML Engineer\nRequirements\n- 5+ years of Python and PyTorch\n- Kubernetes in production\nNice to have\n- Airflow"
DATA_POSTING = "Data Engineer\nRequirements\n- SQL and Spark pipelines\n- Airflow and dbt\n- Kafka streaming"


def _choose_mode(browser, live_server: str, mode: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(live_server + "/")
    browser.find_element(By.ID, f"mode-{mode}").click()
    _wait(browser, lambda b: b.find_element(By.ID, f"panel-{mode}").is_displayed())


def _rows(browser, table: str) -> list[list[str]]:
    from selenium.webdriver.common.by import By

    return [
        [cell.text for cell in row.find_elements(By.TAG_NAME, "td")] for row in browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr")
    ]


def _ranked_resumes(tmp_path: Path) -> list[Path]:
    files = {
        "jane.pdf": builders.one_column_pdf(),
        "notes.txt": builders.TEXT_RESUME.encode(),
        "cv.docx": builders.docx_resume(),
        "broken.pdf": builders.corrupt_pdf(),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    return [tmp_path / name for name in files]


@pytest.fixture()
def ranked(browser, live_server, tmp_path):
    """Four resumes, one of them broken, ranked for a pasted posting."""
    from selenium.webdriver.common.by import By

    _choose_mode(browser, live_server, "rank")
    browser.find_element(By.ID, "rank-job").send_keys(POSTING)
    browser.find_element(By.ID, "resumes").send_keys("\n".join(str(path) for path in _ranked_resumes(tmp_path)))
    assert browser.find_element(By.ID, "rank-chosen").text.startswith("Chosen (4): jane.pdf")
    browser.find_element(By.ID, "rank-submit").click()
    _wait(browser, lambda b: len(_rows(b, "ranking-table")) == 4)
    return browser


def _sort_header(browser, table: str, label: str):  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    return next(th for th in browser.find_elements(By.CSS_SELECTOR, f"#{table} thead th") if th.text.startswith(label))


def test_resumes_are_ranked_for_a_posting_best_first_with_each_problem(ranked):
    from selenium.webdriver.common.by import By

    rows = _rows(ranked, "ranking-table")
    assert [row[0] for row in rows] == ["1", "2", "3", ""]
    scores = [float(row[3]) for row in rows[:3]]
    assert scores == sorted(scores, reverse=True)
    assert sorted(row[1] for row in rows[:3]) == ["cv.docx", "jane.pdf", "notes.txt"]
    assert rows[3][1] == "broken.pdf" and "could not be read; it may be damaged" in rows[3][3]
    assert all(re.search(r"\(\+\d+(\.\d+)?\)", row[5]) for row in rows[:3])  # the top missing, with the points each adds
    assert ranked.find_element(By.ID, "rank-status").text == "Ranked 3 of 4 files; 1 could not be read."
    assert ranked.switch_to.active_element.get_attribute("id") == "ranking-title"


def test_a_column_heading_sorts_the_ranking(ranked):
    from selenium.webdriver.common.by import By

    rank = _sort_header(ranked, "ranking-table", "Rank")
    assert rank.get_attribute("aria-sort") == "ascending"
    _sort_header(ranked, "ranking-table", "File").find_element("tag name", "button").click()
    files = [row[1] for row in _rows(ranked, "ranking-table")]
    assert files == ["broken.pdf", "cv.docx", "jane.pdf", "notes.txt"]
    assert _sort_header(ranked, "ranking-table", "File").get_attribute("aria-sort") == "ascending"
    assert ranked.find_element(By.ID, "rank-status").text == "Sorted by File, ascending."
    assert _sort_header(ranked, "ranking-table", "Rank").get_attribute("aria-sort") is None
    score = _sort_header(ranked, "ranking-table", "Score")
    score.find_element("tag name", "button").click()
    assert _sort_header(ranked, "ranking-table", "Score").get_attribute("aria-sort") == "descending"
    _sort_header(ranked, "ranking-table", "Score").find_element("tag name", "button").click()  # again: the other way
    assert _sort_header(ranked, "ranking-table", "Score").get_attribute("aria-sort") == "ascending"
    rows = _rows(ranked, "ranking-table")
    assert [row[0] for row in rows] == ["3", "2", "1", ""]  # the row without a score stays last
    assert ranked.switch_to.active_element.text.startswith("Score")  # focus stays on the heading's button


def test_the_ranking_downloads_as_csv_with_every_row(ranked, tmp_path):
    """The link's blob is read as a person gets it, downloaded: the page's own fetch of a blob:
    URL is refused by its Content-Security-Policy (connect-src 'self'), which stays as strict."""
    import csv
    import io
    import time

    from selenium.webdriver.common.by import By

    link = ranked.find_element(By.ID, "ranking-csv")
    assert link.get_attribute("download") == "ranking.csv" and link.get_attribute("href").startswith("blob:")
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    ranked.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    link.click()
    deadline = time.monotonic() + WAIT_SECONDS
    while not (downloads / "ranking.csv").is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    text = (downloads / "ranking.csv").read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    shown = _rows(ranked, "ranking-table")
    assert [row["file"] for row in table] == [row[1] for row in shown]
    assert [row["rank"] for row in table] == ["1", "2", "3", ""]
    assert [row["score"] for row in table[:3]] == [row[3] for row in shown[:3]]
    assert "could not be read" in table[3]["problem"] and not table[0]["problem"]
    assert all(row["top_steps"] for row in table[:3])


def test_a_ranked_row_opens_the_candidates_detail(ranked):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    first = ranked.find_elements(By.CSS_SELECTOR, "#ranking-table tbody tr")[0]
    file, score = first.find_elements(By.TAG_NAME, "td")[1].text, first.find_elements(By.TAG_NAME, "td")[3].text
    first.find_elements(By.TAG_NAME, "td")[2].click()  # anywhere on the row
    title = _wait(ranked, lambda b: b.find_element(By.ID, "candidate-title") if b.find_element(By.ID, "candidate").is_displayed() else None)
    assert file in title.text and f"{score} of 100 for the posting" in title.text
    details = ranked.find_element(By.CSS_SELECTOR, "#candidate-role > li[data-role='job-description'] details")
    assert details.get_attribute("open") is not None and "What the resume shows" in details.text
    # the keyboard: Enter on another row's file
    second = ranked.find_elements(By.CSS_SELECTOR, "#ranking-table tbody tr")[1]
    other = second.find_element(By.CSS_SELECTOR, "button.link")
    ranked.execute_script("arguments[0].focus()", other)
    other.send_keys(Keys.ENTER)
    _wait(ranked, lambda b: other.text in b.find_element(By.ID, "candidate-title").text)
    assert not ranked.find_elements(By.CSS_SELECTOR, "#ranking-table tbody tr")[3].find_elements(By.CSS_SELECTOR, "button.link")


def test_one_resume_beside_two_postings_lists_the_postings_best_first(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    resume = tmp_path / "jane.pdf"
    resume.write_bytes(builders.one_column_pdf())
    _choose_mode(browser, live_server, "postings")
    browser.find_element(By.ID, "fit-resume").send_keys(str(resume))
    browser.find_element(By.ID, "fit-job-1").send_keys(DATA_POSTING)
    browser.find_element(By.ID, "fit-job-2").send_keys(POSTING)
    browser.find_element(By.ID, "fit-submit").click()
    _wait(browser, lambda b: len(_rows(b, "fit-table")) == 2)
    rows = _rows(browser, "fit-table")
    assert [row[0] for row in rows] == ["1", "2"]
    assert float(rows[0][2]) >= float(rows[1][2])
    assert rows[0][1].endswith("(Job description 2)") and rows[1][1].endswith("(Job description 1)")
    assert rows[0][1].startswith("Senior ML Engineer")
    assert all(row[3] in ("strong", "good", "partial", "weak") for row in rows)


def test_the_mode_switch_works_from_the_keyboard(browser, live_server):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(live_server + "/")
    switch = browser.find_element(By.ID, "mode")
    assert switch.tag_name == "fieldset" and switch.find_element(By.TAG_NAME, "legend").text == "What to do"
    first = browser.find_element(By.ID, "mode-analyse")
    browser.execute_script("arguments[0].focus()", first)
    first.send_keys(Keys.ARROW_DOWN)
    assert browser.find_element(By.ID, "mode-rank").is_selected()
    assert browser.find_element(By.ID, "panel-rank").is_displayed() and not browser.find_element(By.ID, "panel-analyse").is_displayed()
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.find_element(By.ID, "panel-postings").is_displayed()
    browser.switch_to.active_element.send_keys(Keys.TAB)  # on to the form of that mode
    assert browser.switch_to.active_element.get_attribute("id") == "fit-resume"
    browser.find_element(By.ID, "fit-submit").click()  # the problem box speaks under the form in use
    problem = _wait(browser, lambda b: b.find_element(By.ID, "problem") if b.find_element(By.ID, "problem").is_displayed() else None)
    assert "Choose the resume file first" in problem.text
    for label in browser.find_elements(By.CSS_SELECTOR, "#mode label"):
        assert label.get_attribute("for") and browser.find_element(By.ID, label.get_attribute("for")).get_attribute("type") == "radio"


def test_a_ranked_archive_and_a_file_named_as_html(browser, live_server, tmp_path):
    from selenium.webdriver.common.by import By

    archive = tmp_path / "resumes.zip"
    archive.write_bytes(builders.zip_of({"one.txt": builders.TEXT_RESUME.encode(), "two.txt": builders.ML_ENGINEER_CV.encode()}))
    tricky = tmp_path / "<b>bold.txt"
    tricky.write_text(builders.TEXT_RESUME)
    _choose_mode(browser, live_server, "rank")
    browser.find_element(By.ID, "rank-job").send_keys(POSTING)
    browser.find_element(By.ID, "resumes").send_keys(f"{archive}\n{tricky}")
    browser.find_element(By.ID, "rank-submit").click()
    _wait(browser, lambda b: len(_rows(b, "ranking-table")) == 3)
    files = sorted(row[1] for row in _rows(browser, "ranking-table"))
    assert files == ["<b>bold.txt", "resumes.zip/one.txt", "resumes.zip/two.txt"]
    assert not browser.find_elements(By.CSS_SELECTOR, "#ranking-table b")
    buttons = browser.find_elements(By.CSS_SELECTOR, "#ranking-table button.link")
    assert [button.text for button in buttons] == ["<b>bold.txt"]  # an archive's entry does not open on its own
    assert browser.find_element(By.ID, "ranking-archived").is_displayed()
