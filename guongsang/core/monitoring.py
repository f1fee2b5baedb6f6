"""Error reports to Sentry (or a Sentry-compatible tracker) when SENTRY_DSN is set."""

from __future__ import annotations


def sentry_init(*, dsn: str, environment: str, traces_sample_rate: float = 0.0) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        # Personal data (Decree 13/2023) stays out of reports: no user, cookies, bodies,
        # query strings (a search may hold a citizen ID) or local variables of the frames;
        # the request id links a report to the logs, where the rest can be looked up.
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
    )
