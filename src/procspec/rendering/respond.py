"""'Lämna synpunkt': where a reader sends a comment on a document, with the document's context.

Botkyrka asks the processteam to take in "synpunkter, avvikelser och förbättringsförslag" (3.1,
3.2.3); Örebro's processledare should "inhämta synpunkter och idéer" (Steg 6). By default the link
is an e-mail to the process's (effective) processledare; when `publicering.synpunkter` names a form
or an issue tracker (https), the link goes there instead, with the same context in its query
string: `{process}`, `{id}`, `{dokument}`, `{revision}` and `{ämne}` in the address are replaced,
and without any of them the context is added as query parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from procspec.reading import links
from procspec.rendering.view import ProcessView

PLACEHOLDERS = ("process", "id", "dokument", "revision", "ämne")


@dataclass(frozen=True)
class Feedback:
    """The link and who (or what) it reaches, for the page to say."""

    href: str
    to: str
    by_mail: bool


def _mailto(addresses: list[str], subject: str, body: str) -> str:
    # RFC 6068: the addresses and every header value percent-encoded as UTF-8; a space is %20.
    to = ",".join(links.mail_address(a) for a in addresses)
    return f"mailto:{to}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def _with_context(base: str, context: dict[str, str]) -> str:
    if any("{" + key + "}" in base for key in PLACEHOLDERS):
        out = base
        for key in PLACEHOLDERS:
            out = out.replace("{" + key + "}", quote(context[key], safe=""))
        return out
    parts = urlsplit(base)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [(key, context[key]) for key in ("process", "id", "dokument", "revision")]
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def feedback(
    view: ProcessView,
    document: str,
    form: str | None,
    contact: str | None,
    t: Callable[..., str],
) -> Feedback | None:
    """The 'Lämna synpunkt' link of one document of `view`, or None when there is nobody to
    send it to (no form, no processledare with an address, no contact address)."""
    revision = view.history.revisions[0].version if view.history.revisions else None
    changed = view.history.last_change
    if revision and changed:
        revision_text = t("respond.revision", version=revision, date=changed)
    else:
        revision_text = t("respond.no_revision")
    document = document[:1].lower() + document[1:]
    subject = t("respond.subject", document=document, name=view.name, revision=revision_text)
    if form:
        context = {
            "process": view.name,
            "id": view.id,
            "dokument": document,
            "revision": revision or "",
            "ämne": subject,
        }
        host = urlsplit(form).hostname or form
        return Feedback(_with_context(form, context), host, False)
    addresses = [h.email for h in view.leader.holders if h.email]
    names = [h.name or h.key for h in view.leader.holders if h.email]
    if not addresses and contact and "@" in contact and " " not in contact.strip():
        addresses, names = [contact.strip()], [contact.strip()]
    if not addresses:
        return None
    body = t("respond.body", document=document, name=view.name, revision=revision_text)
    return Feedback(_mailto(addresses, subject, body), ", ".join(names), True)
