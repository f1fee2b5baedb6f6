"""Nhập từ Excel: units import nominations, the admin imports historic awards.

Pure helpers read and check the rows; `import_commit` writes every valid row, or nothing:
in one transaction on PostgreSQL, in short batches on SQLite (taken back if one fails).
Lookups are dicts built with one query each, never a query per row.
The uploaded file waits in the file storage as imports/<uuid>.xlsx between preview and commit.

    layout     the two kinds, their columns and roles
    staging    the stored upload between preview and commit
    parsing    the sheet's rows read and parsed
    checking   rows matched to units, titles and people; the preview
    writing    the batches written, and taken back on failure
    commit     the import itself and its result
    workbooks  the empty template and the result as Excel files
"""

from guongsang.nominations.imports.checking import Preview, preview_file, validate
from guongsang.nominations.imports.commit import Result, RowErrors, import_commit
from guongsang.nominations.imports.layout import (
    AWARD_COLUMNS,
    AWARD_ROLES,
    AWARDS,
    COLUMNS,
    KINDS,
    LARGE_FILE_ROWS,
    NOMINATION_ROLES,
    NOMINATIONS,
    columns_for,
    may_import,
    roles_for,
)
from guongsang.nominations.imports.parsing import Row, _text, count_rows, parse_row, read_rows
from guongsang.nominations.imports.staging import (
    MAX_UPLOAD_BYTES,
    staged_delete,
    staged_exists,
    staged_name,
    staged_open,
    store_upload,
)
from guongsang.nominations.imports.workbooks import result_xlsx, template_xlsx
from guongsang.nominations.imports.writing import Written

__all__ = [
    "AWARDS",
    "AWARD_COLUMNS",
    "AWARD_ROLES",
    "COLUMNS",
    "KINDS",
    "LARGE_FILE_ROWS",
    "MAX_UPLOAD_BYTES",
    "NOMINATIONS",
    "NOMINATION_ROLES",
    "Preview",
    "Result",
    "Row",
    "RowErrors",
    "Written",
    "_text",
    "columns_for",
    "count_rows",
    "import_commit",
    "may_import",
    "parse_row",
    "preview_file",
    "read_rows",
    "result_xlsx",
    "roles_for",
    "staged_delete",
    "staged_exists",
    "staged_name",
    "staged_open",
    "store_upload",
    "template_xlsx",
    "validate",
]
