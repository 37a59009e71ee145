"""The answer of POST /v1/rankings: what was ranked against, and a row per document."""

from __future__ import annotations

from marshmallow import Schema, fields

from service.web.schemas import BAND, STEP_KIND, JobDescriptionSchema


class RowProblemSchema(Schema):
    """Why one document of a ranking was not ranked (RFC 9457 fields; the request itself succeeded)."""

    type = fields.String(required=True, metadata={"example": "urn:rolefit:problem:encrypted-document"})
    title = fields.String(required=True)
    status = fields.Integer(required=True, metadata={"description": "The status an analysis of this document alone would answer."})
    detail = fields.String(required=True)


class RowStepSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    kind = fields.String(required=True, validate=STEP_KIND)
    gain = fields.Float(required=True, metadata={"description": "Points the step adds, after the steps before it."})
    score_after = fields.Float(required=True)


class RankingRowSchema(Schema):
    rank = fields.Integer(required=True, allow_none=True, metadata={"description": "1 for the best; null for a row with a problem."})
    file = fields.String(required=True, metadata={"description": "The file name (an archive's entry as archive/entry)."})
    score = fields.Float(required=True, allow_none=True, metadata={"description": "As an analysis with the same posting or role gives it."})
    band = fields.String(required=True, allow_none=True, validate=BAND)
    met = fields.List(fields.String(), required=True, metadata={"description": "Labels of the requirements met in full."})
    partly_met = fields.List(fields.String(), required=True)
    missing = fields.List(fields.String(), required=True, metadata={"description": "Most important first."})
    top_steps = fields.List(
        fields.Nested(RowStepSchema), required=True, metadata={"description": "The next steps worth most (see RoleFit.next_steps)."}
    )
    problem = fields.Nested(RowProblemSchema, required=True, allow_none=True)


class CandidateRowSchema(RankingRowSchema):
    name = fields.String(required=True, allow_none=True, metadata={"description": "The candidate's name, where found."})
    reads_as = fields.Dict(
        required=True, allow_none=True, metadata={"description": "{role, title}: the role the person's current title names."}
    )


class PostingRowSchema(RankingRowSchema):
    title = fields.String(required=True, allow_none=True, metadata={"description": "The posting's title."})


class RankedRoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)


class RankedResumeSchema(Schema):
    file = fields.String(required=True)
    name = fields.String(required=True, allow_none=True)


class RankingSchema(Schema):
    job_description = fields.Nested(
        JobDescriptionSchema,
        required=True,
        allow_none=True,
        metadata={"description": "The posting the resumes were ranked for, as understood."},
    )
    role = fields.Nested(
        RankedRoleSchema, required=True, allow_none=True, metadata={"description": "The role ranked for (the posting's: job-description)."}
    )
    resume = fields.Nested(
        RankedResumeSchema, required=True, allow_none=True, metadata={"description": "On the candidate's side: the one resume."}
    )
    candidates = fields.List(
        fields.Nested(CandidateRowSchema),
        required=True,
        metadata={"description": "Best first, ties by file name; then the files with a problem. Empty on the candidate's side."},
    )
    postings = fields.List(
        fields.Nested(PostingRowSchema),
        required=True,
        metadata={"description": "On the candidate's side: the postings, the best-fitting first; else empty."},
    )
    documents = fields.Integer(required=True, metadata={"description": "Documents ranked, an archive's files each."})
    seconds = fields.Float(required=True)
