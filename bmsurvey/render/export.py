"""The downloadable exports: all references (BibTeX, CSL-JSON), each topic's references, and the
whole knowledge base as JSON with its JSON Schema. Pure: survey in, strings out."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bmsurvey.core.bib.write import write_entries
from bmsurvey.core.schema import PARTS, Topic
from bmsurvey.core.schema.meta import SurveyMeta
from bmsurvey.core.survey import Survey
from bmsurvey.render.csl import csl_item


class PartOut(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    title: str
    topics: list[str] = Field(description="Topic ids, in reading order.")


class CitedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    topic: str
    anchor: str = Field(description="Section or direction id; empty for the topic summary.")
    url: str


class ReferenceOut(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    type: str
    fields: dict[str, str] = Field(description="Every BibTeX field, decoded to Unicode.")
    cited_in: list[CitedIn]


class TopicOut(Topic):
    model_config = ConfigDict(extra="forbid", strict=False, frozen=True)
    part: str = Field(description="Id of the part the topic belongs to.")
    url: str = Field(description="Permalink of the topic page.")


class KnowledgeBase(BaseModel):
    """The whole survey: /export/bmsurvey.json."""

    model_config = ConfigDict(extra="forbid")
    meta: SurveyMeta
    parts: list[PartOut]
    topics: list[TopicOut]
    references: list[ReferenceOut]


def references_bib(survey: Survey) -> str:
    return write_entries([survey.entries[k] for k in sorted(survey.entries)])


def topic_bib(survey: Survey, topic_id: str) -> str:
    keys = sorted(survey.topic_keys.get(topic_id, []))
    return write_entries([survey.entries[k] for k in keys])


def references_csl(survey: Survey) -> str:
    return _json_lines([csl_item(survey.entries[k]) for k in sorted(survey.entries)])


def _json_lines(items: list[Any]) -> str:
    """A JSON list with one item per line: readable in a diff, and written by the C encoder
    (json's indent= falls back to the pure-Python encoder, several times slower)."""
    return "[\n" + ",\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n]\n"


def knowledge_base(survey: Survey) -> str:
    meta = survey.project.meta
    base = meta.url.rstrip("/") + "/"
    kb = KnowledgeBase(
        meta=meta,
        parts=[PartOut(id=p.id, title=p.title, topics=[t.id for t in survey.by_part(p.id)])
               for p in PARTS],
        topics=[TopicOut(**t.topic.model_dump(), part=t.part.id, url=base + t.url)
                for t in survey.topics],
        references=[
            ReferenceOut(
                key=k, type=survey.entries[k].type, fields=survey.entries[k].decode_all(),
                cited_in=[CitedIn(topic=s.topic_id, anchor=s.anchor,
                                  url=f"{base}{s.part_id}/{s.topic_id}/"
                                  + (f"#{s.anchor}" if s.anchor else ""))
                          for s in survey.cited_in.get(k, [])])
            for k in sorted(survey.entries)],
    )
    data: dict[str, Any] = {"$schema": "bmsurvey.core.schema.json", **kb.model_dump(mode="json")}
    return json.dumps(data, ensure_ascii=False) + "\n"


def knowledge_base_schema() -> str:
    schema = KnowledgeBase.model_json_schema(mode="serialization")
    schema["properties"]["$schema"] = {"type": "string"}
    return json.dumps(schema, indent=1, sort_keys=True) + "\n"
