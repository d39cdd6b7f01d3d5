"""Reports: filing one, and the seed's list of one's own reports, which Mastodon no longer serves."""
from __future__ import annotations

from ..entities import unpack_id
from ..errors import MastodonEndpointRemovedError, MastodonGoneError, MastodonIllegalArgumentError, MastodonNotFoundError
from ._base import Call, endpoint, params

REPORT_CATEGORIES = ("spam", "legal", "violation", "other")


class Reports:
    @endpoint
    def reports(self):
        """The seed's list of reports the user filed. Mastodon removed GET /api/v1/reports long ago and offers
        nothing in its place, so on such servers this raises MastodonEndpointRemovedError (a
        MastodonNotFoundError) saying so rather than a bare 404."""
        try:
            return (yield Call("GET", "/api/v1/reports", shape=list))
        except (MastodonNotFoundError, MastodonGoneError) as exc:
            raise MastodonEndpointRemovedError(
                "Mastodon API returned error", exc.status, exc.reason,
                "this server no longer lists your reports: Mastodon removed GET /api/v1/reports and has no "
                "replacement (reports you file are still sent: use report())",
                method="GET", url=exc.url) from None

    @endpoint
    def report(self, account_id, status_ids=None, comment=None, forward=False, category=None, rule_ids=None,
               forward_to_domains=None):
        """Report an account to the moderators, optionally with statuses and a comment. category: spam,
        legal, violation (give rule_ids) or other. forward sends a copy to the account's own server.
        Returns the report dict."""
        if category is not None and category not in REPORT_CATEGORIES:
            raise MastodonIllegalArgumentError(f"category must be one of {', '.join(REPORT_CATEGORIES)}")
        if category == "violation" and not rule_ids:
            raise MastodonIllegalArgumentError("a report for a rule violation needs rule_ids")
        if isinstance(status_ids, (str, int, dict)):
            status_ids = [status_ids]
        if isinstance(rule_ids, (str, int)):
            rule_ids = [rule_ids]
        body = params(account_id=unpack_id(account_id),
                      status_ids=[unpack_id(s) for s in status_ids] if status_ids else None,
                      comment=comment, forward=bool(forward), category=category,
                      rule_ids=[unpack_id(r) for r in rule_ids] if rule_ids else None,
                      forward_to_domains=list(forward_to_domains) if forward_to_domains else None)
        return (yield Call("POST", "/api/v1/reports", data=body, shape=dict))
