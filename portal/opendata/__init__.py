"""Open data: OCDS, CSV exports, API v1 spec and docs, API keys, insight dashboard."""
