"""What the operations answer: the service's status, and a problem (RFC 9457)."""

from __future__ import annotations

from marshmallow import Schema, fields


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
