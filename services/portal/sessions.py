"""Server-side sessions in the portal's own PostgreSQL database.

Written here rather than taken from Flask-Session: its backends need Redis, Memcached, MongoDB,
DynamoDB or SQLAlchemy, and the platform runs on PostgreSQL through psycopg alone. The browser
gets only a random id in an HttpOnly, SameSite=Lax cookie (Lax, so the identity provider's
redirect back to the portal carries it); tokens and everything else stay in the row.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin
from psycopg.types.json import Jsonb
from psycopg_pool import ConnectionPool
from werkzeug.datastructures import CallbackDict

COOKIE = "asn_portal_session"
_CREATED = "_created"
_TOUCHED = "_touched"


class ServerSession(CallbackDict, SessionMixin):
    """A dict that remembers whether it changed, and under which id it is stored."""

    def __init__(self, data: dict | None = None, sid: str | None = None) -> None:
        def changed(_self):
            self.modified = True
        super().__init__(data or {}, changed)
        self.sid = sid
        self.modified = False
        self.renew = False

    def rotate(self) -> None:
        """A new id for the same person (after sign-in: no session fixation)."""
        self.renew = True
        self.modified = True


class PostgresSessionInterface(SessionInterface):
    """Load and save sessions by id; idle and absolute lifetimes both end a session."""

    def __init__(self, pool: ConnectionPool, *, idle: timedelta, lifetime: timedelta,
                 secure: bool) -> None:
        self.pool, self.idle, self.lifetime, self.secure = pool, idle, lifetime, secure

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        """The session the cookie names, if still live; else a new, empty one."""
        sid = request.cookies.get(COOKIE)
        if sid and len(sid) <= 64:
            with self.pool.connection() as conn:
                row = conn.execute("SELECT data FROM portal_sessions WHERE id = %s"
                                   " AND expires_at > now()", (sid,)).fetchone()
            if row is not None:
                session = ServerSession(row["data"], sid)
                if self._expired(session):
                    self._delete(sid)
                    return ServerSession()
                return session
        return ServerSession()

    def save_session(self, app: Flask, session: ServerSession, response: Response) -> None:
        """Store the session, set its cookie; delete an emptied one, leave an unchanged one."""
        if not session:
            if session.sid:
                self._delete(session.sid)
                response.delete_cookie(COOKIE, path="/")
            return
        if session.renew and session.sid:
            self._delete(session.sid)
            session.sid = None
        now = datetime.now(timezone.utc)
        new = session.sid is None
        if not (new or session.modified or self._touch_due(session, now)):
            return  # a page view that changed nothing writes nothing
        if new:
            session.sid = secrets.token_urlsafe(32)
            session[_CREATED] = now.isoformat()
        session[_TOUCHED] = now.isoformat()
        with self.pool.connection() as conn:
            conn.execute("INSERT INTO portal_sessions (id, data, expires_at) VALUES (%s, %s, %s)"
                         " ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data,"
                         " expires_at = EXCLUDED.expires_at",
                         (session.sid, Jsonb(dict(session)), now + self.idle))
            if new:  # forgotten sessions go as new ones come: no sweeper process needed
                conn.execute("DELETE FROM portal_sessions WHERE expires_at < now()")
        response.set_cookie(COOKIE, session.sid, httponly=True, samesite="Lax",
                            secure=self.secure, path="/")

    def _touch_due(self, session: ServerSession, now: datetime) -> bool:
        """Move the idle expiry on at most once a minute, not on every page view."""
        touched = session.get(_TOUCHED)
        return not touched or datetime.fromisoformat(touched) + timedelta(minutes=1) < now

    def _expired(self, session: ServerSession) -> bool:
        created = session.get(_CREATED)
        return bool(created) and (datetime.fromisoformat(created) + self.lifetime
                                  < datetime.now(timezone.utc))

    def _delete(self, sid: str) -> None:
        with self.pool.connection() as conn:
            conn.execute("DELETE FROM portal_sessions WHERE id = %s", (sid,))
