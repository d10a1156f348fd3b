"""The import fixtures of the documents app (stand-in extractor, documents, owner) for item tests."""
from tests.documents.conftest import fake_extractor, hn_owner, media_root, write_doc  # noqa: F401
