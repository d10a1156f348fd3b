"""The errors of the reporting cycle (messages in Norwegian, shown as they are)."""
from __future__ import annotations


class WorkflowError(Exception):
    """A step that is not possible now (wrong state, missing fields); ``errors`` lists each problem."""

    def __init__(self, message: str, errors: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class ConflictError(WorkflowError):
    """Someone else saved the entry after you opened it: ``current`` is the saved entry, ``yours``
    the values you tried to save; nothing was overwritten."""

    def __init__(self, current, yours: dict):
        user = current.updated_by
        who = (user.get_full_name() or user.username) if user else "en annen"
        super().__init__(
            f"Punktet er endret av {who} etter at du åpnet det (lagret versjon {current.version}). "
            "Ingenting er overskrevet: sammenlign din tekst med den lagrede og lagre på nytt."
        )
        self.current = current
        self.yours = yours
