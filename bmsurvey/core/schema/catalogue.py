"""Strict pydantic models of the model catalogue, `catalogue/models.yaml`: one record per model,
with field names that follow Epoch AI's public data on notable models where they fit."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bmsurvey.core.schema.topic import SLUG, Line
from bmsurvey.core.schema.vocab import MONTH, Accessibility, Architecture, Domain, as_number


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Quantity(_Strict):
    """A number with where it comes from. A reported value comes from the model's own paper or
    report; an estimate says whose it is (`source`) and how it was made (`note`)."""

    value: float | Literal["undisclosed"] = Field(
        description="The number (e.g. `1.75e11`), or `undisclosed` where the report withholds it.",
        examples=[1.75e11])
    status: Literal["reported", "estimated"] = Field(
        default="reported",
        description="`reported` by the model's source, or `estimated` by someone else.")
    source: str | None = Field(
        default=None,
        description="Reference key that gives the number; defaults to the model's `reference`. "
        "Required for an estimate.", examples=["brown2020language"])
    note: Line | None = Field(
        default=None, description="How the number was obtained; required for an estimate.",
        examples=["6 x parameters x tokens, from the reported figures"])

    @field_validator("value", mode="before")
    @classmethod
    def _number_text(cls, value: object) -> object:
        # YAML 1.1 reads 1.75e11 (no exponent sign) as text.
        number = as_number(value)
        if number is not None:
            return float(number)
        if value == "undisclosed":
            return value
        raise ValueError(f"{value!r} is not a number; write e.g. 1.75e+11, or undisclosed")

    def number(self) -> float | None:
        return self.value if isinstance(self.value, float) else None


class ModelRecord(_Strict):
    """One model of the catalogue."""

    id: Annotated[str, Field(pattern=SLUG, min_length=1, max_length=64)] = Field(
        description="Stable id; the catalogue page's anchor for the model.", examples=["gpt-3"])
    name: Line = Field(description="The model's name as its report gives it.", examples=["GPT-3"])
    organisation: Line = Field(description="Lab or company (several: joined by ' and ').",
                               examples=["OpenAI"])
    date: Annotated[str, Field(pattern=MONTH)] = Field(
        description="Publication date of the model or its report, `YYYY-MM`.",
        examples=["2020-05"])
    domain: Domain = Field(description="Main domain or modality.", examples=["language"])
    parameters: Quantity = Field(description="Total parameters, or `undisclosed`.")
    active_parameters: Quantity | None = Field(
        default=None, description="Parameters active per token, for a mixture of experts.")
    training_tokens: Quantity | None = Field(
        default=None, description="Tokens (or, outside text, the report's data points) seen in "
        "pre-training.")
    training_compute: Quantity | None = Field(
        default=None, description="Pre-training compute in FLOP.")
    architecture: Architecture = Field(description="Dense, mixture of experts (`moe`), "
                                       "state-space (`ssm`), `hybrid`, `diffusion` or `other`.")
    context_length: int | None = Field(default=None, ge=1, description="Context length in "
                                       "tokens, as reported.", examples=[2048])
    accessibility: Accessibility = Field(
        description="`open-weights`, `api` (use only through an API) or `closed`.")
    licence: Line | None = Field(default=None, description="Licence of the weights.",
                                 examples=["Apache-2.0"])
    reference: str = Field(min_length=1, description="Reference key of the paper or report that "
                           "reports these facts.", examples=["brown2020language"])
    notes: Line | None = Field(default=None, description="A short remark shown in the table.")

    @field_validator("parameters", "active_parameters", "training_tokens", "training_compute",
                     mode="before")
    @classmethod
    def _shorthand(cls, value: object) -> object:
        # `parameters: 1.75e11` is a reported value from the model's reference.
        if isinstance(value, (int, float, str)) and not isinstance(value, bool):
            return {"value": value}
        return value


class Catalogue(_Strict):
    """`catalogue/models.yaml`: the models of the field as checked, sourced data."""

    models: list[ModelRecord] = Field(description="The models, in any order.")
