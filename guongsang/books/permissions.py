"""Who may see and compile the book: the secretariat (and the admin) of the organising unit's
subtree compile it; leaders, signers and council members of that subtree read it."""

import rules

from guongsang.core.permissions import unit_scope_predicate
from guongsang.core.roles import Role

BOOK_MANAGE_ROLES = frozenset({Role.SECRETARIAT, Role.ADMIN})
BOOK_VIEW_ROLES = frozenset(
    {Role.SECRETARIAT, Role.ADMIN, Role.LEADER, Role.SIGNER, Role.COUNCIL_MEMBER}
)

rules.add_perm("books.view_book", unit_scope_predicate(BOOK_VIEW_ROLES, "organiser_id"))
rules.add_perm("books.manage_book", unit_scope_predicate(BOOK_MANAGE_ROLES, "organiser_id"))
