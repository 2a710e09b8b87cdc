"""Full-text search behind the portal's own interface (Whoosh today)."""
