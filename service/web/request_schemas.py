"""Request schemas: one per request body or query, also the OpenAPI schemas."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from service.web.schemas import IMPORTANCE
from skill_taxonomy.catalogue import DEGREE_LEVELS, MAX_WEIGHT, SIGNALS

READ_ONLY = "As GET /v1/roles/{id} answers it; accepted and ignored, since a request's own role has no shares or fitted weights."
ROLE_ID = validate.Regexp(r"^[a-z0-9][a-z0-9-]*$", error="ids are lower-case letters, digits and hyphens")


class NOfSchema(Schema):
    """n of a list of skill ids."""

    n = fields.Integer(required=True, validate=validate.Range(min=1), metadata={"description": "At most the number of skills."})
    skills = fields.List(fields.String(), required=True, validate=validate.Length(min=1))


class SignalSchema(Schema):
    """A signal of the resume and its minimum."""

    name = fields.String(required=True, validate=validate.OneOf(SIGNALS))
    min = fields.Raw(
        metadata={
            "oneOf": [{"type": "number"}, {"type": "string"}],
            "description": "degree: one of "
            + ", ".join(DEGREE_LEVELS)
            + "; deployment and title: none (ignored); the others: a number above 0.",
        }
    )


# Exactly one of the ways to meet a requirement: the schema says it (a request with none or two
# is refused with 400 all the same, by the taxonomy's own validation).
ONE_WAY = {"oneOf": [{"required": ["any"]}, {"required": ["n_of"]}, {"required": ["signal"]}]}


class CustomRequirementSchema(Schema):
    """A requirement of a request's own role: met by `any` of its skills, `n_of` them, or a `signal`
    (exactly one of the three). Skill ids are the taxonomy's (GET /v1/skills finds them); an id
    the taxonomy lacks is refused with 400."""

    id = fields.String(required=True, validate=ROLE_ID)
    label = fields.String(required=True, validate=validate.Length(min=1))
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(
        validate=validate.Range(min=0, max=MAX_WEIGHT, min_inclusive=False), metadata={"description": "Default by importance: 3, 2, 1."}
    )
    any = fields.List(fields.String(), validate=validate.Length(min=1), metadata={"description": "Met by any of these skill ids."})
    n_of = fields.Nested(NOfSchema, metadata={"description": "Met by n of these skill ids."})
    signal = fields.Nested(SignalSchema, metadata={"description": "Met by a signal of the resume."})
    cap = fields.Float(
        validate=validate.Range(min=0, max=100, min_inclusive=False, max_inclusive=False),
        metadata={"description": "While it is missing, the role's score is at most this; above 0 and below 100."},
    )
    reason = fields.String(metadata={"description": "Why the role asks for it; a default when absent."})
    advice = fields.String(metadata={"description": "How to close the gap; a default when absent."})
    # What GET /v1/roles/{id} says of a requirement's shares, so that a role can be posted back as
    # it is: accepted and ignored (a request's role has no shares).
    written_weight = fields.Float(allow_none=True, metadata={"description": READ_ONLY})
    asked_by = fields.Float(allow_none=True, metadata={"description": READ_ONLY})
    asked_by_others = fields.Float(allow_none=True, metadata={"description": READ_ONLY})


class CustomRoleSchema(Schema):
    """A request's own role, in the taxonomy's role schema."""

    id = fields.String(required=True, validate=ROLE_ID)
    title = fields.String(required=True, validate=validate.Length(min=1))
    description = fields.String()
    titles = fields.List(fields.String(), metadata={"description": "Job titles of the role, for the `title` signal."})
    requirements = fields.List(fields.Nested(CustomRequirementSchema), required=True, validate=validate.Length(min=1))
    asked_by_source = fields.Dict(allow_none=True, metadata={"description": READ_ONLY})
    weights_source = fields.Dict(allow_none=True, metadata={"description": READ_ONLY})


class AnalysisRequestSchema(Schema):
    """A resume as text, with the roles to score."""

    class Meta:
        unknown = EXCLUDE

    text = fields.String(
        required=True,
        validate=validate.Length(min=1),
        metadata={"description": "The resume as plain text.", "example": "Jane Doe\nSkills: Python, PyTorch, Docker"},
    )
    roles = fields.List(
        fields.String(),
        load_default=None,
        metadata={
            "description": "Taxonomy role ids to score: all when absent; none when empty beside a job description or custom roles.",
            "example": ["ml-engineer"],
        },
    )
    job_description = fields.String(
        metadata={"description": "A job posting as text; its role (id job-description) is scored first. Empty or blank: no posting."}
    )
    custom_roles = fields.List(
        fields.Nested(CustomRoleSchema), metadata={"description": "The request's own roles, in the taxonomy's role schema."}
    )
    target_role = fields.String(
        metadata={
            "description": "A role scored (taxonomy, custom or job-description) to plan the steps to its next bands for; "
            "else the plan is for the role whose next band is nearest. Empty: none.",
            "example": "ml-engineer",
        }
    )


class AnalysisUploadSchema(Schema):
    """A resume file (PDF, DOCX or text), with the roles to score."""

    resume = fields.Raw(
        required=True, metadata={"type": "string", "format": "binary", "description": "The resume file; its type is read from its bytes."}
    )
    roles = fields.List(
        fields.String(),
        metadata={
            "description": "Role ids to score (repeat the field, or separate ids by commas); all when absent, none when empty "
            "beside a job description or custom roles."
        },
    )
    job_description = fields.String(
        metadata={"description": "A job posting as text; its role (id job-description) is scored first. Empty or blank: no posting."}
    )
    job_description_file = fields.Raw(
        metadata={"type": "string", "format": "binary", "description": "A job posting as a file (PDF, DOCX or text)."}
    )
    custom_roles = fields.String(
        metadata={"description": "JSON list of the request's own roles, each a CustomRole (the taxonomy's role schema). Empty: none."}
    )
    target_role = fields.String(
        metadata={
            "description": "A role scored (taxonomy, custom or job-description) to plan the steps to its next bands for; "
            "else the plan is for the role whose next band is nearest. Empty: none.",
            "example": "ml-engineer",
        }
    )


class JobDescriptionRequestSchema(Schema):
    """A job posting as text."""

    class Meta:
        unknown = EXCLUDE

    text = fields.String(required=True, validate=validate.Length(min=1), metadata={"description": "The job posting as plain text."})


class JobDescriptionUploadSchema(Schema):
    """A job posting as a file (PDF, DOCX or text) or a text field: one of the two is required."""

    job_description_file = fields.Raw(metadata={"type": "string", "format": "binary", "description": "The posting as a file."})
    job_description = fields.String(validate=validate.Length(min=1), metadata={"description": "The posting as text, when no file is sent."})


class SkillQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(required=True, validate=validate.Length(min=1, max=100), metadata={"description": "Start of a skill name or alias."})
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


FILE = {"type": "string", "format": "binary"}


class RankingUploadSchema(Schema):
    """Many resumes against one job description (or one role), or one resume against several job
    descriptions. Send `resumes` (repeated; ZIP archives of resumes too) with one posting
    (`job_description` or `job_description_file`), a `role` or a `custom_role`; or one `resume`
    with two or more postings (`job_description` and `job_description_file`, each repeatable)."""

    resumes = fields.List(
        fields.Raw(metadata=FILE),
        metadata={"description": "Resume files (PDF, DOCX, text, scans) and ZIP archives of them; repeat the field."},
    )
    resume = fields.Raw(metadata={**FILE, "description": "The one resume to fit to several postings."})
    job_description = fields.List(
        fields.String(),
        metadata={"description": "A job posting as text; repeat the field for several (the candidate's side). Blank: none."},
    )
    job_description_file = fields.List(
        fields.Raw(metadata=FILE), metadata={"description": "A job posting as a file; repeat the field for several."}
    )
    role = fields.String(
        validate=ROLE_ID,
        metadata={"description": "A taxonomy role id to rank the resumes for, instead of a posting.", "example": "ml-engineer"},
    )
    custom_role = fields.String(
        metadata={"description": "JSON of one CustomRole (the taxonomy's role schema) to rank the resumes for, instead of a posting."}
    )
