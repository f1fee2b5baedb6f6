"""What the organisation sends to the apps above it, which org may not import."""

from django.dispatch import Signal

# Sent inside a merge's transaction, after the old units are closed: `actor`, `units` (the old
# ones), `merged` (the new one), `on` (its first day) and `move_staff` (the officer's choice to
# carry the old units' serving staff over). A receiver that raises undoes the whole merge.
units_merged = Signal()
