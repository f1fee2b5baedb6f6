"""Routes of the statistics pages for the permission walk: all of them are lists cut to the
user's scope (a unit officer sees their own unit's figures only)."""

SCOPED_LISTS = {
    "stats:dashboard",
    "stats:dashboard_data",
    "stats:dashboard_xlsx",
    "stats:table",
    "stats:table_xlsx",
    "stats:pick_unit",
}
