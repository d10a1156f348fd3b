"""Models of this stage (filled by later issues)."""
