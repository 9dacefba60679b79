"""Parameters of a Bot API call: decoding them as Telegram does, and checking them against the official spec.

Over HTTP every value arrives as a string (form data) or as JSON; Telegram converts each one by the
type the method declares for it. With the spec (``api.json``) loaded, the checks are stricter than
Telegram on purpose: unknown parameters and unknown fields of nested objects are errors, so typos fail
in tests instead of being silently ignored in production.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import bad_request

log = logging.getLogger(__name__)

DEFAULT_SPEC_PATH = Path(__file__).resolve().parents[2] / "shared/telegram-bot-api/api.json"

_MARKUPS = ["InlineKeyboardMarkup", "ReplyKeyboardMarkup", "ReplyKeyboardRemove", "ForceReply"]
# Parameter types used when no spec is loaded (by parameter name; anything else is a String).
FALLBACK_TYPES: dict[str, list[str]] = {
    "chat_id": ["Integer", "String"],
    "allowed_updates": ["Array of String"],
    "reply_markup": _MARKUPS,
    "reply_parameters": ["ReplyParameters"],
    "link_preview_options": ["LinkPreviewOptions"],
    "entities": ["Array of MessageEntity"],
    "caption_entities": ["Array of MessageEntity"],
    "commands": ["Array of BotCommand"],
    "scope": ["BotCommandScope"],
    "reaction": ["Array of ReactionType"],
    "document": ["InputFile", "String"],
    "photo": ["InputFile", "String"],
    "thumbnail": ["InputFile", "String"],
    **{
        name: ["Integer"]
        for name in (
            "message_id",
            "user_id",
            "offset",
            "limit",
            "timeout",
            "cache_time",
            "message_thread_id",
            "reply_to_message_id",
            "until_date",
        )
    },
    **{
        name: ["Boolean"]
        for name in (
            "disable_notification",
            "protect_content",
            "show_alert",
            "drop_pending_updates",
            "is_big",
            "allow_sending_without_reply",
            "disable_content_type_detection",
            "return_bots",
            "disable_web_page_preview",
            "allow_paid_broadcast",
        )
    },
}
_SCALARS = {"Integer", "String", "Boolean", "Float", "InputFile"}
_DISCRIMINATOR = re.compile(r'(?:always|must be) "?([a-z_]+)"?')


@dataclass
class FileUpload:
    """A file part of a multipart/form-data request."""

    filename: str
    content_type: str
    data: bytes


class _Mismatch(Exception):
    """A value does not fit a type; the message names where and why."""


class ApiSpec:
    """The methods and types of the official Bot API description (api.json)."""

    def __init__(self, data: dict):
        self.version = data.get("version", "?")
        self.methods: dict[str, dict] = data["methods"]
        self.types: dict[str, dict] = data.get("types", {})
        self._by_lower = {name.lower(): name for name in self.methods}
        self._subtype_by_tag: dict[str, tuple[str, dict[str, str]]] = {}
        for name, spec in self.types.items():
            if spec.get("subtypes"):
                self._subtype_by_tag[name] = self._discriminators(spec["subtypes"])

    @classmethod
    def load(cls, path: str | Path) -> ApiSpec:
        with open(path, encoding="utf-8") as f:
            spec = cls(json.load(f))
        log.info("loaded Bot API spec %s from %s (%d methods)", spec.version, path, len(spec.methods))
        return spec

    def _discriminators(self, subtypes: list[str]) -> tuple[str, dict[str, str]]:
        for field_name in ("type", "status", "source"):
            tags = {}
            for sub in subtypes:
                fields = {f["name"]: f for f in self.types.get(sub, {}).get("fields", [])}
                m = _DISCRIMINATOR.search(fields.get(field_name, {}).get("description", ""))
                if m:
                    tags[m.group(1)] = sub
            if len(tags) == len(subtypes):
                return field_name, tags
        return "", {}

    def canonical_method(self, name: str) -> str | None:
        """Method names are case-insensitive, as in Telegram."""
        return self._by_lower.get(name.lower())

    def method_fields(self, method: str) -> dict[str, dict]:
        return {f["name"]: f for f in self.methods[method].get("fields", [])}

    def check(self, type_name: str, value: Any) -> str | None:
        """For tests: None if `value` is exactly a valid `type_name` object (no coercion), else why not."""
        try:
            convert(self, [type_name], value, type_name, strict=True)
        except _Mismatch as exc:
            return str(exc)
        return None


def load_spec(path: str | Path | None) -> ApiSpec | None:
    if path is None:
        return None
    if path == "auto":
        if not DEFAULT_SPEC_PATH.exists():
            log.info("no Bot API spec at %s; parameter validation against the spec is off", DEFAULT_SPEC_PATH)
            return None
        path = DEFAULT_SPEC_PATH
    return ApiSpec.load(path)


def prepare_params(
    spec: ApiSpec | None, method: str, raw: dict[str, Any], files: dict[str, FileUpload]
) -> dict:
    """Convert the raw request values of `method` to typed values; raise ApiError(400) if they do not fit."""
    attached = {
        v[len("attach://") :] for v in raw.values() if isinstance(v, str) and v.startswith("attach://")
    }
    fields = spec.method_fields(method) if spec is not None else {}
    types = {name: f["types"] for name, f in fields.items()}
    if spec is not None:
        for name in raw:
            if name not in fields and name not in attached:
                raise bad_request(f"unknown parameter {name}")
    params = {}
    for name, value in raw.items():
        if name in attached and name not in types:
            continue  # an attach:// file part, reached through the parameter that names it
        if isinstance(value, str) and value.startswith("attach://"):
            value = files.get(value[len("attach://") :], value)
        if value == "" and "String" not in types.get(name, FALLBACK_TYPES.get(name, ["String"])):
            continue  # an empty non-string value counts as not given, as in Telegram
        try:
            params[name] = convert(spec, types.get(name) or FALLBACK_TYPES.get(name, ["String"]), value, name)
        except _Mismatch as exc:
            raise bad_request(str(exc)) from None
    for name, f in fields.items():
        if f.get("required") and name not in params:
            raise bad_request(f"{name} is required")
    return params


def convert(spec: ApiSpec | None, types: list[str], value: Any, where: str, *, strict: bool = False) -> Any:
    """Convert `value` to the first of `types` it fits (nested objects checked against the spec)."""
    if len(types) > 1 and isinstance(value, dict):
        types = _by_overlap(spec, types, value)
    first_error = None
    for type_name in types:
        try:
            return _convert_one(spec, type_name, value, where, strict)
        except _Mismatch as exc:
            first_error = first_error or exc
    raise first_error  # type: ignore[misc]


def _by_overlap(spec: ApiSpec | None, types: list[str], value: dict) -> list[str]:
    """Try first the object type whose fields best match the keys given (for a useful error message)."""

    def overlap(type_name: str) -> int:
        fields = spec.types.get(type_name, {}).get("fields", []) if spec else []
        return len(set(value) & {f["name"] for f in fields})

    return sorted(types, key=overlap, reverse=True)


def _convert_one(spec: ApiSpec | None, type_name: str, value: Any, where: str, strict: bool) -> Any:
    if type_name.startswith("Array of "):
        if isinstance(value, str) and not strict:
            value = _json(value, where)
        if not isinstance(value, list):
            raise _Mismatch(f"{where} must be an Array")
        item_type = type_name[len("Array of ") :]
        return [
            convert(spec, [item_type], item, f"{where}[{k}]", strict=strict) for k, item in enumerate(value)
        ]
    if type_name in _SCALARS:
        return _scalar(type_name, value, where, strict)
    if isinstance(value, str) and not strict:
        value = _json(value, where)
    if not isinstance(value, dict):
        raise _Mismatch(f"{where} must be a JSON object ({type_name})")
    if spec is None or type_name not in spec.types:
        return value
    type_spec = spec.types[type_name]
    if type_spec.get("subtypes"):
        return _convert_abstract(spec, type_name, type_spec["subtypes"], value, where, strict)
    if "fields" not in type_spec:
        return value
    fields = {f["name"]: f for f in type_spec["fields"]}
    result = {}
    for key, item in value.items():
        if key not in fields:
            raise _Mismatch(f'unknown field "{key}" in {where} ({type_name})')
        result[key] = convert(spec, fields[key]["types"], item, f"{where}.{key}", strict=strict)
    for key, f in fields.items():
        if f.get("required") and key not in value:
            raise _Mismatch(f'field "{key}" is required in {where} ({type_name})')
    return result


def _convert_abstract(
    spec: ApiSpec, type_name: str, subtypes: list[str], value: dict, where: str, strict: bool
) -> Any:
    tag_field, tags = spec._subtype_by_tag.get(type_name, ("", {}))
    if tag_field:
        tag = value.get(tag_field)
        if tag not in tags:
            raise _Mismatch(f"{where}.{tag_field} must be one of {sorted(tags)} ({type_name})")
        return _convert_one(spec, tags[tag], value, where, strict)
    return convert(spec, subtypes, value, where, strict=strict)


def _json(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise _Mismatch(f"can't parse {where} JSON object") from None


def _scalar(type_name: str, value: Any, where: str, strict: bool) -> Any:
    if type_name == "InputFile":
        if isinstance(value, FileUpload):
            return value
        raise _Mismatch(f"{where} must be a file uploaded with multipart/form-data")
    if type_name == "Boolean":
        if isinstance(value, bool):
            return value
        if not strict and isinstance(value, str | int) and str(value).lower() in ("true", "false", "1", "0"):
            return str(value).lower() in ("true", "1")
    elif type_name == "Integer":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if not strict and isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            return int(value)
    elif type_name == "Float":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        if not strict and isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
    elif type_name == "String":
        if isinstance(value, str):
            return value
        if not strict and isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
    raise _Mismatch(f"{where} must be of type {type_name}")
