"""POST /v1/rankings: many resumes (and ZIP archives of them) against one posting or role, best
first, each scored as an analysis of it alone; one resume against several postings; every bad
file with its own problem; the request's limits."""

from __future__ import annotations

import io
import resource

import builders
import pytest

from service import create_app
from service.documents.archives import ArchiveLimits, archive_entries, read_archive
from service.exceptions import DocumentTooLarge, RankingTooLong
from service.rankings import RankingLimits, rank_resumes

POSTING = builders.ML_POSTING
OTHER_RESUME = builders.DATA_SCIENTIST_RESUME


@pytest.fixture()
def engine(app):
    return app.extensions["rolefit"]


def files(*named: tuple[str, bytes]) -> list[tuple[io.BytesIO, str]]:
    return [(io.BytesIO(data), name) for name, data in named]


def rank(client, resumes, **form):
    return client.post("/v1/rankings", data={"resumes": files(*resumes), **form})


def test_each_candidates_score_is_the_analysis_score_with_the_same_posting(client):
    resumes = [("jane.pdf", builders.one_column_pdf()), ("sam.txt", OTHER_RESUME.encode()), ("cv.docx", builders.docx_resume())]
    response = rank(client, resumes, job_description=POSTING)
    assert response.status_code == 200
    body = response.get_json()
    assert body["role"] == {"id": "job-description", "title": body["job_description"]["title"]}
    assert body["job_description"]["closest_roles"][0]["id"] == "ml-engineer"
    rows = body["candidates"]
    assert [row["rank"] for row in rows] == [1, 2, 3]
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    for name, data in resumes:
        alone = client.post("/v1/analyses", data={"resume": (io.BytesIO(data), name), "job_description": POSTING, "roles": ""}).get_json()
        fit = alone["roles"][0]
        row = next(row for row in rows if row["file"] == name)
        assert (row["score"], row["band"]) == (fit["score"], fit["band"])
        assert row["missing"] == [req["label"] for req in fit["missing"]]
        assert row["top_steps"] == [
            {key: step[key] for key in ("id", "label", "kind", "gain", "score_after")} for step in fit["next_steps"][:3]
        ]
        assert row["name"] == alone["profile"]["name"]


def test_a_built_in_or_custom_role_instead_of_a_posting(client):
    resumes = [("jane.pdf", builders.one_column_pdf()), ("sam.txt", OTHER_RESUME.encode())]
    body = rank(client, resumes, role="data-scientist").get_json()
    assert body["role"]["id"] == "data-scientist" and body["job_description"] is None
    assert body["candidates"][0]["file"] == "sam.txt"
    custom = '{"id": "k8s-person", "title": "Kubernetes person", "requirements": [{"id": "k8s", "label": "Kubernetes", "importance": "must", "any": ["kubernetes"]}]}'
    body = rank(client, resumes, custom_role=custom).get_json()
    assert body["role"]["id"] == "k8s-person" and body["candidates"][0]["file"] == "jane.pdf"


def test_ties_are_broken_by_file_name(client):
    same = OTHER_RESUME.encode()
    body = rank(client, [("b.txt", same), ("c.txt", same), ("a.txt", same)], role="data-scientist").get_json()
    assert [row["file"] for row in body["candidates"]] == ["a.txt", "b.txt", "c.txt"]
    assert len({row["score"] for row in body["candidates"]}) == 1


def test_bad_files_get_their_own_problem_and_the_good_ones_are_ranked(client):
    archive = builders.zip_of(
        {"good/sam.txt": OTHER_RESUME.encode(), "bomb.docx": builders.docx_zip_bomb(), "inner.zip": builders.zip_of({"x.txt": b"Python"})}
    )
    resumes = [
        ("jane.pdf", builders.one_column_pdf()),
        ("broken.pdf", builders.corrupt_pdf()),
        ("scan.pdf", builders.image_only_pdf()),
        ("locked.pdf", builders.encrypted_pdf()),
        ("photo.gif", builders.gif_bytes()),
        ("cvs.zip", archive),
    ]
    response = rank(client, resumes, job_description=POSTING)
    assert response.status_code == 200
    rows = {row["file"]: row for row in response.get_json()["candidates"]}
    assert [name for name, row in rows.items() if row["rank"]] == ["jane.pdf", "cvs.zip/good/sam.txt"]
    problems = {name: row["problem"]["type"].rsplit(":", 1)[1] for name, row in rows.items() if row["problem"]}
    assert problems == {
        "broken.pdf": "unreadable-document",
        "scan.pdf": "empty-document",
        "locked.pdf": "encrypted-document",
        "photo.gif": "unsupported-media-type",
        "cvs.zip/bomb.docx": "document-too-large",
        "cvs.zip/inner.zip": "unsupported-media-type",
    }
    assert rows["cvs.zip/inner.zip"]["problem"]["detail"].startswith("The file is an archive inside the archive")
    assert all(rows[name]["problem"]["status"] in (413, 415, 422) and rows[name]["score"] is None for name in problems)
    assert list(rows)[-len(problems) :] == sorted(problems)  # the rows with a problem last, by name


def test_a_zip_bomb_as_the_whole_upload_is_refused_before_it_inflates(client):
    bomb = builders.zip_bomb(300 * 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    response = rank(client, [("cvs.zip", bomb)], job_description=POSTING)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    problem = response.get_json()
    assert response.status_code == 413 and problem["type"] == "urn:rolefit:problem:document-too-large"
    assert "decompression bomb" in problem["detail"] and "rolefit rank" in problem["detail"]
    assert grown_mb < 50  # the peak of the process did not take the inflated bytes


def test_an_archive_entry_larger_than_one_upload_is_refused_alone():
    entries = read_archive(builders.zip_of({"big.txt": b"a" * 2000, "ok.txt": b"Python"}), ArchiveLimits(max_entry_bytes=1000))
    assert [name for name, _ in entries] == ["big.txt", "ok.txt"]
    assert isinstance(entries[0][1], DocumentTooLarge) and entries[1][1] == b"Python"


def test_hidden_files_and_folders_of_an_archive_are_left_out():
    archive = builders.zip_of({"__MACOSX/._cv.pdf": b"x", ".DS_Store": b"x", "cvs/.hidden.txt": b"x", "cvs/cv.txt": b"Python"})
    assert [name for name, _ in read_archive(archive, ArchiveLimits())] == ["cvs/cv.txt"]


@pytest.mark.parametrize(
    ("data", "documents"),
    [
        (b"Python, SQL", 1),
        (builders.docx_resume(), 1),  # a Word document is a ZIP, and one document
        (builders.zip_of({"__MACOSX/._a.pdf": b"x", "cvs/a.txt": b"a", "cvs/b.txt": b"b", "c.txt": b"c"}), 3),
        (builders.zip_of({".DS_Store": b"x"}), 1),  # nothing to read is still a request
        (b"PK\x03\x04 damaged", 1),  # read_archive says what is wrong with it
    ],
)
def test_the_rate_limit_counts_an_uploads_documents_from_its_directory_and_leaves_the_stream_in_place(data, documents):
    stream = io.BytesIO(b"--" + data)
    stream.seek(2)
    assert archive_entries(stream) == documents
    assert stream.tell() == 2 and stream.read() == data


@pytest.mark.parametrize(
    ("limits", "resumes", "says"),
    [
        ({"RANKING_MAX_FILES": 2}, [("a.txt", b"Python"), ("b.txt", b"Python"), ("c.txt", b"Python")], "3 resumes; the limit is 2"),
        (
            {"RANKING_MAX_FILES": 2},
            [("cvs.zip", builders.zip_of({f"{i}.txt": b"Python" for i in range(3)}))],
            "holds 3 files; the limit is 2",
        ),
        ({"RANKING_MAX_BYTES": 10_000}, [("a.txt", b"Python " * 1000), ("b.txt", b"SQL " * 1000)], "the limit is 10000 per request"),
    ],
)
def test_past_a_requests_limit_413_says_which_and_what_to_do(limits, resumes, says):
    app = create_app({"TESTING": True, "RATE_LIMIT": "", "SPACY_MODEL": "blank:en", **limits})
    response = rank(app.test_client(), resumes, role="data-scientist")
    problem = response.get_json()
    assert response.status_code == 413 and says in problem["detail"], problem
    assert "rolefit rank" in problem["detail"]


def test_a_body_past_the_rankings_byte_limit_is_refused_before_it_is_read():
    app = create_app({"TESTING": True, "RATE_LIMIT": "", "SPACY_MODEL": "blank:en", "RANKING_MAX_BYTES": 100_000})
    response = rank(app.test_client(), [("a.txt", b"Python " * 40_000)], role="data-scientist")
    assert response.status_code == 413 and response.get_json()["type"] == "urn:rolefit:problem:document-too-large"


def test_the_time_budget_is_the_whole_requests(engine):
    ticks = iter(range(0, 1000, 50))  # each reading of the clock is 50 seconds on
    with pytest.raises(RankingTooLong, match="passed its 50-second budget after 1 of 4 documents"):
        rank_resumes(
            engine,
            [(f"{i}.txt", OTHER_RESUME.encode()) for i in range(4)],
            RankingLimits(),
            role=engine.taxonomy.roles["data-scientist"],
            clock=lambda: next(ticks),
        )


def test_one_resume_against_several_postings_best_first(client):
    postings = ["Data Scientist\nRequirements\nPython, SQL, statistics and A/B tests", POSTING, "x"]
    response = client.post(
        "/v1/rankings",
        data={
            "resume": (io.BytesIO(OTHER_RESUME.encode()), "sam.txt"),
            "job_description": postings,
            "job_description_file": [(io.BytesIO(builders.encrypted_pdf()), "locked.pdf")],
        },
    )
    body = response.get_json()
    assert response.status_code == 200 and body["candidates"] == [] and body["resume"] == {"file": "sam.txt", "name": "Sam Poe"}
    rows = body["postings"]
    assert [row["file"] for row in rows] == ["job_description[0]", "job_description[1]", "job_description[2]", "locked.pdf"]
    assert rows[0]["title"] == "Data Scientist" and rows[0]["score"] > rows[1]["score"]
    assert rows[2]["problem"]["title"] == "The job description has no usable text"
    assert rows[3]["problem"]["type"] == "urn:rolefit:problem:encrypted-document"
    assert rows[3]["title"] is None and "name" not in rows[3]  # a posting's row, as the schema has it, though unread
    for index in (0, 1):  # each as an analysis of the resume with that posting
        alone = client.post("/v1/analyses", json={"text": OTHER_RESUME, "job_description": postings[index], "roles": []}).get_json()
        row = next(row for row in rows if row["file"] == f"job_description[{index}]")
        assert row["score"] == alone["roles"][0]["score"]


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({}, "job_description"),  # nothing to rank for
        ({"role": "astronaut"}, "role"),
        ({"role": "data-scientist", "custom_role": "{}"}, "role"),
        ({"custom_role": "{not json"}, "custom_role"),
        (
            {
                "custom_role": '{"id": "x", "title": "X", "requirements": [{"id": "a", "label": "A", "importance": "must", "any": ["no-such-skill"]}]}'
            },
            "custom_roles",
        ),
        ({"job_description": ["Data Scientist\nPython and SQL", POSTING], "role": "data-scientist"}, "resume"),
    ],
)
def test_a_request_that_cannot_be_ranked_names_its_field(client, form, field):
    response = rank(client, [("sam.txt", OTHER_RESUME.encode())], **form)
    problem = response.get_json()
    assert response.status_code == 400 and field in problem["errors"], problem


def test_a_posting_that_cannot_be_read_is_the_requests_problem(client):
    response = rank(client, [("sam.txt", OTHER_RESUME.encode())], job_description="DataScientist")
    problem = response.get_json()
    assert response.status_code == 422 and problem["title"].startswith("The job description") and "job_description" in problem["errors"]


def test_without_resumes_or_as_json_the_request_is_refused(client):
    assert client.post("/v1/rankings", data={"job_description": POSTING}, content_type="multipart/form-data").get_json()["errors"] == {
        "resumes": ["Missing data for required field."]
    }
    assert client.post("/v1/rankings", json={"job_description": POSTING}).status_code == 415


def test_a_ranking_counts_its_documents_against_the_rate_limit_and_in_metrics():
    app = create_app({"TESTING": True, "RATE_LIMIT": "4/minute", "SPACY_MODEL": "blank:en"})
    client = app.test_client()
    archive = builders.zip_of({"a.txt": OTHER_RESUME.encode(), "b.txt": OTHER_RESUME.encode()})
    assert rank(client, [("cvs.zip", archive), ("c.txt", OTHER_RESUME.encode())], role="data-scientist").status_code == 200  # 3 documents
    assert rank(client, [("d.txt", OTHER_RESUME.encode())], role="data-scientist").status_code == 200  # the fourth
    assert rank(client, [("e.txt", OTHER_RESUME.encode())], role="data-scientist").status_code == 429
    metrics = client.get("/metrics").get_data(as_text=True)
    assert 'rolefit_rankings_total{side="candidates"}' in metrics
    assert "rolefit_ranking_documents_bucket" in metrics


def test_a_field_the_description_does_not_declare_is_refused(client):
    for path, form in (
        ("/v1/rankings", {"resumes": files(("a.txt", b"Python")), "role": "ml-engineer"}),
        ("/v1/analyses", {"resume": files(("a.txt", b"Python"))[0], "roles": "ml-engineer"}),
    ):
        response = client.post(path, data={**form, "colour": "blue"})
        assert response.status_code == 400 and response.get_json()["errors"] == {"colour": ["Unknown field."]}


def test_when_no_posting_can_be_read_the_rows_say_so_and_a_bad_resume_is_the_requests_problem(client):
    postings = {"job_description": ["x", "y"]}
    body = client.post("/v1/rankings", data={"resume": (io.BytesIO(OTHER_RESUME.encode()), "sam.txt"), **postings}).get_json()
    assert [row["title"] for row in body["postings"]] == [None, None] and all(row["problem"] for row in body["postings"])
    response = client.post("/v1/rankings", data={"resume": (io.BytesIO(builders.gif_bytes()), "photo.gif"), **postings})
    assert response.status_code == 415
