"""Deployment experience: lines that say something was deployed or served, with a tool for it
or a model as what was served."""

from __future__ import annotations

import re

from service.documents import Line
from service.matching import Mention
from service.sections import Section
from service.signals.base import Evidence
from skill_taxonomy import Taxonomy
from skill_taxonomy.prefilter import lowered

# Deployment said outright of a model, with no tool named: "deployed the ranking model",
# "launched the dense retrieval model to all users", "production ASR model", "real-time inference
# server". "Inference" alone is statistics ("causal inference"), "served as" is a role and a model
# launched is a product unless its kind is a learned one ("a freemium pricing model"), so none
# counts here.
MODEL_DEPLOYMENT = re.compile(
    r"\b(?:deploy(?:ed|ing|s|ment)?|productioni[sz](?:e|ed|ing)|ship(?:ped|ping)|in production|production(?:-grade|-ready)?|"
    r"serv(?:e|ed|es|ing)(?! as\b))\b.{0,60}?\b(?:models?|ML|machine learning|LLMs?|classifiers?|recommend\w*|predictions?|endpoints?)\b"
    r"|\b(?:models?|ML|LLMs?)\b.{0,60}?\b(?:deploy(?:ed|ment)|in production|productioni[sz]ed|served)\b"
    r"|\blaunch(?:ed|ing)?\s+(?:\w+\s+){0,3}?(?:(?:retrieval|ranking|recommendation|recommender|detection|classification|prediction|"
    r"forecasting|language|vision|speech|neural|scoring|churn|fraud|risk|propensity|ML|AI)\s+models?|recommender\s+systems?|"
    r"(?:LLM|ML|AI)-powered|LLMs?)\b"
    r"|\b(?:real-?time|online|low-?latency|streaming|production)\s+(?:model\s+)?(?:inference|serving)\b"
    r"|\b(?:inference|model[- ]serving)\s+(?:servers?|services?|engines?|endpoints?|APIs?|pipelines?|latency)\b",
    re.I,
)
# On the devices a model runs on, where the line names the model's work ("INT8 quantization and
# deployment on NVIDIA Orin", "deployed the detector to edge devices"; not "deployed Windows
# images to devices").
ON_DEVICE = re.compile(
    r"\bdeploy(?:ed|ing|ment)?\s+(?:\w+\s+){0,3}?(?:on|to|onto)\s+(?:the\s+|[A-Z][A-Za-z]+\s+)?"
    r"(?:edge|(?:edge|mobile|embedded|iOS|Android)\s+devices?|devices?|phones?|Jetson|Orin|robots?|vehicles?|drones?)\b",
    re.I,
)
MODEL_WORK = re.compile(
    r"\b(?:models?|neural|networks?|detectors?|detection|recognition|segmentation|estimation|classifiers?|quanti[sz]ation|quanti[sz]ed|"
    r"inference|ML|AI|YOLO\w*|TensorRT|ONNX|TFLite)\b",
    re.I,
)
# With its tool on a neighbouring line, the line itself must name what was deployed as software
# ("Deployed to a new office in Berlin" is a move, not a release).
SOFTWARE_OBJECT = re.compile(
    r"\b(?:models?|ML|LLMs?|services?|micro-?services?|APIs?|apps?|applications?|systems?|pipelines?|platforms?|endpoints?|"
    r"servers?|clusters?|code|software|features?|solutions?|tools?|dashboards?|containers?|inference)\b",
    re.I,
)
DEPLOY_GROUPS = {"serving-tool", "container-tool", "cloud-platform", "mlops"}
DEPLOY_SECTIONS = {"experience", "projects", "summary", "header", "other"}
# A job's bullets name the work and its tools on neighbouring lines: "Deployed the model to
# production" above "Tools: Docker, Kubernetes, MLflow".
NEARBY_LINES = 2


def find_deployment(sections: list[Section], mentions: list[Mention], taxonomy: Taxonomy) -> list[Evidence]:
    """Lines that say something was deployed, served or put in production, together with a
    serving, container, cloud or MLOps tool on the line or beside it, or of a model."""
    tool_lines: set[Line] = {mention.line for mention in mentions if taxonomy.ancestors.get(mention.skill_id, frozenset()) & DEPLOY_GROUPS}
    evidence: list[Evidence] = []
    for section in sections:
        if section.name not in DEPLOY_SECTIONS:
            continue
        lines = section.lines
        for index, line in enumerate(lines):
            if not lowered(taxonomy.lexicon.deployment_resume).search(line.text):
                continue
            nearby = lines[max(0, index - NEARBY_LINES) : index + NEARBY_LINES + 1]
            tool_beside = line in tool_lines or (
                SOFTWARE_OBJECT.search(line.text) is not None and any(other in tool_lines for other in nearby)
            )
            on_device = ON_DEVICE.search(line.text) is not None and MODEL_WORK.search(line.text) is not None
            if tool_beside or on_device or MODEL_DEPLOYMENT.search(line.text):
                evidence.append(Evidence(line.text, section.name, line.page))
    return evidence
