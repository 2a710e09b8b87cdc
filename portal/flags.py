"""Yes/no query parameters: exactly the values the API documents (true/false/1/0), the same on every page."""

FLAG_VALUES = ("true", "false", "1", "0")


def parse_flag(raw: str | None) -> bool | None:
    """True or False for a documented value, None when absent or empty; ValueError for anything else."""
    value = (raw or "").strip()
    if not value:
        return None
    if value not in FLAG_VALUES:
        raise ValueError(value)
    return value in ("true", "1")
