"""The taxonomy as the API shows it: roles with their requirements, and skills."""

from __future__ import annotations

from marshmallow import Schema, fields

from service.web.schemas import WEIGHTS_SOURCE, RuleSchema, SharesSourceSchema, WeightsSourceSchema


class RequirementSchema(RuleSchema):
    cap = fields.Float(metadata={"description": "While it is missing, the role's score is at most this (above 0, below 100)."})


class RoleSchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    titles = fields.List(fields.String(), required=True, metadata={"description": "Job titles of the role, for the `title` signal."})
    asked_by_source = fields.Nested(
        SharesSourceSchema, required=True, allow_none=True, metadata={"description": "Where the requirements' asked_by shares come from."}
    )
    weights_source = fields.Nested(WeightsSourceSchema, required=True, allow_none=True, metadata={"description": WEIGHTS_SOURCE})
    requirements = fields.List(fields.Nested(RequirementSchema), required=True)


class RoleSummarySchema(Schema):
    id = fields.String(required=True)
    title = fields.String(required=True)
    description = fields.String(required=True)
    requirements = fields.Integer(required=True, metadata={"description": "How many requirements the role has."})


class RoleListSchema(Schema):
    taxonomy_version = fields.String(required=True)
    roles = fields.List(fields.Nested(RoleSummarySchema), required=True)


class SkillSchema(Schema):
    id = fields.String(required=True)
    label = fields.String(required=True)
    category = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)


class SkillListSchema(Schema):
    skills = fields.List(fields.Nested(SkillSchema), required=True)
