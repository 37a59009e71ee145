"""Response schemas: one per answer, also the OpenAPI schemas (request schemas: request_schemas.py)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

IMPORTANCE = validate.OneOf(["must", "important", "nice"])
BAND = validate.OneOf(["strong", "good", "partial", "weak"])
DEGREE = validate.OneOf(["associate", "bachelor", "master", "doctorate"])
WEIGHT = (
    "The requirement's weight in the score. Where the role's weights_source is not null, the weights (and caps) were fitted"
    " to labelled resumes: each log-weight pulled towards the weight below, measured by cross-validation. Else, where the"
    " role's requirements have shares (asked_by not null), each but the title weighs written_weight * (1 + max(0, asked_by -"
    " asked_by_others) / 2) (no gain where asked_by_others is null), all scaled by one factor that keeps their sum as"
    " written (to rounding; at most 10 each): weight moves towards what the role's postings ask for more often than other"
    " roles' postings."
)
NO_SHARES = (
    "null where the requirement has no shares (a role of the request or of a posting, or a role a taxonomy replaces without its own)"
)


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


class WeightedRequirementSchema(Schema):
    """What every requirement says of itself: its id, label, importance and weight, and the
    shares its weight follows."""

    id = fields.String(required=True)
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    weight = fields.Float(required=True, metadata={"description": WEIGHT})
    written_weight = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": f"The weight as the taxonomy writes it; {NO_SHARES}."},
    )
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": f"Share (0 to 1) of the role's real postings that ask for it; {NO_SHARES}."},
    )
    asked_by_others = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Mean share (0 to 1) of the other roles' postings that ask for it; null where unknown."},
    )


class RuleSchema(WeightedRequirementSchema):
    """A requirement with the rule that meets it (exactly one of `any`, `n_of` and `signal`), as a
    role of the taxonomy and a posting's role both state it."""

    any = fields.List(fields.String(), metadata={"description": "Met by any of these skill ids (or their members)."})
    n_of = fields.Dict(metadata={"description": "Met by n of these skill ids: {n, skills}."})
    signal = fields.Dict(metadata={"description": "Met by a signal: {name, min}."})
    reason = fields.String(required=True)
    advice = fields.String(required=True)


class MatchedRequirementSchema(WeightedRequirementSchema):
    credit = fields.Float(required=True, metadata={"description": "0 to 1; below 1 where only partly met."})
    earned = fields.Float(required=True, metadata={"description": "weight * credit"})
    detail = fields.String(required=True)
    skills = fields.List(fields.String(), required=True, metadata={"description": "Ids of the skills that met it."})
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)
    advice = fields.String(metadata={"description": "Present where the requirement is only partly met."})


class MissingRequirementSchema(WeightedRequirementSchema):
    reason = fields.String(required=True)
    advice = fields.String(required=True)


class SharesSourceSchema(Schema):
    source = fields.String(required=True, metadata={"description": "The postings the shares were counted in."})
    date = fields.String(required=True, metadata={"description": "When the postings were posted (YYYY-MM)."})
    postings = fields.Integer(required=True, metadata={"description": "How many of the role's postings were counted."})


class WeightsSourceSchema(Schema):
    source = fields.String(required=True, metadata={"description": "The labelled resumes the weights were fitted to."})
    date = fields.String(required=True, metadata={"description": "When they were fitted (YYYY-MM-DD)."})
    documents = fields.Dict(
        keys=fields.String(), values=fields.Integer(), required=True, metadata={"description": "Labelled documents per folder."}
    )


WEIGHTS_SOURCE = (
    "Where the requirements' weights and caps were fitted (to labelled resumes, cross-validated); "
    "null where they are as written and moved by the shares."
)


class CappedBySchema(Schema):
    id = fields.String(required=True, metadata={"description": "The missing requirement."})
    label = fields.String(required=True)
    cap = fields.Float(required=True, metadata={"description": "The score the role is held to while it is missing."})


STEP_KIND = validate.OneOf(["show", "learn"])


class StepSchema(Schema):
    """One thing to do for a role: give one requirement full credit. Its score after is the role's
    score recomputed with it and every step before it done (caps included)."""

    id = fields.String(required=True, metadata={"description": "The requirement's id."})
    label = fields.String(required=True)
    importance = fields.String(required=True, validate=IMPORTANCE)
    kind = fields.String(
        required=True,
        validate=STEP_KIND,
        metadata={"description": "show: the resume meets it in part (see line): say it better; learn: nothing on the resume meets it."},
    )
    credit = fields.Float(required=True, metadata={"description": "How far the resume meets it today, 0 to 1 (below 1)."})
    line = fields.Nested(
        EvidenceSchema, required=True, allow_none=True, metadata={"description": "For show: the line that nearly meets it; null when none."}
    )
    score_after = fields.Float(required=True, metadata={"description": "The role's score with this step and the ones before it done."})
    band_after = fields.String(required=True, validate=BAND)
    gain = fields.Float(required=True, metadata={"description": "score_after minus the score before this step."})
    asked_by = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Share (0 to 1) of the role's postings that ask for it; null where unknown."},
    )
    asked_by_others = fields.Float(
        required=True,
        allow_none=True,
        metadata={"description": "Mean share of the other roles' postings that ask for it; null where unknown."},
    )
    advice = fields.String(required=True)


class RaisedRoleSchema(Schema):
    role = fields.String(required=True, metadata={"description": "Another role scored."})
    title = fields.String(required=True)
    requirement = fields.String(required=True, metadata={"description": "Its requirement that the same step meets."})
    score_before = fields.Float(required=True)
    score_after = fields.Float(required=True, metadata={"description": "Its score with that requirement met (this step alone)."})


class PlanStepSchema(StepSchema):
    also_raises = fields.List(
        fields.Nested(RaisedRoleSchema),
        required=True,
        metadata={"description": "The other roles this step raises: the same signal, or a skill both accept."},
    )


class GoalSchema(Schema):
    band = fields.String(required=True, validate=BAND)
    floor = fields.Float(required=True, metadata={"description": "The band's lowest score."})
    reachable = fields.Boolean(
        required=True, metadata={"description": "false: every step there is falls short (the rest comes with the job title)."}
    )
    steps = fields.List(fields.Nested(PlanStepSchema), required=True, metadata={"description": "The fewest steps to the band, in order."})


class RoleRefSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    score = fields.Float(required=True)


class RequirementRefSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)


class PlanSchema(Schema):
    role = fields.String(required=True, metadata={"description": "The role planned for."})
    title = fields.String(required=True)
    asked = fields.Boolean(
        required=True, metadata={"description": "true: the request's target_role; false: the role whose next band is nearest."}
    )
    score = fields.Float(required=True)
    band = fields.String(required=True, validate=BAND)
    first_role = fields.Nested(
        RoleRefSchema, required=True, allow_none=True, metadata={"description": "The best-fitting role, where it is another."}
    )
    already_met = fields.List(
        fields.Nested(RequirementRefSchema), required=True, metadata={"description": "The role's requirements the resume meets in full."}
    )
    goals = fields.List(
        fields.Nested(GoalSchema), required=True, metadata={"description": "Every band above the role's own, lowest first."}
    )


class RoleFitSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    asked_by_source = fields.Nested(
        SharesSourceSchema, required=True, allow_none=True, metadata={"description": "Where the requirements' asked_by shares come from."}
    )
    weights_source = fields.Nested(WeightsSourceSchema, required=True, allow_none=True, metadata={"description": WEIGHTS_SOURCE})
    score = fields.Float(
        required=True,
        metadata={
            "description": "100 * earned / possible, rounded to one decimal; at most capped_by.cap where a capping requirement is missing."
        },
    )
    band = fields.String(required=True, validate=BAND)
    earned = fields.Float(required=True)
    possible = fields.Float(required=True)
    title_years = fields.Float(
        required=True, allow_none=True, metadata={"description": "Years under this role's job titles, where their jobs are dated."}
    )
    capped_by = fields.Nested(
        CappedBySchema,
        required=True,
        allow_none=True,
        metadata={"description": "The missing requirement that holds the score at its cap; null when the score is not capped."},
    )
    matched = fields.List(fields.Nested(MatchedRequirementSchema), required=True)
    missing = fields.List(fields.Nested(MissingRequirementSchema), required=True, metadata={"description": "Most important first."})
    next_steps = fields.List(
        fields.Nested(StepSchema),
        required=True,
        metadata={
            "description": "Every requirement not met in full (but the job title), as steps: each the one that then raises the score "
            "most (ties: the larger asked_by, the more important)."
        },
    )


class PostingRequirementSchema(RuleSchema):
    kind = fields.String(
        required=True, validate=validate.OneOf(["skill", "degree", "experience", "publications", "deployment", "title", "role"])
    )
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


class ReadsAsSchema(Schema):
    role = fields.String(required=True, metadata={"description": "The taxonomy role whose job title the line names."})
    title = fields.String(required=True, metadata={"description": "The role's title."})
    evidence = fields.Nested(
        EvidenceSchema,
        required=True,
        metadata={"description": "The line that names it; `highlight` marks where the job title stands in it."},
    )


class AnalysisSchema(Schema):
    taxonomy_version = fields.String(required=True)
    document = fields.Nested(DocumentInfoSchema, required=True)
    profile = fields.Nested(ProfileSchema, required=True)
    reads_as = fields.Nested(
        ReadsAsSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The role the resume reads as: the one whose job title the person's current title or headline names "
            "(the first such line: headline, summary, latest job), with that line; null when none does. Evidence the scores "
            "weigh through each role's title requirement."
        },
    )
    roles = fields.List(
        fields.Nested(RoleFitSchema), required=True, metadata={"description": "The job description's role first, then best first."}
    )
    plan = fields.Nested(
        PlanSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "The fewest steps to each band above its own for target_role, or else for the role whose next band "
            "is nearest; null where no role has a band left that steps reach."
        },
    )
    job_description = fields.Nested(
        JobDescriptionSchema,
        required=True,
        allow_none=True,
        metadata={"description": "What was understood of the job description sent, if any."},
    )
    warnings = fields.List(fields.String(), required=True)
