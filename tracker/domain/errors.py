"""Typed domain errors. The API and the admin map them to responses and form errors."""


class DomainError(Exception):
    code = "domain_error"


class IllegalTransition(DomainError):
    code = "illegal_transition"


class InvalidCommand(DomainError):
    code = "invalid_command"


class NotFound(DomainError):
    code = "not_found"

    def __init__(self, message: str, reason: str = "unknown") -> None:
        super().__init__(message)
        self.reason = reason
