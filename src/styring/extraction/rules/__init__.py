"""Rule families, one module each: document (issuer, addressee, year, language), structure
(headings and labels), items (what is an item, prose obligations), fields (recipients, lead,
deadlines, reporting), statements (document-wide sentences), calendar (reporting deadlines),
money (allocations), tables and template (attachments that repeat items). Rules read the layout
and the registry; none imports another rule module's internals."""
