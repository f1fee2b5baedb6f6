"""Routes of the discipline register for the permission walk: the secretariat's and the
admin's only (a unit officer gets 403)."""

ADMIN_ONLY = {"discipline:list", "discipline:new", "discipline:pick_person", "discipline:pick_unit"}
