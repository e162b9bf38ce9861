"""The one failure the publish stage reports to its caller."""

from __future__ import annotations


class PublishError(Exception):
    """Publishing failed (an engine reported an error); the message is Dutch, for the user.

    The previous publication is untouched when this is raised.
    """
