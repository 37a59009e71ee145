"""Request and response schemas: one per request and per response, also the OpenAPI schemas."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

IMPORTANCE = validate.OneOf(["must", "important", "nice"])
BAND = validate.OneOf(["strong", "good", "partial", "weak"])
DEGREE = validate.OneOf(["associate", "bachelor", "master", "doctorate"])


ROLE_ID = validate.Regexp(r"^[a-z0-9][a-z0-9-]*$", error="ids are lower-case letters, digits and hyphens")


class CustomRequirementSchema(Schema):
    """A requirement of a request's own role: met by `any` of its skills, `n_of` them, or a `signal`
    (exactly one of the three). Skill ids are the taxonomy's (GET /v1/skills finds them); an id
    the taxonomy lacks is refused with 400."""

    id = fields.String(required=True, validate=ROLE_ID)
    label = fields.String(required=True, validate=validate.Length(min=1))
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(
        validate=validate.Range(min=0, max=10, min_inclusive=False), metadata={"description": "Default by importance: 3, 2, 1."}
    )
    any = fields.List(fields.String(), validate=validate.Length(min=1), metadata={"description": "Met by any of these skill ids."})
    n_of = fields.Dict(metadata={"description": "Met by n of these skill ids: {n, skills}."})
    signal = fields.Dict(
        metadata={
            "description": "Met by a signal: {name, min}; names: publications, top_venue, first_author_top_venue, degree, experience_years, deployment, applied, title."
        }
    )
    reason = fields.String(metadata={"description": "Why the role asks for it; a default when absent."})
    advice = fields.String(metadata={"description": "How to close the gap; a default when absent."})


class CustomRoleSchema(Schema):
    """A request's own role, in the taxonomy's role schema."""

    id = fields.String(required=True, validate=ROLE_ID)
    title = fields.String(required=True, validate=validate.Length(min=1))
    description = fields.String()
    titles = fields.List(fields.String(), metadata={"description": "Job titles of the role, for the `title` signal."})
    requirements = fields.List(fields.Nested(CustomRequirementSchema), required=True, validate=validate.Length(min=1))


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
        metadata={"description": "A job posting as text; its role (id job-description) is scored first. Empty: no posting."}
    )
    custom_roles = fields.List(
        fields.Nested(CustomRoleSchema), metadata={"description": "The request's own roles, in the taxonomy's role schema."}
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
        metadata={"description": "A job posting as text; its role (id job-description) is scored first. Empty: no posting."}
    )
    job_description_file = fields.Raw(
        metadata={"type": "string", "format": "binary", "description": "A job posting as a file (PDF, DOCX or text)."}
    )
    custom_roles = fields.String(
        metadata={"description": "JSON list of the request's own roles, each a CustomRole (the taxonomy's role schema). Empty: none."}
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


class EvidenceSchema(Schema):
    text = fields.String(required=True, metadata={"description": "The line or sentence that shows it."})
    section = fields.String(required=True, metadata={"description": "Canonical section: experience, education, skills, ..."})
    page = fields.Integer(required=True, metadata={"description": "1-based page number."})
    highlight = fields.List(
        fields.Integer(),
        required=True,
        allow_none=True,
        metadata={
            "description": "Start and end (characters, end exclusive) of the skill's name in `text`, for evidence of a skill; "
            "null for other evidence.",
            "example": [12, 19],
        },
    )


class DocumentInfoSchema(Schema):
    media_type = fields.String(required=True, metadata={"example": "application/pdf"})
    pages = fields.Integer(required=True)
    characters = fields.Integer(required=True)
    language = fields.String(
        required=True, allow_none=True, metadata={"description": "ISO 639-1 code; null when there is too little text to tell."}
    )
    layout = fields.String(required=True, validate=validate.OneOf(["single-column", "multi-column"]))
    ocr = fields.Boolean(
        required=True, metadata={"description": "Some of the text was read by OCR (a scan or a photo); a warning says so."}
    )
    sections = fields.List(fields.String(), required=True)


class FoundSkillSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    category = fields.String(required=True)
    mentions = fields.Integer(required=True)
    sections = fields.List(fields.String(), required=True)
    context = fields.String(
        required=True,
        validate=validate.OneOf(["used", "listed", "weak"]),
        metadata={"description": "used in experience or projects, listed (skills, summary), or weak (coursework, 'familiar with')."},
    )
    strength = fields.Float(required=True, metadata={"description": "What the skill counts towards a requirement: 1.0, 0.9, 0.75 or 0.5."})
    months = fields.Integer(
        required=True, allow_none=True, metadata={"description": "Months of use: the dated jobs that mention it, or a stated figure."}
    )
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)


class EducationSchema(Schema):
    degree_level = fields.String(required=True, validate=DEGREE)
    in_progress = fields.Boolean(required=True)
    field = fields.String(required=True, allow_none=True)
    institution = fields.String(required=True, allow_none=True)
    year = fields.Integer(required=True, allow_none=True)
    evidence = fields.Nested(EvidenceSchema, required=True)


class PublicationEntrySchema(Schema):
    text = fields.String(required=True)
    venue = fields.String(
        required=True, allow_none=True, metadata={"description": "A recognised top venue (NeurIPS, ICML, ...), else null."}
    )
    year = fields.Integer(required=True, allow_none=True)
    first_author = fields.Boolean(required=True)
    top_venue = fields.Boolean(
        required=True, metadata={"description": "Main track of a top venue, accepted (not submitted, not a workshop)."}
    )
    workshop = fields.Boolean(required=True)
    page = fields.Integer(required=True)


class PublicationsSchema(Schema):
    count = fields.Integer(required=True)
    first_author = fields.Integer(required=True)
    top_venue = fields.Integer(required=True)
    first_author_top_venue = fields.Integer(required=True)
    entries = fields.List(fields.Nested(PublicationEntrySchema), required=True)


class DeploymentSchema(Schema):
    present = fields.Boolean(required=True)
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)


class ProfileSchema(Schema):
    name = fields.String(
        required=True, allow_none=True, metadata={"description": "The candidate's name as found at the top of the resume."}
    )
    skills = fields.List(fields.Nested(FoundSkillSchema), required=True)
    highest_degree = fields.String(required=True, allow_none=True, validate=DEGREE)
    education = fields.List(fields.Nested(EducationSchema), required=True)
    publications = fields.Nested(PublicationsSchema, required=True)
    deployment_experience = fields.Nested(DeploymentSchema, required=True)
    experience_years = fields.Float(required=True, allow_none=True)
    experience_source = fields.String(required=True, validate=validate.OneOf(["date-ranges", "stated", "none"]))


class MatchedRequirementSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(required=True)
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Share (0 to 1) of the role's real postings that ask for it; null where the taxonomy has no shares."},
    )
    credit = fields.Float(required=True, metadata={"description": "0 to 1; below 1 where only partly met."})
    earned = fields.Float(required=True, metadata={"description": "weight * credit"})
    detail = fields.String(required=True)
    skills = fields.List(fields.String(), required=True, metadata={"description": "Ids of the skills that met it."})
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)
    advice = fields.String(metadata={"description": "Present where the requirement is only partly met."})


class MissingRequirementSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(required=True)
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Share (0 to 1) of the role's real postings that ask for it; null where the taxonomy has no shares."},
    )
    reason = fields.String(required=True)
    advice = fields.String(required=True)


class SharesSourceSchema(Schema):
    source = fields.String(required=True, metadata={"description": "The postings the shares were counted in."})
    date = fields.String(required=True, metadata={"description": "When the postings were posted (YYYY-MM)."})
    postings = fields.Integer(required=True, metadata={"description": "How many of the role's postings were counted."})


class RoleFitSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    asked_by_source = fields.Nested(
        SharesSourceSchema, required=True, allow_none=True, metadata={"description": "Where the requirements' asked_by shares come from."}
    )
    score = fields.Float(required=True, metadata={"description": "100 * earned / possible, rounded to one decimal."})
    band = fields.String(required=True, validate=BAND)
    earned = fields.Float(required=True)
    possible = fields.Float(required=True)
    title_years = fields.Float(
        required=True, allow_none=True, metadata={"description": "Years under this role's job titles, where their jobs are dated."}
    )
    matched = fields.List(fields.Nested(MatchedRequirementSchema), required=True)
    missing = fields.List(fields.Nested(MissingRequirementSchema), required=True, metadata={"description": "Most important first."})


class PostingRequirementSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(required=True)
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Share (0 to 1) of the role's real postings that ask for it; null where the taxonomy has no shares."},
    )
    kind = fields.String(
        required=True, validate=validate.OneOf(["skill", "degree", "experience", "publications", "deployment", "title", "role"])
    )
    any = fields.List(fields.String(), metadata={"description": "Met by any of these skill ids."})
    n_of = fields.Dict()
    signal = fields.Dict(metadata={"description": "Met by a signal: {name, min}."})
    reason = fields.String(required=True)
    advice = fields.String(required=True)
    evidence = fields.List(fields.String(), required=True, metadata={"description": "The posting's lines that ask for it."})


class ClosestRoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    similarity = fields.Float(required=True, metadata={"description": "0 to 1: how closely the posting asks what the role's postings ask."})


class JobDescriptionSchema(Schema):
    title = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": 'The posting\'s title: its first line when that names a job, else the title of a taxonomy role its text offers ("We are seeking a Research Engineer"); null when neither.'
        },
    )
    sections = fields.List(fields.String(), required=True)
    closest_roles = fields.List(
        fields.Nested(ClosestRoleSchema), required=True, metadata={"description": "The taxonomy's roles, closest to the posting first."}
    )
    requirements = fields.List(fields.Nested(PostingRequirementSchema), required=True, metadata={"description": "Most important first."})


class AnalysisSchema(Schema):
    taxonomy_version = fields.String(required=True)
    document = fields.Nested(DocumentInfoSchema, required=True)
    profile = fields.Nested(ProfileSchema, required=True)
    roles = fields.List(
        fields.Nested(RoleFitSchema), required=True, metadata={"description": "The job description's role first, then best first."}
    )
    job_description = fields.Nested(
        JobDescriptionSchema,
        required=True,
        allow_none=True,
        metadata={"description": "What was understood of the job description sent, if any."},
    )
    warnings = fields.List(fields.String(), required=True)


class RequirementSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(required=True)
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Share (0 to 1) of the role's real postings that ask for it; null where the taxonomy has no shares."},
    )
    any = fields.List(fields.String(), metadata={"description": "Met by any of these skill ids (or their members)."})
    n_of = fields.Dict(metadata={"description": "Met by n of these skill ids: {n, skills}."})
    signal = fields.Dict(metadata={"description": "Met by a signal: {name, min}."})
    reason = fields.String(required=True)
    advice = fields.String(required=True)


class RoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    titles = fields.List(fields.String(), required=True, metadata={"description": "Job titles of the role, for the `title` signal."})
    asked_by_source = fields.Nested(
        SharesSourceSchema, required=True, allow_none=True, metadata={"description": "Where the requirements' asked_by shares come from."}
    )
    requirements = fields.List(fields.Nested(RequirementSchema), required=True)


class RoleSummarySchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    requirements = fields.Integer(required=True, metadata={"description": "How many requirements the role has."})


class RoleListSchema(Schema):
    taxonomy_version = fields.String(required=True)
    roles = fields.List(fields.Nested(RoleSummarySchema), required=True)


class SkillQuerySchema(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(required=True, validate=validate.Length(min=1, max=100), metadata={"description": "Start of a skill name or alias."})
    limit = fields.Integer(load_default=10, validate=validate.Range(min=1, max=100))


class SkillSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    category = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)


class SkillListSchema(Schema):
    skills = fields.List(fields.Nested(SkillSchema), required=True)


class StatusSchema(Schema):
    status = fields.String(required=True)
    taxonomy_version = fields.String()
    pipeline = fields.String()
    skills = fields.Integer()
    roles = fields.Integer()


class ProblemSchema(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True, metadata={"example": "urn:rolefit:problem:encrypted-document"})
    title = fields.String(required=True, metadata={"example": "The document is encrypted"})
    status = fields.Integer(required=True, metadata={"example": 422})
    detail = fields.String(required=True, metadata={"example": "The PDF is protected by a password; upload an unprotected copy."})
    errors = fields.Dict(
        keys=fields.String(), values=fields.List(fields.String()), metadata={"description": "Field problems: field name -> messages."}
    )
