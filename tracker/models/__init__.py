from .events import Event

__all__ = ["Event"]
