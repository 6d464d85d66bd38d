"""SPARQL endpoints over HTTP: timeouts, retries, one-line errors.

rdflib's ``SPARQLStore`` waits for ever for an endpoint that does not answer and
lets a connection reset through as a traceback. :func:`endpoint_classes` gives
the two store classes :func:`kg.rdf.store.open_store` uses instead: every request
has a timeout, a query (idempotent) is retried after a lost connection or a
502/503/504 answer (not after a timeout), an update only when the connection was
refused (nothing was sent), and a failure is a ``KGError`` with one line naming
the endpoint.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Mapping
from typing import Any, cast

from kg.types import KGError

#: Seconds an endpoint may take to answer one request ($KG_ENDPOINT_TIMEOUT).
ENDPOINT_TIMEOUT = 60.0

#: Further attempts of a query (idempotent) after a failed connection or a 502,
#: 503 or 504 answer, with waits of 0.5, 1, 2... seconds.
ENDPOINT_RETRIES = 2

_RETRY_STATUS = (502, 503, 504)


def endpoint_timeout(timeout: float | None) -> float:
    """The timeout given, else ``$KG_ENDPOINT_TIMEOUT``, else the default."""
    if timeout is not None:
        value: object = timeout
    else:
        value = os.environ.get("KG_ENDPOINT_TIMEOUT") or ENDPOINT_TIMEOUT
    try:
        seconds = float(cast(Any, value))
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise KGError(f"bad endpoint timeout {value!r}; expected seconds above 0")
    return seconds


def _http_error(
    url: str, exc: BaseException, timeout: float, attempts: int = 1
) -> KGError:
    """One line for a failed request to an endpoint."""
    import socket
    from urllib.error import HTTPError, URLError

    if isinstance(exc, HTTPError):
        body = ""
        with contextlib.suppress(Exception):  # the status line is enough
            body = exc.read().decode("utf-8", "replace").strip().splitlines()[0][:200]
        detail = f": {body}" if body else ""
        return KGError(
            f"the SPARQL endpoint {url} answered HTTP {exc.code} {exc.reason}{detail}"
        )
    reason = exc.reason if isinstance(exc, URLError) else exc
    tries = f"{attempts} attempts; " if attempts > 1 else ""
    if isinstance(reason, TimeoutError | socket.timeout):
        return KGError(
            f"the SPARQL endpoint {url} did not answer within {timeout:g} s "
            f"({tries}set KG_ENDPOINT_TIMEOUT to wait longer)"
        )
    text = str(reason).strip() or type(reason).__name__
    return KGError(
        f"the SPARQL endpoint {url} failed: {text.splitlines()[0]} ({tries}"
        "is it running?)"
    )


def _retriable(exc: BaseException, *, idempotent: bool) -> bool:
    import socket
    from urllib.error import HTTPError, URLError

    if isinstance(exc, HTTPError):
        return idempotent and exc.code in _RETRY_STATUS
    reason = exc.reason if isinstance(exc, URLError) else exc
    if isinstance(reason, ConnectionRefusedError):
        return True  # nothing was sent: safe even for an update
    if isinstance(reason, TimeoutError | socket.timeout):
        return False  # waiting again would only multiply the wait
    return idempotent


def http_request(
    url: str,
    data: bytes,
    headers: Mapping[str, str],
    *,
    timeout: float,
    idempotent: bool,
    retries: int = ENDPOINT_RETRIES,
) -> tuple[bytes, str]:
    """POST to an endpoint with a timeout; retry what may be retried.

    Returns:
        The body and the content type of the answer.

    Raises:
        KGError: one line, when the endpoint refuses, dies or never answers.
    """
    import http.client
    from urllib.request import Request, urlopen

    for attempt in range(retries + 1):
        try:
            with urlopen(  # noqa: S310 - the user's endpoint URL (http or https)
                Request(url, data=data, headers=dict(headers)), timeout=timeout
            ) as res:
                body = res.read()
                ctype = res.headers.get("Content-Type", "").split(";")[0]
            return body, ctype
        except (OSError, http.client.HTTPException) as exc:
            if attempt == retries or not _retriable(exc, idempotent=idempotent):
                raise _http_error(url, exc, timeout, attempt + 1) from None
            time.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


def endpoint_classes() -> tuple[type, type]:
    """SPARQLStore and SPARQLUpdateStore with timeouts, retries and one-line errors."""
    from io import BytesIO
    from urllib.parse import urlencode

    from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
    from rdflib.query import Result as _Result
    from rdflib.term import BNode

    class _Requests:
        timeout: float = ENDPOINT_TIMEOUT
        query_endpoint: str
        update_endpoint: str
        _queries: int
        _updates: int

        def _query(
            self,
            query: str,
            default_graph: Any = None,
            named_graph: Any = None,  # noqa: ARG002 - rdflib's signature
        ) -> _Result:
            self._queries += 1
            params = {"query": query}
            if default_graph is not None and not isinstance(default_graph, BNode):
                params["default-graph-uri"] = str(default_graph)
            body, ctype = http_request(
                self.query_endpoint,
                urlencode(params).encode(),
                {
                    "Accept": cast(Any, self).response_mime_types(),
                    "Content-Type": "application/x-www-form-urlencoded",
                },
                timeout=self.timeout,
                idempotent=True,
            )
            return _Result.parse(BytesIO(body), content_type=ctype)

        def _update(self, update: str) -> None:
            self._updates += 1
            http_request(
                self.update_endpoint,
                update.encode("utf-8"),
                {
                    "Accept": cast(Any, self).response_mime_types(),
                    "Content-Type": "application/sparql-update; charset=UTF-8",
                },
                timeout=self.timeout,
                idempotent=False,
            )

    class EndpointStore(_Requests, SPARQLStore):  # type: ignore[misc]
        """A read-only SPARQL endpoint (timeouts, retries, one-line errors)."""

    class EndpointUpdateStore(_Requests, SPARQLUpdateStore):  # type: ignore[misc]
        """A writable SPARQL endpoint (timeouts, query retries, one-line errors)."""

    return EndpointStore, EndpointUpdateStore


__all__ = [
    "ENDPOINT_RETRIES",
    "ENDPOINT_TIMEOUT",
    "endpoint_classes",
    "endpoint_timeout",
    "http_request",
]
