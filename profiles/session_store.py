"""The session engine (SESSION_ENGINE): Django's database sessions, stored with their user's
id in a column of their own so that an account's sessions go with it."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

from profiles.models import UserSession


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        # A UserSession: get_model_class says which model the base class builds.
        session = cast(UserSession, super().create_model_instance(data))
        user_id = data.get(SESSION_KEY)
        session.user_id = int(user_id) if user_id is not None else None
        return session
