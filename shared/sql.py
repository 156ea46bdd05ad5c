"""Read-side helpers shared by the services' queries: paging and simple filters."""
from __future__ import annotations

import psycopg


def page(conn: psycopg.Connection, sql: str, params: dict, pagination) -> list[dict]:
    """One page of ``sql`` (which must ORDER BY); sets the total for the X-Pagination header."""
    rows = conn.execute(f"SELECT *, count(*) OVER () AS total_rows FROM ({sql}) q"
                        " LIMIT %(limit)s OFFSET %(offset)s",
                        {**params, "limit": pagination.page_size,
                         "offset": (pagination.page - 1) * pagination.page_size}).fetchall()
    if rows:
        pagination.item_count = rows[0]["total_rows"]
    else:
        pagination.item_count = conn.execute(f"SELECT count(*) AS n FROM ({sql}) q",
                                             params).fetchone()["n"]
    return rows


def where(filters: dict, **columns: str) -> str:
    """A WHERE clause testing each given filter against its column (names are ours, never input)."""
    clauses = [f"{column} = %({name})s" for name, column in columns.items() if name in filters]
    return f" WHERE {' AND '.join(clauses)}" if clauses else ""


# The unit ``%(unit)s`` and every unit below it, as a CTE named ``tree`` over a ``units`` table.
UNITS_BELOW = ("WITH RECURSIVE tree (code) AS (SELECT %(unit)s::text UNION"
               " SELECT u.code FROM units u JOIN tree t ON u.parent_code = t.code)")
